import {
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  InvalidRequestError,
  type JsonObject,
  type ResponseFormat,
} from '@llama-stack-ts/api-types';
import {
  createStreamDecoder,
  type DecodedAssistantMessage,
  type DecodeOptions,
  encodeDialog,
  encodeMessages,
  type StreamDecoder,
} from '@llama-stack-ts/llama-format';
import { completeChunk, type OllamaAnswerDecoder, progressChunk } from './completion-chunks.js';
import {
  type OllamaGenerateChunk,
  ollamaChunk,
  stopReasonFromOllama,
  streamEndedEarly,
  usageFromOllama,
} from './ollama-wire.js';
import type { OllamaOptions } from './sampling-options.js';
import { effectiveToolConfig } from './tool-choice.js';

export const GENERATE_PATH = '/api/generate';

export interface GenerateBody {
  model: string;
  raw: true;
  prompt: string;
  format?: JsonObject;
  options: OllamaOptions;
  stream: boolean;
  keep_alive?: string | number;
}

export interface GeneratePlanOptions {
  options: OllamaOptions;
  /** The "Today Date" of prompts that carry one. */
  date: Date;
  /** Llama Guard models get the plain chat format: one user turn, no tool prompt. */
  plainChatFormat: boolean;
}

/** The `/api/generate` body Llama Stack sends for a chat request: the exact raw Llama prompt, `raw: true`. */
export function generateBody(
  request: ChatCompletionRequest,
  model: string,
  plan: GeneratePlanOptions,
): GenerateBody {
  const format = ollamaFormat(request.response_format);
  const { toolChoice, toolPromptFormat, systemMessageBehavior } = effectiveToolConfig(request);
  const prompt = plan.plainChatFormat
    ? encodeMessages(request.messages)
    : encodeDialog(request.messages, {
        model,
        tools: request.tools,
        toolChoice,
        ...(toolPromptFormat ? { toolPromptFormat } : {}),
        systemMessageBehavior,
        date: plan.date,
        ...(request.response_format ? { responseFormat: request.response_format } : {}),
      });
  return {
    model,
    raw: true,
    prompt,
    ...(format ? { format } : {}),
    options: plan.options,
    stream: request.stream,
  };
}

/** Structured output: Ollama's `format` takes the JSON schema itself. */
export function ollamaFormat(responseFormat: ResponseFormat | undefined): JsonObject | undefined {
  if (!responseFormat) return undefined;
  if (responseFormat.type === 'json_schema') return responseFormat.json_schema;
  throw new InvalidRequestError(
    'Ollama does not support grammar (BNF) response formats; use { type: "json_schema", json_schema } instead',
    'response_format',
  );
}

/**
 * Raw model output (Ollama generate chunks, or the one body of a non-streaming answer) → chat completion
 * chunks: text and tool-call deltas from the incremental Llama decoder, then `complete` with the stop reason
 * and token usage. An answer without its final `done` chunk is an error, never a silent short answer.
 */
export class GenerateAnswerDecoder implements OllamaAnswerDecoder {
  private readonly decoder: StreamDecoder;
  private received = 0;
  /** Ollama's final (`done`) chunk, with its stats. */
  final: OllamaGenerateChunk | undefined;
  /** The whole decoded message, once finished. */
  message: DecodedAssistantMessage | undefined;

  constructor(decoderOptions: DecodeOptions) {
    this.decoder = createStreamDecoder(decoderOptions);
  }

  push(value: unknown, out: ChatCompletionChunk[]): boolean {
    const chunk = ollamaChunk<OllamaGenerateChunk>(value, GENERATE_PATH);
    this.received++;
    if (chunk.response) {
      const deltas = this.decoder.push(chunk.response);
      for (let i = 0; i < deltas.length; i++) out.push(progressChunk(deltas[i]!));
    }
    if (!chunk.done) return false;
    this.final = chunk;
    return true;
  }

  finish(): ChatCompletionChunk[] {
    const final = this.final;
    if (!final) throw streamEndedEarly(GENERATE_PATH, this.received);
    const { deltas, message } = this.decoder.finish(stopReasonFromOllama(final.done_reason));
    this.message = message;
    const out = deltas.map((delta) =>
      progressChunk(delta, delta.type === 'tool_call' ? message.stop_reason : undefined),
    );
    out.push(completeChunk(message.stop_reason, usageFromOllama(final)));
    return out;
  }
}
