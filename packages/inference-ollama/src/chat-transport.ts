import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  JsonObject,
  StopReason,
  ToolCall,
} from '@llama-stack-ts/api-types';
import { type OllamaChatMessage, type OllamaTool, ollamaChatMessages, ollamaTools } from './chat-messages.js';
import { completeChunk, type OllamaAnswerDecoder, progressChunk } from './completion-chunks.js';
import { ollamaFormat } from './generate-transport.js';
import {
  type OllamaChatChunk,
  type OllamaToolCall,
  ollamaChunk,
  stopReasonFromOllama,
  streamEndedEarly,
  usageFromOllama,
} from './ollama-wire.js';
import type { OllamaOptions } from './sampling-options.js';
import { effectiveToolConfig } from './tool-choice.js';

export const CHAT_PATH = '/api/chat';

export interface ChatBody {
  model: string;
  messages: OllamaChatMessage[];
  tools?: OllamaTool[];
  format?: JsonObject;
  options: OllamaOptions;
  stream: boolean;
  keep_alive?: string | number;
}

/** The `/api/chat` body for models outside the Llama family (and requests with images): native tools. */
export function chatBody(request: ChatCompletionRequest, model: string, options: OllamaOptions): ChatBody {
  const { toolChoice } = effectiveToolConfig(request);
  const tools = toolChoice === 'none' ? [] : request.tools;
  const format = ollamaFormat(request.response_format);
  return {
    model,
    messages: ollamaChatMessages(request.messages),
    ...(tools.length > 0 ? { tools: ollamaTools(tools) } : {}),
    ...(format ? { format } : {}),
    options,
    stream: request.stream,
  };
}

/**
 * Ollama chat chunks → chat completion chunks: content as text deltas, each native tool call as one
 * `succeeded` tool-call delta (Ollama parses calls itself; the id is Ollama's or a new one).
 */
export class ChatAnswerDecoder implements OllamaAnswerDecoder {
  private received = 0;
  /** Ollama's final (`done`) chunk, with its stats. */
  final: OllamaChatChunk | undefined;

  constructor(private readonly newCallId: () => string) {}

  push(value: unknown, out: ChatCompletionChunk[]): boolean {
    const chunk = ollamaChunk<OllamaChatChunk>(value, CHAT_PATH);
    this.received++;
    const message = chunk.message;
    const content = message?.content;
    if (content) out.push(progressChunk({ type: 'text', text: content }));
    const calls = message?.tool_calls;
    if (calls) {
      for (const call of calls) {
        const toolCall = toolCallOf(call, this.newCallId);
        out.push(
          progressChunk(
            toolCall
              ? { type: 'tool_call', tool_call: toolCall, parse_status: 'succeeded' }
              : { type: 'tool_call', tool_call: JSON.stringify(call.function), parse_status: 'failed' },
          ),
        );
      }
    }
    if (!chunk.done) return false;
    this.final = chunk;
    return true;
  }

  finish(): ChatCompletionChunk[] {
    const final = this.final;
    if (!final) throw streamEndedEarly(CHAT_PATH, this.received);
    // An answer that is done without a reason ended on its own, like `stop`.
    const stopReason: StopReason = stopReasonFromOllama(final.done_reason) ?? 'end_of_turn';
    return [completeChunk(stopReason, usageFromOllama(final))];
  }
}

/** Ollama sends arguments as an object; a string that is not a JSON object is a call we cannot run. */
function toolCallOf(call: OllamaToolCall, newCallId: () => string): ToolCall | undefined {
  let args: unknown = call.function.arguments ?? {};
  if (typeof args === 'string') {
    try {
      args = JSON.parse(args);
    } catch {
      return undefined;
    }
  }
  if (args === null || typeof args !== 'object' || Array.isArray(args)) return undefined;
  return {
    call_id: call.id ?? newCallId(),
    tool_name: call.function.name,
    arguments: args as JsonObject,
    arguments_json: JSON.stringify(args),
  };
}
