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
  return { event: { event_type: 'progress', delta, ...(stopReason ? { stop_reason: stopReason } : {}) } };
}

export function completeChunk(stopReason: StopReason, usage: TokenUsage | undefined): ChatCompletionChunk {
  return {
    event: { event_type: 'complete', delta: EMPTY_TEXT, stop_reason: stopReason },
    ...(usage ? { metrics: usageMetrics(usage) } : {}),
  };
}
