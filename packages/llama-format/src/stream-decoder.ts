import type { ContentDelta, StopReason } from '@llama-stack-ts/api-types';
import {
  type DecodedAssistantMessage,
  type DecodeOptions,
  decodeAssistantMessage,
  splitAssistantText,
} from './decode-assistant-message.js';
import { SpecialToken } from './special-tokens.js';
import { classifyStart } from './tool-call-start.js';

export interface StreamDecoder {
  /** Feed the next chunk of raw model output; returns the deltas that are certain now. */
  push(textChunk: string): ContentDelta[];
  /** The stream ended: the final tool-call deltas (succeeded / failed) and the whole decoded message. */
  finish(stopReason: StopReason | undefined): { deltas: ContentDelta[]; message: DecodedAssistantMessage };
}

type Mode = 'pending' | 'text' | 'tool';

const STOP_TOKENS = [SpecialToken.endOfTurn, SpecialToken.endOfMessage];

/**
 * An incremental decoder for streamed Llama output. Text passes through as soon as it cannot be the start of
 * a tool call; once a tool call is certain, deltas carry its raw text with parse_status `started` then
 * `in_progress`, and `finish` parses the whole output (`succeeded` with the ToolCall, or `failed`). Stop
 * tokens are never emitted as text.
 */
export function createStreamDecoder(options: DecodeOptions = {}): StreamDecoder {
  const toolNames = options.tools?.map((tool) => (typeof tool === 'string' ? tool : tool.tool_name));
  let raw = '';
  let mode: Mode = 'pending';
  let emitted = 0;
  let finished = false;

  const visibleEnd = () => raw.length - stopTokenHoldback(raw);

  const emitText = (): ContentDelta[] => {
    const end = visibleEnd();
    if (end <= emitted) return [];
    const text = raw.slice(emitted, end);
    emitted = end;
    return [{ type: 'text', text }];
  };

  const emitToolProgress = (): ContentDelta[] => {
    const end = visibleEnd();
    if (end <= emitted) return [];
    const text = raw.slice(emitted, end);
    emitted = end;
    return [{ type: 'tool_call', tool_call: text, parse_status: 'in_progress' }];
  };

  return {
    push(textChunk) {
      if (finished) throw new Error('push() after finish(): create a new stream decoder for each response');
      raw += textChunk;
      if (mode === 'text') return emitText();
      if (mode === 'tool') return emitToolProgress();
      const decision = classifyStart(raw, toolNames);
      if (decision === 'undecided') return [];
      if (decision === 'text') {
        mode = 'text';
        return emitText();
      }
      mode = 'tool';
      const pythonTagAt = raw.indexOf(SpecialToken.pythonTag);
      if (pythonTagAt >= 0) emitted = pythonTagAt + SpecialToken.pythonTag.length;
      return [{ type: 'tool_call', tool_call: '', parse_status: 'started' }, ...emitToolProgress()];
    },

    finish(stopReason) {
      if (finished) throw new Error('finish() called twice');
      finished = true;
      const message = decodeAssistantMessage(raw, stopReason, options);
      const deltas: ContentDelta[] = [];
      if (mode === 'text') deltas.push(...emitText());
      else if (mode === 'tool') deltas.push(...emitToolProgress());
      for (const call of message.tool_calls) {
        deltas.push({ type: 'tool_call', tool_call: call, parse_status: 'succeeded' });
      }
      for (const call of message.unknown_tool_calls) {
        deltas.push({
          type: 'tool_call',
          tool_call: JSON.stringify({ tool_name: call.tool_name, arguments: call.arguments }),
          parse_status: 'failed',
        });
      }
      const parsedNothing = message.tool_calls.length === 0 && message.unknown_tool_calls.length === 0;
      if (mode === 'tool' && parsedNothing) {
        deltas.push({
          type: 'tool_call',
          tool_call: splitAssistantText(raw, stopReason).body,
          parse_status: 'failed',
        });
      }
      if (mode !== 'text' && parsedNothing && message.content !== '') {
        deltas.push({ type: 'text', text: message.content });
      }
      return { deltas, message };
    },
  };
}

/** How many trailing characters could be (the start of) a stop token, which must not be shown as text. */
function stopTokenHoldback(text: string): number {
  for (const token of STOP_TOKENS) if (text.endsWith(token)) return token.length;
  let longest = 0;
  for (const token of STOP_TOKENS) {
    for (let length = Math.min(token.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(token.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
