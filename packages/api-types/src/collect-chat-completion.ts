import type { ChatCompletionChunk, ChatCompletionResponse, MetricInResponse } from './inference.js';
import type { StopReason } from './messages.js';
import type { ToolCall } from './tools.js';
import { UpstreamError } from './errors.js';

/** Drain a chat completion stream into one response: the non-streaming API is the stream collected. */
export async function collectChatCompletion(
  stream: AsyncIterable<ChatCompletionChunk>,
): Promise<ChatCompletionResponse> {
  let text = '';
  const toolCalls: ToolCall[] = [];
  let stopReason: StopReason | undefined;
  let metrics: MetricInResponse[] | undefined;
  let completed = false;
  for await (const chunk of stream) {
    const { event } = chunk;
    if (chunk.metrics) metrics = chunk.metrics;
    if (event.delta.type === 'text') text += event.delta.text;
    else if (event.delta.type === 'tool_call' && event.delta.parse_status === 'succeeded') {
      if (typeof event.delta.tool_call !== 'string') toolCalls.push(event.delta.tool_call);
    }
    if (event.stop_reason) stopReason = event.stop_reason;
    if (event.event_type === 'complete') completed = true;
  }
  if (!completed) throw new UpstreamError('The model stream ended without a complete event');
  return {
    completion_message: {
      role: 'assistant',
      content: text,
      stop_reason: stopReason ?? 'out_of_tokens',
      tool_calls: toolCalls,
    },
    ...(metrics ? { metrics } : {}),
  };
}
