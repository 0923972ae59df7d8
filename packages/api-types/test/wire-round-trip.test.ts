import { describe, expect, it } from 'vitest';
import {
  ChatCompletionChunk,
  collectChatCompletion,
  isTerminalPayload,
  Step,
  Turn,
  TurnStreamChunk,
  usageFromMetrics,
} from '../src/index.js';
import { jsonFixture, jsonLinesFixture } from './fixtures.js';

describe('agent turn streams round-trip unchanged', () => {
  for (const file of ['client-tool-turn.sse.jsonl', 'refused-turn.sse.jsonl']) {
    it(`parses every frame of ${file}`, () => {
      const frames = jsonLinesFixture(file);
      for (const frame of frames) expect(TurnStreamChunk.parse(frame)).toEqual(frame);
    });
  }

  it('covers every event type and ends on a terminal event', () => {
    const frames = [
      ...jsonLinesFixture('client-tool-turn.sse.jsonl'),
      ...jsonLinesFixture('refused-turn.sse.jsonl'),
    ].map((frame) => TurnStreamChunk.parse(frame).event.payload);
    expect(new Set(frames.map((p) => p.event_type))).toEqual(
      new Set([
        'turn_start',
        'step_start',
        'step_progress',
        'step_complete',
        'turn_awaiting_input',
        'turn_complete',
      ]),
    );
    const deltas = frames.flatMap((p) => (p.event_type === 'step_progress' ? [p.delta] : []));
    expect(new Set(deltas.map((d) => (d.type === 'tool_call' ? d.parse_status : d.type)))).toEqual(
      new Set(['started', 'in_progress', 'succeeded', 'text']),
    );
    expect(isTerminalPayload(frames.at(-1)!)).toBe(true);
  });

  it('round-trips a turn holding all four step kinds, images and attachments', () => {
    const turn = jsonFixture('code-interpreter-turn.json');
    const parsed = Turn.parse(turn);
    expect(parsed).toEqual(turn);
    expect(parsed.steps.map((s) => s.step_type)).toEqual([
      'inference',
      'tool_execution',
      'memory_retrieval',
      'inference',
    ]);
  });

  it('narrows steps on step_type', () => {
    const step = Step.parse({
      turn_id: 't',
      step_id: 's',
      step_type: 'shield_call',
      violation: { violation_level: 'warn', user_message: 'careful' },
    });
    if (step.step_type !== 'shield_call') throw new Error('expected a shield_call step');
    expect(step.violation?.metadata).toEqual({});
  });
});

describe('chat completion chunks', () => {
  it('round-trip and collect into one response with usage', async () => {
    const frames = jsonLinesFixture('chat-completion-stream.jsonl');
    const chunks = frames.map((frame) => ChatCompletionChunk.parse(frame));
    expect(chunks).toEqual(frames);
    async function* stream() {
      yield* chunks;
    }
    const response = await collectChatCompletion(stream());
    expect(response.completion_message).toEqual({
      role: 'assistant',
      content: 'The capital of France is Paris.',
      stop_reason: 'end_of_message',
      tool_calls: [{ call_id: 'c1', tool_name: 'brave_search', arguments: { query: 'Paris weather' } }],
    });
    expect(usageFromMetrics(response.metrics)).toEqual({
      prompt_tokens: 42,
      completion_tokens: 9,
      total_tokens: 51,
    });
  });

  it('refuses a stream that never completed', async () => {
    async function* cut() {
      yield ChatCompletionChunk.parse({ event: { event_type: 'start', delta: { type: 'text', text: '' } } });
    }
    await expect(collectChatCompletion(cut())).rejects.toMatchObject({ code: 'upstream_error', status: 502 });
  });
});
