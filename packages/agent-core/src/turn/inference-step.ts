import type {
  ChatCompletionChunk,
  CompletionMessage,
  ContentDelta,
  InterleavedContent,
  StopReason,
  ToolCall,
} from '@llama-stack-ts/api-types';

/**
 * Collects one model call's stream into the assistant message, chunk by chunk, and says which deltas to
 * show. The stop reason is the provider's (the `complete` event's, else the last one seen, else
 * out_of_tokens), not forced to end_of_turn. As in Llama Stack, content is cleared once tool calls parsed
 * (so call text is not encoded twice), and a tool call that failed to parse becomes the content.
 * Synchronous on purpose: it runs once per streamed token.
 */
export class ModelResponse {
  #text = '';
  #failedCallText: string | undefined;
  readonly #toolCalls: ToolCall[] = [];
  #stopReason: StopReason | undefined;

  /** Takes one chunk of the provider's stream; returns the delta to show, if any. */
  add(chunk: ChatCompletionChunk): ContentDelta | undefined {
    const { event } = chunk;
    if (event.stop_reason) this.#stopReason = event.stop_reason;
    if (event.event_type === 'start') return undefined;
    const { delta } = event;
    if (delta.type === 'text') {
      if (delta.text === '') return undefined;
      this.#text += delta.text;
    } else if (delta.type === 'tool_call') {
      if (delta.parse_status === 'succeeded' && typeof delta.tool_call !== 'string') {
        this.#toolCalls.push(delta.tool_call);
      } else if (delta.parse_status === 'failed') {
        this.#failedCallText =
          typeof delta.tool_call === 'string' ? delta.tool_call : JSON.stringify(delta.tool_call);
      }
    }
    return delta;
  }

  /** The assistant message of the whole stream. */
  message(): CompletionMessage {
    let content: InterleavedContent = this.#failedCallText ?? this.#text;
    if (this.#toolCalls.length > 0) content = '';
    return {
      role: 'assistant',
      content,
      stop_reason: this.#stopReason ?? 'out_of_tokens',
      tool_calls: this.#toolCalls,
    };
  }
}
