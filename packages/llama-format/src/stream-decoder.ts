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
const TEXT_HELD_TOKENS = [...STOP_TOKENS, SpecialToken.pythonTag];

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

  let toolStartedAt = 0;
  const visibleEnd = () =>
    raw.length - holdback(raw, mode === 'text' && !finished ? TEXT_HELD_TOKENS : STOP_TOKENS);

  const startTool = (): ContentDelta[] => {
    mode = 'tool';
    const pythonTagAt = raw.indexOf(SpecialToken.pythonTag, emitted);
    if (pythonTagAt >= 0) emitted = pythonTagAt + SpecialToken.pythonTag.length;
    toolStartedAt = emitted;
    return [{ type: 'tool_call', tool_call: '', parse_status: 'started' }, ...emitToolProgress()];
  };

  /** Text mode until a `<|python_tag|>` shows up after a preamble: then the rest is a tool call. */
  const continueText = (): ContentDelta[] => {
    const tagAt = raw.indexOf(SpecialToken.pythonTag, emitted);
    if (tagAt < 0) return emitText();
    const before = raw.slice(emitted, tagAt);
    emitted = tagAt;
    return [...(before ? [{ type: 'text' as const, text: before }] : []), ...startTool()];
  };

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
      if (mode === 'text') return continueText();
      if (mode === 'tool') return emitToolProgress();
      const decision = classifyStart(raw, toolNames);
      if (decision === 'undecided') return [];
      if (decision === 'text') {
        mode = 'text';
        return continueText();
      }
      return startTool();
    },

    finish(stopReason) {
      if (finished) throw new Error('finish() called twice');
      finished = true;
      const message = decodeAssistantMessage(raw, stopReason, options);
      const deltas: ContentDelta[] = [];
      if (mode === 'text') deltas.push(...continueText());
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
        // What looked like a tool call is the answer after all: say so, then show it as text.
        const toolText = splitAssistantText(raw.slice(toolStartedAt), stopReason).body;
        deltas.push({ type: 'tool_call', tool_call: toolText, parse_status: 'failed' });
        if (toolText !== '') deltas.push({ type: 'text', text: toolText });
      } else if (mode === 'pending' && parsedNothing && message.content !== '') {
        deltas.push({ type: 'text', text: message.content });
      }
      return { deltas, message };
    },
  };
}

/** How many trailing characters could be (the start of) one of the tokens, which must not be shown yet. */
function holdback(text: string, tokens: readonly string[]): number {
  for (const token of STOP_TOKENS) if (text.endsWith(token)) return token.length;
  let longest = 0;
  for (const token of tokens) {
    for (let length = Math.min(token.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(token.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
