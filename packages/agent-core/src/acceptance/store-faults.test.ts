import { InternalError, type StoredTurn } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { drain, textReply, toolCallReply, user } from '../testing/index.js';
import { getBoilingPoint, startAgent } from './agent-fixture.js';

class FlakyStore extends MemoryAgentStore {
  failSaves = false;
  override async saveTurn(turn: StoredTurn): Promise<void> {
    if (this.failSaves) throw new Error('disk full');
    return super.saveTurn(turn);
  }
}

describe('store faults', () => {
  it('a turn that cannot be saved fails with the store error instead of reporting turn_complete', async () => {
    const store = new FlakyStore();
    const { runtime, agentId, sessionId } = await startAgent({
      store,
      config: { enable_session_persistence: true },
      script: [textReply('answer'), textReply('later')],
    });
    store.failSaves = true;
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of run) seen.push(chunk.event.payload.event_type);
      })(),
    ).rejects.toThrow('disk full');
    expect(seen).not.toContain('turn_complete');
    store.failSaves = false;
    // The lease was released despite the failure.
    expect(
      (await drain(runtime.createTurn(agentId, sessionId, { messages: [user('again')] }))).turn.status,
    ).toBe('completed');
  });

  it('a turn whose lease another holder took is cancelled', async () => {
    let now = 0;
    const store = new MemoryAgentStore({ now: () => now });
    const { runtime, agentId, sessionId } = await startAgent({
      store,
      config: { enable_session_persistence: true },
      runtime: { leaseTtlMs: 30 },
      script: [textReply(['a', 'b', 'c', 'd', 'e', 'f'], { delayMs: 25 })],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    const reading = drain(run);
    // Time jumps past the lease; another replica takes the session before this one renews.
    now += 1_000;
    await store.acquireTurnLease({
      agent_id: agentId,
      session_id: sessionId,
      turn_id: 'other',
      holder: 'replica-2',
      ttl_ms: 60_000,
    });
    const result = await reading;
    expect(result.turn.status).toBe('cancelled');
  });

  it('a paused turn whose stored resume state is unreadable is an InternalError, not a crash mid-stream', async () => {
    const store = new MemoryAgentStore();
    const { runtime, agentId, sessionId } = await startAgent({
      store,
      config: { enable_session_persistence: true, client_tools: [getBoilingPoint] },
      script: [toolCallReply('get_boiling_point', { liquid_name: 'polyjuice' })],
    });
    const paused = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hi')] }));
    const stored = (await store.getTurn(agentId, sessionId, paused.turn.turn_id))!;
    await store.saveTurn({ ...stored, resume_state: { version: 99 } });
    await expect(
      runtime.resumeTurn(agentId, sessionId, paused.turn.turn_id, {
        tool_responses: [
          { call_id: paused.calls[0]!.call_id, tool_name: 'get_boiling_point', content: '-100' },
        ],
      }),
    ).rejects.toBeInstanceOf(InternalError);
  });
});
