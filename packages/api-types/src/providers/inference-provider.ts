import type { ChatCompletionChunk, ChatCompletionRequest } from '../inference.js';
import type { Model } from '../models.js';
import type { CallOptions } from './call-options.js';

/**
 * A model backend. `chatCompletion` always streams: a `start` chunk, `progress` chunks with text and tool-call
 * deltas, and one `complete` chunk with the stop reason (and usage metrics). Non-streaming callers collect the
 * stream with `collectChatCompletion`.
 */
export interface InferenceProvider {
  readonly id: string;
  chatCompletion(request: ChatCompletionRequest, options?: CallOptions): AsyncIterable<ChatCompletionChunk>;
  listModels(options?: CallOptions): Promise<Model[]>;
}
