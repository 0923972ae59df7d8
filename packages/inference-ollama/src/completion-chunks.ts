import {
  type ChatCompletionChunk,
  type ContentDelta,
  type StopReason,
  type TokenUsage,
  usageMetrics,
} from '@llama-stack-ts/api-types';

const EMPTY_TEXT: ContentDelta = { type: 'text', text: '' };

export function startChunk(): ChatCompletionChunk {
  return { event: { event_type: 'start', delta: EMPTY_TEXT } };
}

export function progressChunk(delta: ContentDelta, stopReason?: StopReason): ChatCompletionChunk {
  if (!stopReason) return { event: { event_type: 'progress', delta } };
  return { event: { event_type: 'progress', delta, stop_reason: stopReason } };
}

export function completeChunk(stopReason: StopReason, usage: TokenUsage | undefined): ChatCompletionChunk {
  return {
    event: { event_type: 'complete', delta: EMPTY_TEXT, stop_reason: stopReason },
    ...(usage ? { metrics: usageMetrics(usage) } : {}),
  };
}

/**
 * One Ollama answer, line by line, as chat completion chunks: what a transport (generate or chat) decodes.
 * Synchronous, so a network read's lines are converted in one loop.
 */
export interface OllamaAnswerDecoder {
  /** Adds the chunks this line of the answer makes to `out`; true when it was the final (`done`) line. */
  push(value: unknown, out: ChatCompletionChunk[]): boolean;
  /** After the final line: the closing chunks. Throws an UpstreamError when the answer had no final line. */
  finish(): ChatCompletionChunk[];
}
