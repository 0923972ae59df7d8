import type { ContentDelta, ToolCall } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { reproduce } from '../test/recorded-dialogs.js';
import {
  type GenerateRecording,
  generateRecordings,
  recordedChunks,
  recordedOutput,
} from '../test/recordings.js';
import { decodeAssistantMessage } from './decode-assistant-message.js';
import { encodeToolCalls } from './encode-tool-call.js';
import { createStreamDecoder } from './stream-decoder.js';

/** Every recorded Llama 3.2 chat exchange with the tools that were offered. */
const chats = generateRecordings().flatMap((recording) => {
  const outcome = reproduce(recording);
  return outcome.kind === 'chat'
    ? [{ recording, tools: outcome.scenario.tools, toolChoice: outcome.scenario.toolChoice }]
    : [];
});

/**
 * What Llama Stack did with an output, as later recorded prompts of the same dialog (same model) show it:
 * the assistant turns that follow this exact prompt. The same prompt recorded on other days may have had
 * another answer, so this is the set of turns seen.
 */
function followUpAssistantTurns(recording: GenerateRecording): Set<string> {
  const { prompt, model } = recording.request.body;
  const turns = new Set<string>();
  for (const other of generateRecordings()) {
    const next = other.request.body.prompt;
    if (other.request.body.model === model && next.length > prompt.length && next.startsWith(prompt)) {
      const rest = next.slice(prompt.length);
      turns.add(rest.slice(0, rest.indexOf('<|eot_id|>') + '<|eot_id|>'.length));
    }
  }
  return turns;
}

/** `get_weather({"location": "San Francisco, CA"})` from the index description (Llama Stack's own parse). */
function describedCall(recording: GenerateRecording): { name: string; args: unknown } | undefined {
  const match = /model emits a tool call: (\w+)\((\{.*?\})\)(?:;|$)/.exec(recording.row.description);
  return match ? { name: match[1]!, args: JSON.parse(match[2]!) } : undefined;
}

const offeredNames = (tools: { tool_name: string }[], toolChoice?: string) =>
  toolChoice === 'none' ? [] : tools.map((tool) => tool.tool_name);

describe('recorded model outputs decode as Llama Stack decoded them', () => {
  const withCalls = chats.filter(({ recording }) => recording.row.tags.includes('tool_call'));
  const followed = chats.filter(({ recording }) => followUpAssistantTurns(recording).size > 0);

  it(`finds the tool calls of the ${withCalls.length} outputs Llama Stack parsed as calls`, () => {
    expect(withCalls.length).toBe(50);
    for (const { recording, tools, toolChoice } of withCalls) {
      const message = decodeAssistantMessage(recordedOutput(recording), 'end_of_turn', {
        tools: offeredNames(tools, toolChoice),
      });
      const described = describedCall(recording)!;
      expect(
        message.tool_calls.map((call) => [call.tool_name, call.arguments]),
        recording.id,
      ).toEqual([[described.name, described.args]]);
      expect(message.content, recording.id).toBe('');
      expect(message.problems, recording.id).toEqual([]);
    }
  });

  it(`re-encodes each decoded answer exactly as the next recorded prompt holds it (${followed.length} outputs)`, () => {
    expect(followed.length).toBeGreaterThanOrEqual(5);
    for (const { recording, tools, toolChoice } of followed) {
      const message = decodeAssistantMessage(recordedOutput(recording), 'end_of_turn', {
        tools: offeredNames(tools, toolChoice),
      });
      const reencoded = `${message.content}${encodeToolCalls(message.tool_calls, 'python_list')}<|eot_id|>`;
      expect(followUpAssistantTurns(recording), recording.id).toContain(reencoded);
    }
  });

  it('reads every other output as plain text, the text unchanged', () => {
    for (const { recording, tools, toolChoice } of chats) {
      if (recording.row.tags.includes('tool_call')) continue;
      const output = recordedOutput(recording);
      const message = decodeAssistantMessage(output, 'end_of_turn', {
        tools: offeredNames(tools, toolChoice),
      });
      expect(message.tool_calls, recording.id).toEqual([]);
      expect(message.unknown_tool_calls, recording.id).toEqual([]);
      expect(message.content, recording.id).toBe(output.replace(/^ +| +$/g, ''));
    }
  });
});

describe('recorded streams through the incremental decoder', () => {
  const streamed = chats.filter(({ recording }) => recording.response.streaming);

  function run(recording: GenerateRecording, tools: string[]) {
    const decoder = createStreamDecoder({ tools, newCallId: () => 'call-1' });
    const deltas: ContentDelta[] = [];
    for (const chunk of recordedChunks(recording)) deltas.push(...decoder.push(chunk));
    const { deltas: last, message } = decoder.finish('end_of_turn');
    return { deltas: [...deltas, ...last], message };
  }

  it(`streams the tool calls as started, in_progress and succeeded deltas`, () => {
    const calls = streamed.filter(({ recording }) => recording.row.tags.includes('tool_call'));
    expect(calls.length).toBeGreaterThanOrEqual(30);
    for (const { recording, tools, toolChoice } of calls) {
      const { deltas, message } = run(recording, offeredNames(tools, toolChoice));
      expect(
        deltas.filter((delta) => delta.type === 'text'),
        recording.id,
      ).toEqual([]);
      const statuses = deltas.map((delta) => (delta.type === 'tool_call' ? delta.parse_status : delta.type));
      expect(statuses[0], recording.id).toBe('started');
      expect(statuses.at(-1), recording.id).toBe('succeeded');
      expect(new Set(statuses.slice(1, -1)), recording.id).toEqual(new Set(['in_progress']));
      const raw = deltas
        .filter((delta) => delta.type === 'tool_call' && delta.parse_status === 'in_progress')
        .map((delta) => (delta.type === 'tool_call' ? delta.tool_call : ''))
        .join('');
      expect(raw, recording.id).toBe(recordedOutput(recording));
      const succeeded = deltas.at(-1) as { tool_call: ToolCall };
      expect(succeeded.tool_call, recording.id).toEqual(message.tool_calls[0]);
    }
  });

  it('streams plain answers as text deltas that add up to the answer', () => {
    const texts = streamed.filter(({ recording }) => !recording.row.tags.includes('tool_call'));
    expect(texts.length).toBeGreaterThanOrEqual(30);
    for (const { recording, tools, toolChoice } of texts) {
      const { deltas, message } = run(recording, offeredNames(tools, toolChoice));
      expect(
        deltas.every((delta) => delta.type === 'text'),
        recording.id,
      ).toBe(true);
      const text = deltas.map((delta) => (delta.type === 'text' ? delta.text : '')).join('');
      expect(text, recording.id).toBe(recordedOutput(recording));
      expect(message.content, recording.id).toBe(recordedOutput(recording).replace(/^ +| +$/g, ''));
    }
  });
});
