import { contentToText, type Message, toolCallArguments } from '@llama-stack-ts/api-types';
import { type CodeLanguage, languageOfFence } from './language.js';

/** Where a piece of code was found in a message. */
export type SnippetOrigin =
  | { type: 'tool_call'; tool_name: string; call_id: string }
  /** A fenced block in the message text; `line` is where its first code line sits in the text (1-based). */
  | { type: 'code_block'; index: number; line: number; info: string };

export interface CodeSnippet {
  code: string;
  /** From the fence or the tool; undefined when it has to be guessed; 'other' for a language we do not scan. */
  language: CodeLanguage | 'other' | undefined;
  origin: SnippetOrigin;
}

/**
 * The code in a message: the `code` argument of tool calls (code_interpreter runs Python) and the fenced code
 * blocks of its text. Prose outside fences is not code and is never scanned.
 */
export function codeSnippetsOf(message: Message): CodeSnippet[] {
  const snippets: CodeSnippet[] = [];
  if (message.role === 'assistant') {
    for (const call of message.tool_calls) {
      const code = toolCallArguments(call).code;
      if (typeof code !== 'string' || code.trim() === '') continue;
      snippets.push({
        code,
        language: call.tool_name === 'code_interpreter' ? 'python' : undefined,
        origin: { type: 'tool_call', tool_name: call.tool_name, call_id: call.call_id },
      });
    }
  }
  snippets.push(...fencedCodeBlocks(contentToText(message.content)));
  return snippets;
}

/** CommonMark fenced code blocks (``` or ~~~, up to three spaces of indent); an unclosed fence runs to the end. */
export function fencedCodeBlocks(text: string): CodeSnippet[] {
  const lines = text.split('\n');
  const blocks: CodeSnippet[] = [];
  let open: { fence: string; info: string; indent: number; start: number } | undefined;
  const close = (end: number) => {
    if (!open) return;
    const indent = open.indent;
    const code = lines
      .slice(open.start, end)
      .map((line) => line.replace(new RegExp(`^ {0,${indent}}`), ''))
      .join('\n');
    blocks.push({
      code,
      language: languageOfFence(open.info),
      origin: { type: 'code_block', index: blocks.length, line: open.start + 1, info: open.info },
    });
    open = undefined;
  };
  lines.forEach((line, index) => {
    if (open) {
      const closing = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      const fence = closing?.[1] ?? '';
      if (fence[0] === open.fence[0] && fence.length >= open.fence.length) close(index);
      return;
    }
    const opening = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(line);
    if (!opening) return;
    const [, indent = '', fence = '', info = ''] = opening;
    if (fence[0] === '`' && info.includes('`')) return;
    open = { fence, info: info.trim(), indent: indent.length, start: index + 1 };
  });
  close(lines.length);
  return blocks;
}
