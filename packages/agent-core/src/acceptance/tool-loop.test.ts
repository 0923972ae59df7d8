import { InvalidRequestError, toolCallArguments } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { drainTurn } from '../drain-turn.js';
import {
  ScriptedToolProvider,
  drain,
  textReply,
  toolCallReply,
  toolResponse,
  user,
} from '../testing/index.js';
import { boilingPoint, getBoilingPoint, startAgent } from './agent-fixture.js';

const polyjuice = () => toolCallReply('get_boiling_point', { liquid_name: 'polyjuice', celcius: true });

describe('test_custom_tool_infinite_loop (§6.2 #8): max_infer_iters caps a model that always calls tools', () => {
  it('ends the turn after max_infer_iters model calls, counting client tools across resumes', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: {
        client_tools: [getBoilingPoint],
        instructions: 'You are a helpful assistant Always respond with tool calls no matter what. ',
        max_infer_iters: 5,
      },
      fallback: polyjuice,
    });
    // The Python client's loop, non-streaming: resume while the turn waits for input.
    let turn = await drainTurn(
      await runtime.createTurn(agentId, sessionId, {
        messages: [user('Get the boiling point of polyjuice with a tool call.')],
      }),
    );
    let resumes = 0;
    while (turn.status === 'awaiting_input') {
      resumes++;
      expect(resumes).toBeLessThan(10);
      const responses = turn.output_message.tool_calls.map((call) => {
        const args = toolCallArguments(call);
        return toolResponse(call, String(boilingPoint(String(args.liquid_name), args.celcius !== false)));
      });
      turn = await drainTurn(
        await runtime.resumeTurn(agentId, sessionId, turn.turn_id, { tool_responses: responses }),
      );
    }
    const toolSteps = turn.steps.filter((s) => s.step_type === 'tool_execution');
    expect(toolSteps.length).toBeLessThanOrEqual(5);
    expect(model.requests).toHaveLength(5);
    expect(turn.status).toBe('completed');
    expect(turn.output_message.stop_reason).toBe('end_of_turn');
    expect(turn.output_message.tool_calls).toEqual([]);
  });

  it('caps a loop of server tools the same way, within one stream', async () => {
    const tools = new ScriptedToolProvider([
      {
        name: 'lookup',
        toolgroup_id: 'mytools',
        description: 'Look something up',
        run: () => 'nothing found',
      },
    ]);
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['mytools'], max_infer_iters: 3 },
      fallback: () => toolCallReply('lookup', { q: 'again' }),
    });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('loop')] }));
    expect(model.requests).toHaveLength(3);
    expect(tools.invocations).toHaveLength(2);
    expect(turn.steps.map((s) => s.step_type)).toEqual([
      'inference',
      'tool_execution',
      'inference',
      'tool_execution',
      'inference',
    ]);
    expect(turn.status).toBe('completed');
  });
});

describe('tool_choice (§6.2 #9–#11)', () => {
  it('none: the model is offered no tools, so no tool runs', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { client_tools: [getBoilingPoint], tool_config: { tool_choice: 'none' }, max_infer_iters: 2 },
      script: [textReply('I think polyjuice boils at -100°C.')],
    });
    const turn = await drainTurn(
      await runtime.createTurn(agentId, sessionId, {
        messages: [user('What is the boiling point of polyjuice?')],
      }),
    );
    expect(turn.steps.filter((s) => s.step_type === 'tool_execution')).toHaveLength(0);
    expect(model.requests[0]?.tools).toEqual([]);
    expect(model.requests[0]?.tool_config?.tool_choice).toBe('none');
  });

  it('required: the tools and tool_choice reach the provider, which renders the instruction', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: {
        client_tools: [getBoilingPoint],
        tool_config: { tool_choice: 'required' },
        max_infer_iters: 2,
      },
      script: [polyjuice(), textReply('-100')],
    });
    const first = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('What is the boiling point of polyjuice?')] }),
    );
    const done = await drainTurn(
      await runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, {
        tool_responses: [toolResponse(first.calls[0]!, '-100')],
      }),
    );
    expect(done.steps.filter((s) => s.step_type === 'tool_execution').length).toBeGreaterThanOrEqual(1);
    expect(model.requests[0]?.tool_config).toEqual({
      tool_choice: 'required',
      system_message_behavior: 'append',
    });
    expect(model.requests[0]?.tools.map((t) => t.tool_name)).toEqual(['get_boiling_point']);
  });

  it('a tool name: passed on, and the first call is that tool', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { client_tools: [getBoilingPoint], tool_config: { tool_choice: 'get_boiling_point' } },
      script: [polyjuice(), textReply('-100')],
    });
    const first = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('What is the boiling point of polyjuice?')] }),
    );
    expect(first.calls[0]?.tool_name).toBe('get_boiling_point');
    expect(model.requests[0]?.tool_config?.tool_choice).toBe('get_boiling_point');
  });

  it('a tool name the agent does not offer is a 400, at creation and per turn', async () => {
    const { runtime, agentId, sessionId } = await startAgent({ config: { client_tools: [getBoilingPoint] } });
    await expect(
      runtime.createAgent({
        model: 'scripted-model',
        instructions: 'x',
        client_tools: [getBoilingPoint],
        tool_config: { tool_choice: 'get_weather' },
      }),
    ).rejects.toBeInstanceOf(InvalidRequestError);
    const error = await runtime
      .createTurn(agentId, sessionId, { messages: [user('hi')], tool_config: { tool_choice: 'get_weather' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).status).toBe(400);
    expect((error as InvalidRequestError).message).toContain('get_weather');
  });

  it('test_tool_config (#3): no tool_config means auto; the deprecated field fills it; a disagreement is an error', async () => {
    const { runtime } = await startAgent();
    const auto = await runtime.createAgent({ model: 'scripted-model', instructions: 'x' });
    expect((await runtime.getAgent(auto.agent_id)).agent_config.tool_config.tool_choice).toBe('auto');
    const deprecated = await runtime.createAgent({
      model: 'scripted-model',
      instructions: 'x',
      tool_choice: 'required',
    });
    expect((await runtime.getAgent(deprecated.agent_id)).agent_config.tool_config.tool_choice).toBe(
      'required',
    );
    await expect(
      runtime.createAgent({
        model: 'scripted-model',
        instructions: 'x',
        tool_choice: 'required',
        tool_config: { tool_choice: 'auto' },
      }),
    ).rejects.toThrow('tool_choice is deprecated');
  });
});
