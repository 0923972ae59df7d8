import { ConflictError, InvalidRequestError, toolCallArguments } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { drainTurn } from '../drain-turn.js';
import { collapsedOrder, drain, textReply, toolCallReply, toolResponse, user } from '../testing/index.js';
import { boilingPoint, getBoilingPoint, startAgent } from './agent-fixture.js';

describe('test_custom_tool (§6.2 #7): a client tool pauses the turn and resume continues it', () => {
  it('pauses with turn_awaiting_input, resumes the same turn id and answers with the tool result', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { client_tools: [getBoilingPoint] },
      script: [
        toolCallReply('get_boiling_point', { liquid_name: 'polyjuice', celcius: true }, { call_id: 'c1' }),
        textReply('The boiling point of polyjuice is -100°C.'),
      ],
    });
    const first = await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('What is the boiling point of the liquid polyjuice in celsius?')],
      }),
    );
    expect(collapsedOrder(first.order)).toEqual([
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'turn_awaiting_input',
    ]);
    expect(first.turn.status).toBe('awaiting_input');
    expect(first.turn.output_message.stop_reason).toBe('end_of_message');
    expect(first.calls).toHaveLength(1);
    const call = first.calls[0]!;
    expect(call.tool_name).toBe('get_boiling_point');
    const args = toolCallArguments(call);
    const result = boilingPoint(String(args.liquid_name), args.celcius !== false);

    const resumed = await drain(
      runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, {
        tool_responses: [toolResponse(call, String(result))],
      }),
    );
    expect(resumed.turnId).toBe(first.turn.turn_id);
    expect(collapsedOrder(resumed.order)).toEqual([
      'step_complete:tool_execution',
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'turn_complete',
    ]);
    const toolStep = resumed.turn.steps[1];
    expect(toolStep?.step_type === 'tool_execution' && toolStep.tool_responses[0]?.content).toBe('-100');
    expect(resumed.turn.output_message.content).toContain('-100');
    expect(resumed.turn.steps.map((s) => s.step_type)).toEqual(['inference', 'tool_execution', 'inference']);
    expect(resumed.turn.turn_id).toBe(first.turn.turn_id);
    expect(resumed.turn.status).toBe('completed');

    // What the model saw on resume: the call, then the client's result, as Llama Stack re-encodes it.
    expect(model.requests[1]?.messages.slice(-3)).toEqual([
      { role: 'user', content: 'What is the boiling point of the liquid polyjuice in celsius?' },
      { role: 'assistant', content: '', stop_reason: 'end_of_message', tool_calls: [call] },
      { role: 'tool', call_id: call.call_id, content: '-100' },
    ]);
    // The client tool is offered to the model with its parameters.
    expect(model.requests[0]?.tools).toEqual([
      {
        tool_name: 'get_boiling_point',
        description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
        parameters: {
          liquid_name: { param_type: 'string', description: 'The name of the liquid', required: true },
          celcius: {
            param_type: 'boolean',
            description: 'Whether to return the boiling point in Celcius',
            required: false,
            default: true,
          },
        },
      },
    ]);
    // One turn in the session, overwritten in place by the resume.
    const session = await runtime.getSession(agentId, sessionId);
    expect(session.turns.map((t) => t.turn_id)).toEqual([first.turn.turn_id]);
    expect(session.turns[0]).toEqual(resumed.turn);
  });

  it('refuses to resume a turn that is not waiting (409) or with responses for unknown calls (400)', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      config: { client_tools: [getBoilingPoint] },
      script: [
        toolCallReply('get_boiling_point', { liquid_name: 'polyjuice' }, { call_id: 'c1' }),
        textReply('-100'),
      ],
    });
    const first = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('boiling point?')] }));
    await expect(
      runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, {
        tool_responses: [{ call_id: 'nope', tool_name: 'get_boiling_point', content: '1' }],
      }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    await drainTurn(
      await runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, {
        tool_responses: [toolResponse(first.calls[0]!, '-100')],
      }),
    );
    await expect(
      runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, {
        tool_responses: [toolResponse(first.calls[0]!, '-100')],
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('test_multi_tool_calls (§6.2 #15)', () => {
  it('pauses for two client calls, resumes with both in one tool_execution step, shields run again after resume', async () => {
    const { runtime, model, safety, agentId, sessionId } = await startAgent({
      config: {
        client_tools: [getBoilingPoint],
        input_shields: ['llama-guard'],
        output_shields: ['llama-guard'],
      },
      script: [
        {
          toolCalls: [
            {
              tool_name: 'get_boiling_point',
              arguments: { liquid_name: 'polyjuice', celcius: true },
              call_id: 'a',
            },
            {
              tool_name: 'get_boiling_point',
              arguments: { liquid_name: 'polyjuice', celcius: false },
              call_id: 'b',
            },
          ],
        },
        textReply('Polyjuice boils at -100°C, which is -212°F.'),
      ],
    });
    const first = await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [
          user(
            'Call get_boiling_point twice to answer: What is the boiling point of polyjuice in both celsius and fahrenheit?',
          ),
        ],
      }),
    );
    expect(first.calls.map((c) => c.call_id)).toEqual(['a', 'b']);
    const responses = first.calls.map((call) => {
      const args = toolCallArguments(call);
      return toolResponse(call, String(boilingPoint(String(args.liquid_name), args.celcius !== false)));
    });
    const done = await drain(
      runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, { tool_responses: responses }),
    );
    const types = done.turn.steps.map((s) => s.step_type);
    // [shield_in], inference, [shield_out], tool_execution, [shield_in], inference, [shield_out]
    expect(types).toEqual([
      'shield_call',
      'inference',
      'shield_call',
      'tool_execution',
      'shield_call',
      'inference',
      'shield_call',
    ]);
    const toolStep = done.turn.steps[3];
    expect(toolStep?.step_type === 'tool_execution' && toolStep.tool_calls).toHaveLength(2);
    expect(done.turn.output_message.content).toContain('-100');
    expect(done.turn.output_message.content).toContain('-212');
    expect(safety.requests).toHaveLength(4);
    // After resume the input shield sees the tool results last, as in the recordings.
    expect(safety.requests[2]?.messages.at(-1)).toEqual({ role: 'tool', call_id: 'b', content: '-212' });
    expect(model.requests).toHaveLength(2);
  });
});
