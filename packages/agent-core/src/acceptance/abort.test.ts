import { ConflictError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { ScriptedToolProvider, drain, sleep, textReply, toolCallReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

/** Reads until the first event matching `until`, then aborts; returns what the stream still sent. */
async function abortWhen(
  run: AsyncIterable<{ event: { payload: { event_type: string; step_type?: string } } }>,
  controller: AbortController,
  until: (payload: { event_type: string; step_type?: string }) => boolean,
  delayMs = 20,
) {
  const after: string[] = [];
  let aborted = false;
  for await (const chunk of run) {
    const { payload } = chunk.event;
    if (aborted) after.push(payload.event_type);
    if (!aborted && until(payload)) {
      aborted = true;
      setTimeout(() => controller.abort(new Error('client went away')), delayMs);
    }
  }
  return after;
}

describe('abort: one signal reaches inference, shields and tools; every promise settles', () => {
  it('during inference: the step completes with the partial answer, then turn_complete (cancelled) ends the stream', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      script: [textReply('partial answer', { hang: true }), textReply('next turn works')],
    });
    const controller = new AbortController();
    const run = await runtime.createTurn(
      agentId,
      sessionId,
      { messages: [user('hi')] },
      { signal: controller.signal },
    );
    const after = await abortWhen(run, controller, (p) => p.event_type === 'step_progress');
    expect(after).toEqual(['step_complete', 'turn_complete']);
    expect(model.openStreams).toBe(0);
    const stored = await runtime.getTurn(agentId, sessionId, run.turnId);
    expect(stored.status).toBe('cancelled');
    expect(stored.steps).toMatchObject([
      { step_type: 'inference', model_response: { content: 'partial answer', stop_reason: 'out_of_tokens' } },
    ]);
    // Cancelled turns leave the history and the session is free again.
    const next = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('again')] }));
    expect(next.turn.output_message.content).toBe('next turn works');
    expect(model.requests[1]?.messages.map((m) => m.role)).toEqual(['system', 'user']);
  });

  it('during a tool: the tool sees the abort and the turn settles as cancelled', async () => {
    let toolSettled = false;
    const tools = new ScriptedToolProvider([
      {
        name: 'slow',
        toolgroup_id: 'mytools',
        run: async (_args, { signal }) => {
          try {
            await sleep(60_000, signal);
            return 'never';
          } finally {
            toolSettled = true;
          }
        },
      },
    ]);
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['mytools'] },
      script: [toolCallReply('slow', {})],
    });
    const controller = new AbortController();
    const run = await runtime.createTurn(
      agentId,
      sessionId,
      { messages: [user('go')] },
      { signal: controller.signal },
    );
    const after = await abortWhen(
      run,
      controller,
      (p) => p.event_type === 'step_start' && p.step_type === 'tool_execution',
    );
    expect(after.slice(-2)).toEqual(['step_complete', 'turn_complete']);
    expect(toolSettled).toBe(true);
    const stored = await runtime.getTurn(agentId, sessionId, run.turnId);
    expect(stored.status).toBe('cancelled');
    // The call that was running is stored (and was sent) without a response.
    expect(stored.steps).toMatchObject([
      { step_type: 'inference' },
      { step_type: 'tool_execution', tool_calls: [{ tool_name: 'slow' }], tool_responses: [] },
    ]);
  });

  it('during a shield: the turn settles as cancelled without reaching the model', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'] },
      shields: { hang: true },
      script: [textReply('never')],
    });
    const controller = new AbortController();
    const run = await runtime.createTurn(
      agentId,
      sessionId,
      { messages: [user('hi')] },
      { signal: controller.signal },
    );
    const after = await abortWhen(run, controller, (p) => p.event_type === 'step_start');
    expect(after).toEqual(['step_complete', 'turn_complete']);
    expect(model.requests).toHaveLength(0);
    expect((await runtime.getTurn(agentId, sessionId, run.turnId)).status).toBe('cancelled');
  });

  it('a provider that ignores its signal does not keep the turn from settling', async () => {
    const deaf = {
      id: 'deaf',
      listModels: async () => [
        {
          identifier: 'm',
          provider_resource_id: 'm',
          provider_id: 'deaf',
          type: 'model' as const,
          model_type: 'llm' as const,
          metadata: {},
        },
      ],
      chatCompletion: async function* () {
        yield { event: { event_type: 'start' as const, delta: { type: 'text' as const, text: '' } } };
        await new Promise(() => {});
      },
    };
    const { AgentRuntime } = await import('../agent-runtime.js');
    const runtime = new AgentRuntime({ inference: deaf, store: new MemoryAgentStore() });
    const { agent_id } = await runtime.createAgent({ model: 'm', instructions: '' });
    const { session_id } = await runtime.createSession(agent_id, 's');
    const controller = new AbortController();
    const run = await runtime.createTurn(
      agent_id,
      session_id,
      { messages: [user('hi')] },
      { signal: controller.signal },
    );
    const after = await abortWhen(run, controller, (p) => p.event_type === 'step_start');
    expect(after).toEqual(['step_complete', 'turn_complete']);
  });

  it('closing the stream early (a client disconnect) cancels the turn and frees the session', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      script: [textReply(['a', 'b', 'c'], { delayMs: 20 }), textReply('second')],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    for await (const chunk of run) {
      if (chunk.event.payload.event_type === 'step_progress') break;
    }
    expect((await runtime.getTurn(agentId, sessionId, run.turnId)).status).toBe('cancelled');
    const next = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('again')] }));
    expect(next.turn.status).toBe('completed');
  });
});

describe('one running turn per session', () => {
  it('a second concurrent turn in the same session is a ConflictError (409); other sessions run', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      script: [textReply('slow', { delayMs: 50 }), textReply('other session'), textReply('after')],
    });
    const first = await runtime.createTurn(agentId, sessionId, { messages: [user('one')] });
    const second = await runtime
      .createTurn(agentId, sessionId, { messages: [user('two')] })
      .catch((e: unknown) => e);
    expect(second).toBeInstanceOf(ConflictError);
    expect((second as ConflictError).status).toBe(409);
    const { session_id: other } = await runtime.createSession(agentId, 'other');
    const [a, b] = await Promise.all([
      drain(first),
      drain(runtime.createTurn(agentId, other, { messages: [user('x')] })),
    ]);
    expect(a.turn.output_message.content).toBe('slow');
    expect(b.turn.output_message.content).toBe('other session');
    const third = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('three')] }));
    expect(third.turn.output_message.content).toBe('after');
  });

  it('a lease left by a crashed replica expires, and the session is usable again', async () => {
    let now = 1_000_000;
    const store = new MemoryAgentStore({ now: () => now });
    const { runtime, agentId, sessionId } = await startAgent({
      store,
      config: { enable_session_persistence: true },
      script: [textReply('ok')],
    });
    await store.acquireTurnLease({
      agent_id: agentId,
      session_id: sessionId,
      turn_id: 'dead',
      holder: 'crashed',
      ttl_ms: 30_000,
    });
    await expect(runtime.createTurn(agentId, sessionId, { messages: [user('hi')] })).rejects.toBeInstanceOf(
      ConflictError,
    );
    now += 31_000;
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hi')] }));
    expect(result.turn.status).toBe('completed');
  });
});

describe('lease upkeep', () => {
  it('renews the lease while a turn runs longer than its TTL', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      runtime: { leaseTtlMs: 60 },
      script: [textReply(['a', 'b', 'c', 'd'], { delayMs: 50 })],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('slow')] });
    const reading = drain(run);
    await sleep(150, new AbortController().signal);
    await expect(
      runtime.createTurn(agentId, sessionId, { messages: [user('meanwhile')] }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await reading).turn.status).toBe('completed');
  });

  it('a turn nobody reads can be cancelled: stored as cancelled, the session freed', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      script: [textReply('unused'), textReply('next')],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    await run.cancel();
    expect((await runtime.getTurn(agentId, sessionId, run.turnId)).status).toBe('cancelled');
    expect(model.requests).toHaveLength(0);
    const next = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('again')] }));
    expect(next.turn.output_message.content).toBe('unused');
  });
});
