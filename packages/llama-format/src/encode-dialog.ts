import {
  InvalidRequestError,
  type InterleavedContent,
  type Message,
  type ResponseFormat,
  type SystemMessageBehavior,
  type ToolChoice,
  type ToolPromptFormat,
} from '@llama-stack-ts/api-types';
import { augmentMessagesForTools, responseFormatPrompt } from './augment-messages.js';
import { encodeContent, encodeMessage } from './encode-message.js';
import { formatTodayDate } from './format-date.js';
import { isMultimodalLlama, type LlamaModelFamily, modelFamilyOf } from './model-family.js';
import { messageHeader, SpecialToken } from './special-tokens.js';
import type { ToolDefinitionLike } from './tool-definition.js';

export interface EncodeDialogOptions {
  /** The Llama family whose prompt format to use. Defaults to the family of `model`, else '3.2'. */
  modelFamily?: LlamaModelFamily;
  /** A model name (Ollama tag or Llama SKU); sets `modelFamily` and `multimodal` when those are not given. */
  model?: string;
  /** Llama 3.2 Vision: formats tools the Llama 3.1 way, as Llama Stack does. */
  multimodal?: boolean;
  /** Tools offered to the model: custom definitions and the builtin brave_search, wolfram_alpha, code_interpreter, photogen. */
  tools?: readonly ToolDefinitionLike[];
  /** How custom tools are described and tool calls in history written. Default: json (3.1), python_list (3.2/3.3). */
  toolPromptFormat?: ToolPromptFormat;
  /** `auto` (default), `required`, `none` (no tools offered) or a tool name the model must use. */
  toolChoice?: ToolChoice;
  /** Whether the dialog's system message is appended to the tool prompt (default) or replaces its preamble. */
  systemMessageBehavior?: SystemMessageBehavior;
  /** The "Today Date" of the Llama 3.1 system prompt (UTC calendar day). Default: now. */
  date?: Date;
  /** Structured output: appends Llama Stack's "Please respond in JSON format with the schema: …" user message. */
  responseFormat?: ResponseFormat;
}

/**
 * The raw Llama 3.x prompt for a dialog, exactly as Llama Stack v0.2 renders it for Ollama's
 * `/api/generate` with `raw: true`: the tool system prompt of the family, every message, and the open
 * assistant header the model completes.
 */
export function encodeDialog(messages: readonly Message[], options: EncodeDialogOptions = {}): string {
  const family = options.modelFamily ?? (options.model ? modelFamilyOf(options.model) : undefined) ?? '3.2';
  const multimodal = options.multimodal ?? (options.model ? isMultimodalLlama(options.model) : false);
  const promptFamily: LlamaModelFamily = family === '3.1' || multimodal ? '3.1' : family;
  const toolChoice = options.toolChoice ?? 'auto';
  const tools = toolChoice === 'none' ? [] : (options.tools ?? []);
  if (toolChoice !== 'auto' && toolChoice !== 'required' && toolChoice !== 'none') {
    if (!tools.some((tool) => tool.tool_name === toolChoice)) {
      throw new InvalidRequestError(
        `tool_choice names ${toolChoice}, which is not among the offered tools (${tools.map((t) => t.tool_name).join(', ') || 'none'})`,
        'tool_config.tool_choice',
      );
    }
  }
  const dialog = augmentMessagesForTools(messages, {
    promptFamily,
    tools,
    toolPromptFormat: options.toolPromptFormat,
    toolChoice,
    systemMessageBehavior: options.systemMessageBehavior ?? 'append',
    today: formatTodayDate(options.date ?? new Date()),
    responseFormat: options.responseFormat,
  });
  const historyFormat = options.toolPromptFormat ?? (promptFamily === '3.1' ? 'json' : 'python_list');
  return encodeMessages(dialog, historyFormat);
}

/**
 * The chat format alone, without any system prompt added: `<|begin_of_text|>`, each message, and the open
 * assistant header. This is what a Llama Guard model receives.
 */
export function encodeMessages(
  messages: readonly Message[],
  toolPromptFormat: ToolPromptFormat = 'python_list',
): string {
  return (
    SpecialToken.beginOfText +
    messages.map((message) => encodeMessage(message, toolPromptFormat)).join('') +
    messageHeader('assistant')
  );
}

export interface EncodeCompletionOptions {
  /** Structured output: appends "Please respond in JSON format with the schema: …" to the text. */
  responseFormat?: ResponseFormat;
}

/** A raw text-completion prompt: `<|begin_of_text|>` and the text, no chat headers. */
export function encodeCompletion(text: InterleavedContent, options: EncodeCompletionOptions = {}): string {
  return (
    SpecialToken.beginOfText + encodeContent(text) + (responseFormatPrompt(options.responseFormat) ?? '')
  );
}
