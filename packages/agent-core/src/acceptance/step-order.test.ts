import { type ToolDef, Turn, TurnStreamChunk } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { drainTurn } from '../drain-turn.js';
import { collapsedOrder, drain, textReply, toolCallReply, toolResponse, user } from '../testing/index.js';
import { getBoilingPoint, startAgent } from './agent-fixture.js';

const withMetadata: ToolDef = { ...getBoilingPoint, name: 'get_boiling_point_with_metadata' };

describe('test_create_turn_response (§6.2 #14): steps in order, with timestamps', () => {
  for (const tool of [getBoilingPoint, withMetadata]) {
    it(`${tool.name}: inference, tool_execution, inference; each step starts after the previous completed`, async () => {
      const prompt = `Call ${tool.name} tool and answer What is the boiling point of polyjuice?`;
      const { runtime, agentId, sessionId } = await startAgent({
        config: { client_tools: [tool] },
        script: [toolCallReply(tool.name, { liquid_name: 'polyjuice', celcius: true }), textReply('-100°C')],
      });
      const paused = await drainTurn(
        await runtime.createTurn(agentId, sessionId, { messages: [user(prompt)] }),
      );
      const call = paused.output_message.tool_calls[0]!;
      const response =
        tool === withMetadata
          ? { ...toolResponse(call, '-100'), metadata: { source: 'https://www.google.com' } }
          : toolResponse(call, '-100');
      const turn = await drainTurn(
        await runtime.resumeTurn(agentId, sessionId, paused.turn_id, { tool_responses: [response] }),
      );
      expect(turn.input_messages).toHaveLength(1);
      expect(turn.input_messages[0]?.content).toBe(prompt);
      const steps = turn.steps;
      expect(steps.length).toBeGreaterThanOrEqual(3);
      expect(steps[0]?.step_type).toBe('inference');
      expect(steps[1]?.step_type).toBe('tool_execution');
      expect(steps[2]?.step_type).toBe('inference');
      const toolStep = steps[1]!;
      if (toolStep.step_type !== 'tool_execution') throw new Error('expected a tool step');
      expect(toolStep.tool_calls[0]?.tool_name.startsWith('get_boiling_point')).toBe(true);
      if (tool === withMetadata)
        expect(toolStep.tool_responses[0]?.metadata?.source).toBe('https://www.google.com');
      for (const [index, step] of steps.entries()) {
        expect(step.started_at! < step.completed_at!).toBe(true);
        if (index > 0) expect(step.started_at! > steps[index - 1]!.completed_at!).toBe(true);
      }
      expect(turn.started_at <= steps[0]!.started_at!).toBe(true);
      expect(turn.completed_at! >= steps.at(-1)!.completed_at!).toBe(true);
    });
  }
});

describe('event stream order (llama-stack-api.md §1.4)', () => {
  it('every event carries its step id; every step starts, progresses and completes in order', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      config: {
        client_tools: [getBoilingPoint],
        input_shields: ['llama-guard'],
        output_shields: ['llama-guard'],
      },
      script: [
        toolCallReply('get_boiling_point', { liquid_name: 'polyjuice' }),
        textReply(['-100', ' degrees']),
      ],
    });
    const first = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('boiling point of polyjuice?')] }),
    );
    const resumed = await drain(
      runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, {
        tool_responses: [toolResponse(first.calls[0]!, '-100')],
      }),
    );
    for (const { payloads } of [first, resumed]) {
      let open: string | undefined;
      for (const payload of payloads) {
        if (payload.event_type === 'step_start') {
          expect(open).toBeUndefined();
          open = payload.step_id;
        } else if (payload.event_type === 'step_progress') {
          expect(payload.step_id).toBe(open);
        } else if (payload.event_type === 'step_complete') {
          if (open !== undefined) expect(payload.step_id).toBe(open);
          expect(payload.step_details.step_id).toBe(payload.step_id);
          open = undefined;
        }
      }
    }
    expect(collapsedOrder(first.order)).toEqual([
      'step_start:shield_call',
      'step_complete:shield_call',
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_awaiting_input',
    ]);
    // Resume: the client's results complete the tool step first, then the loop runs on.
    expect(collapsedOrder(resumed.order)).toEqual([
      'step_complete:tool_execution',
      'step_start:shield_call',
      'step_complete:shield_call',
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_complete',
    ]);
    // Every chunk is a valid wire chunk (the schema the server and the clients read).
    for (const payload of [...first.payloads, ...resumed.payloads]) {
      expect(TurnStreamChunk.safeParse({ event: { payload } }).success).toBe(true);
    }
    expect(Turn.safeParse(resumed.turn).success).toBe(true);
    // Tool call deltas as a Llama provider streams them.
    const statuses = first.payloads.flatMap((p) =>
      p.event_type === 'step_progress' && p.delta.type === 'tool_call' ? [p.delta.parse_status] : [],
    );
    expect(statuses).toEqual(['started', 'in_progress', 'succeeded']);
  });

  it('GET turn equals the turn_complete turn, GET step returns each step (test_persistence)', async () => {
    const { runtime, agentId, sessionId } = await startAgent({ script: [textReply('hi')] });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hello')] }));
    expect(await runtime.getTurn(agentId, sessionId, result.turn.turn_id)).toEqual(result.turn);
    const step = result.turn.steps[0]!;
    expect(await runtime.getStep(agentId, sessionId, result.turn.turn_id, step.step_id)).toEqual(step);
    await expect(runtime.getStep(agentId, sessionId, result.turn.turn_id, 'nope')).rejects.toMatchObject({
      status: 404,
    });
  });
});
