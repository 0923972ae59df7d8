import type { ContentDelta, StopReason } from '@llama-stack-ts/api-types';
import {
  type DecodedAssistantMessage,
  type DecodeOptions,
  decodeAssistantMessage,
  splitAssistantText,
} from './decode-assistant-message.js';
import { SpecialToken } from './special-tokens.js';
import { classifyStart } from './tool-call-start.js';

export interface StreamDecoder {
  /** Feed the next chunk of raw model output; returns the deltas that are certain now. */
  push(textChunk: string): ContentDelta[];
  /** The stream ended: the final tool-call deltas (succeeded / failed) and the whole decoded message. */
  finish(stopReason: StopReason | undefined): { deltas: ContentDelta[]; message: DecodedAssistantMessage };
}

type Mode = 'pending' | 'text' | 'tool';

const STOP_TOKENS = [SpecialToken.endOfTurn, SpecialToken.endOfMessage];
const TEXT_HELD_TOKENS = [...STOP_TOKENS, SpecialToken.pythonTag];
const LONGEST_HELD_TOKEN = Math.max(...TEXT_HELD_TOKENS.map((token) => token.length));

/**
 * An incremental decoder for streamed Llama output. Text passes through as soon as it cannot be the start of
 * a tool call; once a tool call is certain, deltas carry its raw text with parse_status `started` then
 * `in_progress`, and `finish` parses the whole output (`succeeded` with the ToolCall, or `failed`). Stop
 * tokens are never emitted as text.
 */
export function createStreamDecoder(options: DecodeOptions = {}): StreamDecoder {
  const toolNames = options.tools?.map((tool) => (typeof tool === 'string' ? tool : tool.tool_name));
  // `raw` is only appended to until finish() reads it whole; per chunk the decoder works on `unsent`, the
  // short tail not emitted yet, so a push never copies the whole answer so far.
  let raw = '';
  let unsent = '';
  let mode: Mode = 'pending';
  let finished = false;

  let toolStartedAt = 0;
  const heldTokens = () => (mode === 'text' && !finished ? TEXT_HELD_TOKENS : STOP_TOKENS);

  const startTool = (): ContentDelta[] => {
    mode = 'tool';
    const pythonTagAt = unsent.indexOf(SpecialToken.pythonTag);
    if (pythonTagAt >= 0) unsent = unsent.slice(pythonTagAt + SpecialToken.pythonTag.length);
    toolStartedAt = raw.length - unsent.length;
    const started: ContentDelta = { type: 'tool_call', tool_call: '', parse_status: 'started' };
    const text = takeVisible();
    return text === ''
      ? [started]
      : [started, { type: 'tool_call', tool_call: text, parse_status: 'in_progress' }];
  };

  /** Text mode until a `<|python_tag|>` shows up after a preamble: then the rest is a tool call. */
  const continueText = (): ContentDelta[] => {
    const tagAt = unsent.indexOf(SpecialToken.pythonTag);
    if (tagAt < 0) {
      const text = takeVisible();
      return text === '' ? [] : [{ type: 'text', text }];
    }
    const before = unsent.slice(0, tagAt);
    unsent = unsent.slice(tagAt);
    return before ? [{ type: 'text', text: before }, ...startTool()] : startTool();
  };

  const emitToolProgress = (): ContentDelta[] => {
    const text = takeVisible();
    return text === '' ? [] : [{ type: 'tool_call', tool_call: text, parse_status: 'in_progress' }];
  };

  /** The unsent text that can be shown now (all of it but a possible special token at its end). */
  const takeVisible = (): string => {
    const held = holdback(unsent, heldTokens());
    if (held === 0) {
      const text = unsent;
      unsent = '';
      return text;
    }
    const end = unsent.length - held;
    if (end <= 0) return '';
    const text = unsent.slice(0, end);
    unsent = unsent.slice(end);
    return text;
  };

  return {
    push(textChunk) {
      if (finished) throw new Error('push() after finish(): create a new stream decoder for each response');
      raw += textChunk;
      unsent += textChunk;
      if (mode === 'text') return continueText();
      if (mode === 'tool') return emitToolProgress();
      const decision = classifyStart(raw, toolNames);
      if (decision === 'undecided') return [];
      if (decision === 'text') {
        mode = 'text';
        return continueText();
      }
      return startTool();
    },

    finish(stopReason) {
      if (finished) throw new Error('finish() called twice');
      finished = true;
      const message = decodeAssistantMessage(raw, stopReason, options);
      const deltas: ContentDelta[] = [];
      if (mode === 'text') deltas.push(...continueText());
      else if (mode === 'tool') deltas.push(...emitToolProgress());
      for (const call of message.tool_calls) {
        deltas.push({ type: 'tool_call', tool_call: call, parse_status: 'succeeded' });
      }
      for (const call of message.unknown_tool_calls) {
        deltas.push({
          type: 'tool_call',
          tool_call: JSON.stringify({ tool_name: call.tool_name, arguments: call.arguments }),
          parse_status: 'failed',
        });
      }
      const parsedNothing = message.tool_calls.length === 0 && message.unknown_tool_calls.length === 0;
      if (mode === 'tool' && parsedNothing) {
        // What looked like a tool call is the answer after all: say so, then show it as text.
        const toolText = splitAssistantText(raw.slice(toolStartedAt), stopReason).body;
        deltas.push({ type: 'tool_call', tool_call: toolText, parse_status: 'failed' });
        if (toolText !== '') deltas.push({ type: 'text', text: toolText });
      } else if (mode === 'pending' && parsedNothing && message.content !== '') {
        deltas.push({ type: 'text', text: message.content });
      }
      return { deltas, message };
    },
  };
}

/**
 * How many trailing characters could be (the start of) one of the tokens, which must not be shown yet: the
 * longest end of `text` that is a proper prefix of a token, or a whole stop token. Every token starts with
 * `<|`, so only a `<` within the longest token's length of the end can start one; compared in place.
 */
function holdback(text: string, tokens: readonly string[]): number {
  let at = text.indexOf('<', Math.max(0, text.length - LONGEST_HELD_TOKEN));
  while (at >= 0) {
    const length = text.length - at;
    for (const token of tokens) {
      const fits = length < token.length || (length === token.length && isStopToken(token));
      if (fits && matchesAt(text, at, token, length)) return length;
    }
    at = text.indexOf('<', at + 1);
  }
  return 0;
}

/** Whether `text` from `at` holds the first `length` characters of `token`. */
function matchesAt(text: string, at: number, token: string, length: number): boolean {
  for (let i = 0; i < length; i++) if (text.charCodeAt(at + i) !== token.charCodeAt(i)) return false;
  return true;
}

function isStopToken(token: string): boolean {
  return token === SpecialToken.endOfTurn || token === SpecialToken.endOfMessage;
}
