import {
  InvalidRequestError,
  type InterleavedContent,
  type Message,
  type ResponseFormat,
  type SystemMessage,
  type SystemMessageBehavior,
  type ToolChoice,
  type ToolPromptFormat,
  NotImplementedError,
} from '@llama-stack-ts/api-types';
import type { LlamaModelFamily } from './model-family.js';
import { pythonJsonDumps } from './python-literals.js';
import { builtinToolsBlock, dateBlock } from './system-prompt-builtin-tools.js';
import { functionTagToolPrompt } from './system-prompt-function-tag.js';
import { jsonToolPrompt } from './system-prompt-json.js';
import { pythonListToolPrompt } from './system-prompt-python-list.js';
import { splitTools, type ToolDefinitionLike } from './tool-definition.js';

export interface AugmentOptions {
  /** The prompt style: '3.1' (also Llama 3.2 Vision) or '3.2' / '3.3'. */
  promptFamily: LlamaModelFamily;
  tools: readonly ToolDefinitionLike[];
  toolPromptFormat: ToolPromptFormat | undefined;
  toolChoice: ToolChoice;
  systemMessageBehavior: SystemMessageBehavior;
  today: string;
  responseFormat: ResponseFormat | undefined;
}

/**
 * The dialog Llama Stack v0.2 actually sends: the tool system prompt of the family merged with the caller's
 * system message, the 3.1 custom-tool instructions as a user message, the response-format instruction last.
 */
export function augmentMessagesForTools(messages: readonly Message[], options: AugmentOptions): Message[] {
  const [first, ...rest] = messages;
  if (!first) throw new InvalidRequestError('A dialog needs at least one message', 'messages');
  const system = first.role === 'system' ? first : undefined;
  const dialog = system ? rest : [...messages];
  if (dialog[0]?.role === 'system') {
    throw new InvalidRequestError('Only one system message is supported, and it must come first', 'messages');
  }
  const augmented =
    options.promptFamily === '3.1'
      ? augmentLlama31(system, dialog, options)
      : augmentLlama32(system, dialog, options);
  const formatPrompt = responseFormatPrompt(options.responseFormat);
  if (formatPrompt) augmented.push({ role: 'user', content: formatPrompt });
  return augmented;
}

function augmentLlama31(
  system: SystemMessage | undefined,
  dialog: Message[],
  options: AugmentOptions,
): Message[] {
  const { tools } = options;
  let content = '';
  if (tools.length > 0) content += `${builtinToolsBlock(tools)}\n`;
  content += dateBlock(options.today);
  if (system) content += `\n${systemText(system.content, '<media>')}`;
  const choice = toolChoicePrompt(options.toolChoice);
  if (choice) content += `\n${choice}`;
  const out: Message[] = [{ role: 'system', content }];
  const { custom } = splitTools(tools);
  if (custom.length > 0) {
    const format = options.toolPromptFormat ?? 'json';
    if (format === 'python_list') {
      throw new InvalidRequestError(
        'Llama 3.1 takes custom tools in the json or function_tag format, not python_list',
        'tool_config.tool_prompt_format',
      );
    }
    out.push({
      role: 'user',
      content: format === 'json' ? jsonToolPrompt(custom) : functionTagToolPrompt(custom),
    });
  }
  return [...out, ...dialog];
}

function augmentLlama32(
  system: SystemMessage | undefined,
  dialog: Message[],
  options: AugmentOptions,
): Message[] {
  const { builtin, custom } = splitTools(options.tools);
  let content = '';
  if (builtin.length > 0) content += `${builtinToolsBlock(builtin)}\n`;
  if (custom.length > 0) {
    const format = options.toolPromptFormat ?? 'python_list';
    if (format !== 'python_list') {
      throw new InvalidRequestError(
        `Llama 3.2 and 3.3 take custom tools in the python_list format, not ${format}`,
        'tool_config.tool_prompt_format',
      );
    }
    const replacement =
      system && options.systemMessageBehavior === 'replace'
        ? systemText(system.content, '<image>')
        : undefined;
    content += `${pythonListToolPrompt(custom, replacement)}\n`;
  }
  if (system && (options.systemMessageBehavior === 'append' || custom.length === 0)) {
    content += systemText(system.content, '<image>');
  }
  const choice = toolChoicePrompt(options.toolChoice);
  if (choice) content += `\n${choice}`;
  return [{ role: 'system', content: stripNewlines(content) }, ...dialog];
}

/** The line Llama Stack adds for `tool_choice` other than auto / none. */
export function toolChoicePrompt(toolChoice: ToolChoice): string {
  if (toolChoice === 'auto' || toolChoice === 'none') return '';
  if (toolChoice === 'required')
    return 'You MUST use one of the provided functions/tools to answer the user query.';
  return `You MUST use the tool \`${toolChoice}\` to answer the user query.`;
}

/** The instruction Llama Stack appends (as a user message, or to a completion) for structured output. */
export function responseFormatPrompt(format: ResponseFormat | undefined): string | undefined {
  if (!format) return undefined;
  if (format.type === 'grammar') {
    throw new NotImplementedError(
      'The grammar response format is not supported for Llama prompts; use json_schema',
    );
  }
  return `Please respond in JSON format with the schema: ${pythonJsonDumps(format.json_schema)}`;
}

function systemText(content: InterleavedContent, imageText: string): string {
  if (typeof content === 'string') return content;
  const items = Array.isArray(content) ? content : [content];
  return items.map((item) => (item.type === 'text' ? item.text : imageText)).join('\n');
}

const NEWLINE = 10;

/** The text without its leading and trailing newlines (a loop: `/^\n+|\n+$/g` tried every position). */
function stripNewlines(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === NEWLINE) start++;
  while (end > start && text.charCodeAt(end - 1) === NEWLINE) end--;
  return text.slice(start, end);
}
