import type {
  ChatCompletionRequest,
  CompletionMessage,
  ContentDelta,
  InterleavedContent,
  StopReason,
  ToolCall,
} from '@llama-stack-ts/api-types';
import { iterateWithAbort } from './abort.js';
import type { TurnContext } from './turn-context.js';

/**
 * Streams one model call: yields the deltas to show, returns the assistant message. The stop reason is the
 * provider's (the `complete` event's, else the last one seen, else out_of_tokens), not forced to end_of_turn.
 * As in Llama Stack, content is cleared once tool calls parsed (so call text is not encoded twice), and a
 * tool call that failed to parse becomes the content.
 */
export async function* streamModelResponse(
  ctx: TurnContext,
  request: ChatCompletionRequest,
): AsyncGenerator<ContentDelta, CompletionMessage> {
  let text = '';
  let failedCallText: string | undefined;
  const toolCalls: ToolCall[] = [];
  let stopReason: StopReason | undefined;
  const stream = ctx.inference.chatCompletion(request, { signal: ctx.signal });
  for await (const chunk of iterateWithAbort(stream, ctx.signal)) {
    const { event } = chunk;
    if (event.stop_reason) stopReason = event.stop_reason;
    if (event.event_type === 'start') continue;
    const { delta } = event;
    if (delta.type === 'text') {
      if (delta.text === '') continue;
      text += delta.text;
      yield delta;
    } else if (delta.type === 'tool_call') {
      if (delta.parse_status === 'succeeded' && typeof delta.tool_call !== 'string') {
        toolCalls.push(delta.tool_call);
      } else if (delta.parse_status === 'failed') {
        failedCallText =
          typeof delta.tool_call === 'string' ? delta.tool_call : JSON.stringify(delta.tool_call);
      }
      yield delta;
    } else {
      yield delta;
    }
  }
  let content: InterleavedContent = failedCallText ?? text;
  if (toolCalls.length > 0) content = '';
  return {
    role: 'assistant',
    content,
    stop_reason: stopReason ?? 'out_of_tokens',
    tool_calls: toolCalls,
  };
}
