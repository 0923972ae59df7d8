import { ModelNotFoundError, NotFoundError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { drain, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

describe('agents and sessions', () => {
  it('fills config defaults and checks the model exists at creation (seed bug B28)', async () => {
    const { runtime } = await startAgent();
    const { agent_id } = await runtime.createAgent({ model: 'scripted-model', instructions: 'hi' });
    const agent = await runtime.getAgent(agent_id);
    expect(agent.agent_config).toMatchObject({
      max_infer_iters: 10,
      enable_session_persistence: false,
      input_shields: [],
      output_shields: [],
      tool_output_shields: [],
      output_shield_policy: 'buffer',
      tool_config: { tool_choice: 'auto', system_message_behavior: 'append' },
      sampling_params: { strategy: { type: 'greedy' }, max_tokens: 0, repetition_penalty: 1 },
    });
    const error = await runtime
      .createAgent({ model: 'llama9:999b', instructions: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as Error).message).toContain('scripted-model');
    await expect(
      runtime.createAgent({ model: 'scripted-model', instructions: 'x', input_shields: ['nope'] }),
    ).rejects.toMatchObject({ status: 400, field: 'agent_config.input_shields' });
  });

  it('lists agents and sessions in order, paginated; getSession filters turn ids; deletes cascade', async () => {
    const { runtime, agentId, sessionId } = await startAgent({ script: [textReply('a'), textReply('b')] });
    const second = await runtime.createAgent({ model: 'scripted-model', instructions: 'two' });
    const agents = await runtime.listAgents();
    expect(agents.data.map((a) => a.agent_id)).toEqual([agentId, second.agent_id]);
    expect(await runtime.listAgents({ limit: 1 })).toMatchObject({
      has_more: true,
      data: [{ agent_id: agentId }],
    });

    const { session_id: other } = await runtime.createSession(agentId, 'second');
    const sessions = await runtime.listSessions(agentId, { start_index: 0, limit: 1 });
    expect(sessions).toEqual({
      data: [expect.objectContaining({ session_id: sessionId, session_name: 'test-session', turns: [] })],
      has_more: true,
    });
    const t1 = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('1')] }));
    const t2 = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('2')] }));
    expect((await runtime.getSession(agentId, sessionId)).turns.map((t) => t.turn_id)).toEqual([
      t1.turn.turn_id,
      t2.turn.turn_id,
    ]);
    expect(
      (await runtime.getSession(agentId, sessionId, [t2.turn.turn_id])).turns.map((t) => t.turn_id),
    ).toEqual([t2.turn.turn_id]);

    await runtime.deleteSession(agentId, other);
    await expect(runtime.getSession(agentId, other)).rejects.toBeInstanceOf(NotFoundError);
    await runtime.deleteAgent(agentId);
    await expect(runtime.getAgent(agentId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(runtime.getSession(agentId, sessionId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(runtime.deleteAgent(agentId)).rejects.toMatchObject({ status: 404 });
  });

  it('unknown agent or session is a 404 before any work', async () => {
    const { runtime, agentId, model } = await startAgent();
    await expect(runtime.createTurn('nope', 'x', { messages: [user('hi')] })).rejects.toMatchObject({
      status: 404,
    });
    await expect(runtime.createTurn(agentId, 'nope', { messages: [user('hi')] })).rejects.toMatchObject({
      status: 404,
    });
    await expect(runtime.createTurn(agentId, 'nope', { messages: [] })).rejects.toMatchObject({
      status: 400,
    });
    expect(model.requests).toHaveLength(0);
  });

  it('enable_session_persistence=false keeps sessions and turns in memory; the agent record is always durable', async () => {
    const store = new MemoryAgentStore();
    const ephemeral = await startAgent({ store, script: [textReply('x')] });
    await drain(
      ephemeral.runtime.createTurn(ephemeral.agentId, ephemeral.sessionId, { messages: [user('hi')] }),
    );
    expect(await store.getAgent(ephemeral.agentId)).toBeDefined();
    expect(await store.getSession(ephemeral.agentId, ephemeral.sessionId)).toBeUndefined();
    expect(await store.listTurns(ephemeral.agentId, ephemeral.sessionId)).toEqual([]);

    const durable = await startAgent({
      store,
      config: { enable_session_persistence: true },
      script: [textReply('y')],
    });
    const result = await drain(
      durable.runtime.createTurn(durable.agentId, durable.sessionId, { messages: [user('hi')] }),
    );
    expect(await store.getSession(durable.agentId, durable.sessionId)).toBeDefined();
    const stored = await store.getTurn(durable.agentId, durable.sessionId, result.turn.turn_id);
    expect(stored).toMatchObject({ status: 'completed', turn: result.turn });
  });

  it('saves a completed turn before emitting turn_complete', async () => {
    const store = new MemoryAgentStore();
    const { runtime, agentId, sessionId } = await startAgent({
      store,
      config: { enable_session_persistence: true },
      script: [textReply('saved first')],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    for await (const chunk of run) {
      if (chunk.event.payload.event_type === 'turn_complete') {
        const stored = await store.getTurn(agentId, sessionId, run.turnId);
        expect(stored?.status).toBe('completed');
        expect(stored?.turn).toEqual(chunk.event.payload.turn);
      }
    }
  });
});
