import type {
  AgentRecord,
  AgentStore,
  FileStore,
  SessionRecord,
  StoredTurn,
  TurnLeaseRequest,
} from '@llama-stack-ts/api-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

export interface AgentStoreUnderTest {
  /** An empty store. */
  store: AgentStore;
  /** Runs after `store.close()`: drop the database, remove the temp dir. */
  cleanup?: () => Promise<void>;
}

/**
 * The behaviour every `AgentStore` must show, as a vitest `describe` block. `makeStore` is called before each
 * test and must return an empty store; the suite closes it (and calls `cleanup`) after the test.
 *
 * ```ts
 * runAgentStoreConformance('sqlite', async () => {
 *   const dir = await mkdtemp(join(tmpdir(), 'store-'));
 *   return { store: new SqliteAgentStore({ path: join(dir, 'db.sqlite') }), cleanup: () => rm(dir, { recursive: true }) };
 * });
 * ```
 */
export function runAgentStoreConformance(name: string, makeStore: () => Promise<AgentStoreUnderTest>): void {
  describe(`AgentStore conformance: ${name}`, () => {
    let store: AgentStore;
    let cleanup: (() => Promise<void>) | undefined;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await store.close?.();
      await cleanup?.();
    });

    describe('agents', () => {
      it('creates an agent and reads it back exactly', async () => {
        const agent = agentRecord('agent-1', at(1));
        await store.createAgent(agent);
        expect(await store.getAgent('agent-1')).toEqual(agent);
      });

      it('answers undefined for an unknown agent and false when deleting one', async () => {
        expect(await store.getAgent('no-such-agent')).toBeUndefined();
        expect(await store.deleteAgent('no-such-agent')).toBe(false);
      });

      it('creating the same agent twice keeps one record', async () => {
        const agent = agentRecord('agent-1', at(1));
        await store.createAgent(agent);
        await store.createAgent(agent);
        const page = await store.listAgents();
        expect(page.data).toEqual([agent]);
        expect(page.has_more).toBe(false);
      });

      it('lists agents in created_at order, whatever order they were created in', async () => {
        await store.createAgent(agentRecord('agent-c', at(3)));
        await store.createAgent(agentRecord('agent-a', at(1)));
        await store.createAgent(agentRecord('agent-b', at(2)));
        const page = await store.listAgents();
        expect(page.data.map((a) => a.agent_id)).toEqual(['agent-a', 'agent-b', 'agent-c']);
        expect(page.has_more).toBe(false);
      });

      it('pages agents with start_index and limit, saying when more remain', async () => {
        for (let i = 0; i < 5; i++) await store.createAgent(agentRecord(`agent-${i}`, at(i)));
        const first = await store.listAgents({ limit: 2 });
        expect(first.data.map((a) => a.agent_id)).toEqual(['agent-0', 'agent-1']);
        expect(first.has_more).toBe(true);
        const middle = await store.listAgents({ start_index: 2, limit: 2 });
        expect(middle.data.map((a) => a.agent_id)).toEqual(['agent-2', 'agent-3']);
        expect(middle.has_more).toBe(true);
        const last = await store.listAgents({ start_index: 4, limit: 2 });
        expect(last.data.map((a) => a.agent_id)).toEqual(['agent-4']);
        expect(last.has_more).toBe(false);
        const exact = await store.listAgents({ start_index: 3, limit: 2 });
        expect(exact.data.map((a) => a.agent_id)).toEqual(['agent-3', 'agent-4']);
        expect(exact.has_more).toBe(false);
        const rest = await store.listAgents({ start_index: 3 });
        expect(rest.data.map((a) => a.agent_id)).toEqual(['agent-3', 'agent-4']);
        expect(rest.has_more).toBe(false);
        const beyond = await store.listAgents({ start_index: 10, limit: 2 });
        expect(beyond).toEqual({ data: [], has_more: false });
      });

      it('deletes an agent', async () => {
        await store.createAgent(agentRecord('agent-1', at(1)));
        await store.createAgent(agentRecord('agent-2', at(2)));
        expect(await store.deleteAgent('agent-1')).toBe(true);
        expect(await store.getAgent('agent-1')).toBeUndefined();
        expect((await store.listAgents()).data.map((a) => a.agent_id)).toEqual(['agent-2']);
        expect(await store.deleteAgent('agent-1')).toBe(false);
      });

      it('deleting an agent deletes its sessions, turns and leases, and nothing of other agents', async () => {
        await store.createAgent(agentRecord('agent-1', at(1)));
        await store.createAgent(agentRecord('agent-2', at(2)));
        await store.createSession(sessionRecord('agent-1', 'session-1', at(3)));
        await store.createSession(sessionRecord('agent-2', 'session-2', at(4)));
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-1', at(5)));
        await store.saveTurn(storedTurn('agent-2', 'session-2', 'turn-2', at(6)));
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        expect(await store.acquireTurnLease(lease('agent-2', 'session-2', 'turn-2', 'replica-a'))).toBe(true);

        expect(await store.deleteAgent('agent-1')).toBe(true);

        expect(await store.getSession('agent-1', 'session-1')).toBeUndefined();
        expect((await store.listSessions('agent-1')).data).toEqual([]);
        expect(await store.getTurn('agent-1', 'session-1', 'turn-1')).toBeUndefined();
        expect(await store.listTurns('agent-1', 'session-1')).toEqual([]);
        // The lease went with the agent: another holder gets it at once.
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-9', 'replica-b'))).toBe(true);

        expect(await store.getSession('agent-2', 'session-2')).toEqual(
          sessionRecord('agent-2', 'session-2', at(4)),
        );
        expect(await store.getTurn('agent-2', 'session-2', 'turn-2')).toEqual(
          storedTurn('agent-2', 'session-2', 'turn-2', at(6)),
        );
        expect(await store.acquireTurnLease(lease('agent-2', 'session-2', 'turn-9', 'replica-b'))).toBe(
          false,
        );
      });
    });

    describe('sessions', () => {
      beforeEach(async () => {
        await store.createAgent(agentRecord('agent-1', at(0)));
        await store.createAgent(agentRecord('agent-2', at(0)));
      });

      it('creates a session and reads it back', async () => {
        const session = sessionRecord('agent-1', 'session-1', at(1));
        await store.createSession(session);
        expect(await store.getSession('agent-1', 'session-1')).toEqual(session);
      });

      it('answers undefined for an unknown session, or a session asked for under another agent', async () => {
        await store.createSession(sessionRecord('agent-1', 'session-1', at(1)));
        expect(await store.getSession('agent-1', 'no-such-session')).toBeUndefined();
        expect(await store.getSession('agent-2', 'session-1')).toBeUndefined();
        expect(await store.getSession('no-such-agent', 'session-1')).toBeUndefined();
        expect(await store.deleteSession('agent-2', 'session-1')).toBe(false);
        expect(await store.deleteSession('agent-1', 'no-such-session')).toBe(false);
        expect(await store.getSession('agent-1', 'session-1')).toBeDefined();
      });

      it('creating the same session twice keeps one record', async () => {
        const session = sessionRecord('agent-1', 'session-1', at(1));
        await store.createSession(session);
        await store.createSession(session);
        expect((await store.listSessions('agent-1')).data).toEqual([session]);
      });

      it("lists only the agent's sessions, in started_at order", async () => {
        await store.createSession(sessionRecord('agent-1', 'session-late', at(3)));
        await store.createSession(sessionRecord('agent-2', 'session-other', at(2)));
        await store.createSession(sessionRecord('agent-1', 'session-early', at(1)));
        const page = await store.listSessions('agent-1');
        expect(page.data.map((s) => s.session_id)).toEqual(['session-early', 'session-late']);
        expect(page.has_more).toBe(false);
        expect((await store.listSessions('no-such-agent')).data).toEqual([]);
      });

      it('pages sessions with start_index and limit', async () => {
        for (let i = 0; i < 3; i++)
          await store.createSession(sessionRecord('agent-1', `session-${i}`, at(i)));
        const one = await store.listSessions('agent-1', { limit: 1 });
        expect(one.data.map((s) => s.session_id)).toEqual(['session-0']);
        expect(one.has_more).toBe(true);
        const next = await store.listSessions('agent-1', { start_index: 1, limit: 5 });
        expect(next.data.map((s) => s.session_id)).toEqual(['session-1', 'session-2']);
        expect(next.has_more).toBe(false);
      });

      it('listing sessions never returns turns (Llama Stack issue #3048)', async () => {
        await store.createSession(sessionRecord('agent-1', 'session-1', at(1)));
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-1', at(2)));
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-2', at(3)));
        const page = await store.listSessions('agent-1');
        expect(page.data).toEqual([sessionRecord('agent-1', 'session-1', at(1))]);
      });

      it('deleting a session deletes its turns and lease, and leaves the other sessions alone', async () => {
        await store.createSession(sessionRecord('agent-1', 'session-1', at(1)));
        await store.createSession(sessionRecord('agent-1', 'session-2', at(2)));
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-1', at(3)));
        await store.saveTurn(storedTurn('agent-1', 'session-2', 'turn-2', at(4)));
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);

        expect(await store.deleteSession('agent-1', 'session-1')).toBe(true);

        expect(await store.getSession('agent-1', 'session-1')).toBeUndefined();
        expect(await store.getTurn('agent-1', 'session-1', 'turn-1')).toBeUndefined();
        expect(await store.listTurns('agent-1', 'session-1')).toEqual([]);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-9', 'replica-b'))).toBe(true);
        expect((await store.listSessions('agent-1')).data.map((s) => s.session_id)).toEqual(['session-2']);
        expect(await store.listTurns('agent-1', 'session-2')).toHaveLength(1);
        expect(await store.getAgent('agent-1')).toBeDefined();
        expect(await store.deleteSession('agent-1', 'session-1')).toBe(false);
      });
    });

    describe('turns', () => {
      beforeEach(async () => {
        await store.createAgent(agentRecord('agent-1', at(0)));
        await store.createSession(sessionRecord('agent-1', 'session-1', at(0)));
        await store.createSession(sessionRecord('agent-1', 'session-2', at(0)));
      });

      it('saves a turn and reads it back exactly', async () => {
        const turn = storedTurn('agent-1', 'session-1', 'turn-1', at(1));
        await store.saveTurn(turn);
        expect(await store.getTurn('agent-1', 'session-1', 'turn-1')).toEqual(turn);
        expect(await store.listTurns('agent-1', 'session-1')).toEqual([turn]);
      });

      it("keeps its own copy of a saved turn: changing the caller's object afterwards changes nothing stored", async () => {
        const turn = storedTurn('agent-1', 'session-1', 'turn-1', at(10));
        const expected = structuredClone(turn);
        await store.saveTurn(turn);
        turn.turn.steps.length = 0;
        turn.turn.input_messages.push({ role: 'user', content: 'added later' });
        turn.status = 'failed';
        expect(await store.getTurn('agent-1', 'session-1', 'turn-1')).toEqual(expected);
        expect(await store.listTurns('agent-1', 'session-1')).toEqual([expected]);
      });

      it('answers undefined for an unknown turn, or one asked for under another session or agent', async () => {
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-1', at(1)));
        expect(await store.getTurn('agent-1', 'session-1', 'no-such-turn')).toBeUndefined();
        expect(await store.getTurn('agent-1', 'session-2', 'turn-1')).toBeUndefined();
        expect(await store.getTurn('no-such-agent', 'session-1', 'turn-1')).toBeUndefined();
        expect(await store.listTurns('agent-1', 'session-2')).toEqual([]);
        expect(await store.listTurns('agent-1', 'no-such-session')).toEqual([]);
      });

      it('saving a turn again replaces it and never duplicates it', async () => {
        const running = storedTurn('agent-1', 'session-1', 'turn-1', at(1), { status: 'in_progress' });
        const done = storedTurn('agent-1', 'session-1', 'turn-1', at(1), {
          status: 'completed',
          answer: 'The final answer',
        });
        await store.saveTurn(running);
        await store.saveTurn(done);
        await store.saveTurn(done);
        expect(await store.listTurns('agent-1', 'session-1')).toEqual([done]);
        expect(await store.getTurn('agent-1', 'session-1', 'turn-1')).toEqual(done);
      });

      it('lists turns in started_at order even when saved out of order', async () => {
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-3', at(3)));
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-1', at(1)));
        await store.saveTurn(storedTurn('agent-1', 'session-2', 'turn-other', at(0)));
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-2', at(2)));
        // Re-saving the first turn (e.g. on completion) must not move it to the end.
        await store.saveTurn(storedTurn('agent-1', 'session-1', 'turn-1', at(1), { answer: 'updated' }));
        const turns = await store.listTurns('agent-1', 'session-1');
        expect(turns.map((t) => t.turn.turn_id)).toEqual(['turn-1', 'turn-2', 'turn-3']);
        expect(turns[0]?.turn.output_message.content).toBe('updated');
      });

      it('lists many turns in started_at order (a session of 30 turns saved in shuffled order)', async () => {
        const order = [...Array(30).keys()].sort((a, b) => ((a * 7919) % 31) - ((b * 7919) % 31));
        for (const i of order) await store.saveTurn(storedTurn('agent-1', 'session-1', `turn-${i}`, at(i)));
        const turns = await store.listTurns('agent-1', 'session-1');
        expect(turns.map((t) => t.turn.turn_id)).toEqual([...Array(30).keys()].map((i) => `turn-${i}`));
      });

      it("keeps a paused turn's status and resume state, and drops the state once the turn completes", async () => {
        const resumeState = {
          version: 1,
          pending_tool_calls: [
            {
              call_id: 'call-1',
              tool_name: 'get_boiling_point',
              arguments: { liquid_name: 'polyjuice', celcius: true },
            },
          ],
          infer_iters: 1,
          messages: [{ role: 'user', content: 'What is the boiling point of polyjuice?' }],
          nothing: null,
          ratio: 0.25,
        };
        const paused = storedTurn('agent-1', 'session-1', 'turn-1', at(1), {
          status: 'awaiting_input',
          resume_state: resumeState,
        });
        await store.saveTurn(paused);
        const read = await store.getTurn('agent-1', 'session-1', 'turn-1');
        expect(read?.status).toBe('awaiting_input');
        expect(read?.resume_state).toEqual(resumeState);
        expect(read).toEqual(paused);

        const completed = storedTurn('agent-1', 'session-1', 'turn-1', at(1), { status: 'completed' });
        await store.saveTurn(completed);
        const after = await store.getTurn('agent-1', 'session-1', 'turn-1');
        expect(after?.status).toBe('completed');
        expect(after?.resume_state).toBeUndefined();
        expect(await store.listTurns('agent-1', 'session-1')).toEqual([completed]);
      });

      it('stores every turn status', async () => {
        const statuses = ['in_progress', 'awaiting_input', 'completed', 'cancelled', 'failed'] as const;
        for (const [i, status] of statuses.entries()) {
          await store.saveTurn(storedTurn('agent-1', 'session-1', `turn-${i}`, at(i), { status }));
        }
        const turns = await store.listTurns('agent-1', 'session-1');
        expect(turns.map((t) => t.status)).toEqual([...statuses]);
      });

      it('round-trips unicode, escapes and nested content exactly', async () => {
        const tricky =
          'héllo wörld — 你好 — こんにちは — 🦙🔥👩‍👩‍👧 — "quotes" \\ back\\slash \n\t\r — \u0000 nul — \u2028 — \ud83d lone surrogate';
        const turn = storedTurn('agent-1', 'session-1', 'turn-1', at(1), { answer: tricky });
        turn.turn.input_messages = [
          {
            role: 'user',
            content: [
              { type: 'text', text: tricky },
              { type: 'image', image: { url: { uri: 'https://example.com/ü.png?q=a&b=c' } } },
            ],
          },
        ];
        turn.resume_state = { deep: { deeper: [[1, 2, [3, { deepest: tricky }]], { empty: {}, list: [] }] } };
        await store.saveTurn(turn);
        const read = await store.getTurn('agent-1', 'session-1', 'turn-1');
        expect(read).toEqual(turn);
        expect(read?.turn.output_message.content).toBe(tricky);
      });

      it('round-trips a large turn (about 2 MB of steps)', async () => {
        const turn = storedTurn('agent-1', 'session-1', 'turn-1', at(1));
        const chunk = 'x'.repeat(1000);
        turn.turn.steps = Array.from({ length: 2000 }, (_, i) => ({
          step_type: 'inference' as const,
          step_id: `step-${i}`,
          turn_id: 'turn-1',
          started_at: at(1),
          completed_at: at(2),
          model_response: {
            role: 'assistant' as const,
            content: `${i}:${chunk}`,
            stop_reason: 'end_of_turn' as const,
            tool_calls: [],
          },
        }));
        await store.saveTurn(turn);
        const read = await store.getTurn('agent-1', 'session-1', 'turn-1');
        expect(read?.turn.steps).toHaveLength(2000);
        expect(read).toEqual(turn);
      });
    });

    describe('turn leases', () => {
      beforeEach(async () => {
        await store.createAgent(agentRecord('agent-1', at(0)));
        await store.createSession(sessionRecord('agent-1', 'session-1', at(0)));
        await store.createSession(sessionRecord('agent-1', 'session-2', at(0)));
      });

      it('grants a free session to one holder and refuses a second holder', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-2', 'replica-b'))).toBe(
          false,
        );
      });

      it('leases each session on its own', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-2', 'turn-2', 'replica-b'))).toBe(true);
      });

      it('grants exactly one of many concurrent requests for the same session', async () => {
        const results = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            store.acquireTurnLease(lease('agent-1', 'session-1', `turn-${i}`, `replica-${i}`)),
          ),
        );
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it('lets the same holder acquire again, which renews the lease', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        // A 1 ms lease, renewed by acquiring again for a minute, still holds long after its first expiry.
        expect(await store.acquireTurnLease(lease('agent-1', 'session-2', 'turn-2', 'replica-a', 1))).toBe(
          true,
        );
        expect(
          await store.acquireTurnLease(lease('agent-1', 'session-2', 'turn-2', 'replica-a', 60_000)),
        ).toBe(true);
        await sleep(30);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-2', 'turn-3', 'replica-b'))).toBe(
          false,
        );
      });

      it('lets another holder take an expired lease', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a', 1))).toBe(
          true,
        );
        await sleep(30);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-2', 'replica-b'))).toBe(true);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(
          false,
        );
      });

      it('renews a held lease, even one that expired while nobody took it', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a', 1))).toBe(
          true,
        );
        await sleep(30);
        expect(await store.renewTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a', 60_000))).toBe(
          true,
        );
        await sleep(30);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-2', 'replica-b'))).toBe(
          false,
        );
      });

      it('fails to renew a lease that expired and was taken by another holder', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a', 1))).toBe(
          true,
        );
        await sleep(30);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-2', 'replica-b'))).toBe(true);
        expect(await store.renewTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(false);
        // The new holder keeps it.
        expect(await store.renewTurnLease(lease('agent-1', 'session-1', 'turn-2', 'replica-b'))).toBe(true);
      });

      it('fails to renew a lease that was never held or was released', async () => {
        expect(await store.renewTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(false);
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        await store.releaseTurnLease({ agent_id: 'agent-1', session_id: 'session-1', holder: 'replica-a' });
        expect(await store.renewTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(false);
      });

      it('release frees the session for another holder', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        await store.releaseTurnLease({ agent_id: 'agent-1', session_id: 'session-1', holder: 'replica-a' });
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-2', 'replica-b'))).toBe(true);
      });

      it('a release by someone who does not hold the lease leaves it in place', async () => {
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-1', 'replica-a'))).toBe(true);
        await store.releaseTurnLease({ agent_id: 'agent-1', session_id: 'session-1', holder: 'replica-b' });
        expect(await store.acquireTurnLease(lease('agent-1', 'session-1', 'turn-2', 'replica-b'))).toBe(
          false,
        );
        // Releasing a session nobody holds is not an error either.
        await store.releaseTurnLease({ agent_id: 'agent-1', session_id: 'session-2', holder: 'replica-a' });
      });
    });
  });
}

export interface FileStoreUnderTest {
  /** An empty file store. */
  store: FileStore;
  /** Runs after the test: close connections, remove temp dirs. */
  cleanup?: () => Promise<void>;
}

/**
 * The behaviour every `FileStore` must show (the server serves what tools put there), as a vitest `describe`
 * block. `makeStore` is called before each test; `cleanup` after it.
 */
export function runFileStoreConformance(name: string, makeStore: () => Promise<FileStoreUnderTest>): void {
  describe(`FileStore conformance: ${name}`, () => {
    let store: FileStore;
    let cleanup: (() => Promise<void>) | undefined;
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 255, 1, 2]);

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });

    afterEach(async () => {
      await cleanup?.();
    });

    it('stores bytes with their metadata and gives both back by id', async () => {
      const stored = await store.put({
        data: png,
        mime_type: 'image/png',
        filename: 'plot.png',
        session_id: 's1',
      });
      expect(stored).toMatchObject({
        filename: 'plot.png',
        mime_type: 'image/png',
        bytes: png.byteLength,
        session_id: 's1',
      });
      expect(stored.id).toEqual(expect.any(String));
      expect(Number.isNaN(Date.parse(stored.created_at))).toBe(false);
      const read = await store.get(stored.id);
      expect(read?.file).toEqual(stored);
      expect(read?.data).toBeInstanceOf(Uint8Array);
      expect([...(read?.data ?? [])]).toEqual([...png]);
    });

    it('gives every file its own id, and a file name even when none was given', async () => {
      const a = await store.put({ data: png, mime_type: 'image/png' });
      const b = await store.put({ data: png, mime_type: 'image/png' });
      expect(a.id).not.toBe(b.id);
      expect(a.filename.length).toBeGreaterThan(0);
      expect(a.session_id).toBeUndefined();
    });

    it('keeps its own copy: changing the caller’s buffer afterwards changes nothing stored', async () => {
      const data = new Uint8Array([1, 2, 3]);
      const stored = await store.put({ data, mime_type: 'application/octet-stream' });
      data[0] = 9;
      expect([...((await store.get(stored.id))?.data ?? [])]).toEqual([1, 2, 3]);
    });

    it('round-trips an empty file and a 3 MB one given as a view into a larger buffer', async () => {
      const empty = await store.put({ data: new Uint8Array(), mime_type: 'text/plain' });
      expect(empty.bytes).toBe(0);
      expect((await store.get(empty.id))?.data.byteLength).toBe(0);
      const backing = new Uint8Array(3 * 1024 * 1024 + 20).map((_, i) => (i * 31) % 251);
      const view = backing.subarray(10, backing.length - 10);
      const big = await store.put({ data: view, mime_type: 'application/octet-stream' });
      expect(big.bytes).toBe(view.byteLength);
      const read = await store.get(big.id);
      expect(read?.data.byteLength).toBe(view.byteLength);
      expect(read?.data.every((byte, i) => byte === view[i])).toBe(true);
    });

    it('deletes a file; unknown ids give undefined and false', async () => {
      const stored = await store.put({ data: png, mime_type: 'image/png' });
      expect(await store.delete(stored.id)).toBe(true);
      expect(await store.get(stored.id)).toBeUndefined();
      expect(await store.delete(stored.id)).toBe(false);
      expect(await store.get('file-does-not-exist')).toBeUndefined();
    });

    it('rejects when the signal is already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      await expect(
        store.put({ data: png, mime_type: 'image/png' }, { signal: controller.signal }),
      ).rejects.toThrow();
      await expect(store.get('file-x', { signal: controller.signal })).rejects.toThrow();
    });
  });
}

const BASE_TIME = Date.UTC(2025, 7, 1, 12, 0, 0);

/** An ISO timestamp `seconds` after a fixed base, so order is explicit in every test. */
function at(seconds: number): string {
  return new Date(BASE_TIME + seconds * 1000).toISOString();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function agentRecord(agentId: string, createdAt: string): AgentRecord {
  return {
    agent_id: agentId,
    created_at: createdAt,
    agent_config: {
      model: 'llama3.2:3b-instruct-fp16',
      instructions: 'You are a helpful assistant',
      name: `Agent ${agentId}`,
      sampling_params: {
        strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 },
        max_tokens: 0,
        repetition_penalty: 1,
      },
      input_shields: ['llama-guard'],
      output_shields: [],
      tool_output_shields: [],
      output_shield_policy: 'buffer',
      toolgroups: [
        'builtin::websearch',
        { name: 'builtin::rag/knowledge_search', args: { vector_db_ids: ['db-1'] } },
      ],
      client_tools: [
        {
          name: 'get_boiling_point',
          description: 'Returns the boiling point of a liquid in Celsius or Fahrenheit',
          parameters: [
            {
              name: 'liquid_name',
              parameter_type: 'string',
              description: 'The name of the liquid',
              required: true,
            },
            {
              name: 'celcius',
              parameter_type: 'boolean',
              description: 'Whether to return Celsius',
              required: false,
              default: true,
            },
          ],
        },
      ],
      tool_config: { tool_choice: 'auto', system_message_behavior: 'append' },
      max_infer_iters: 10,
      enable_session_persistence: true,
    },
  } as AgentRecord;
}

function sessionRecord(agentId: string, sessionId: string, startedAt: string): SessionRecord {
  return {
    agent_id: agentId,
    session_id: sessionId,
    session_name: `Session ${sessionId}`,
    started_at: startedAt,
  };
}

function storedTurn(
  agentId: string,
  sessionId: string,
  turnId: string,
  startedAt: string,
  options: { status?: StoredTurn['status']; answer?: string; resume_state?: StoredTurn['resume_state'] } = {},
): StoredTurn {
  const status = options.status ?? 'completed';
  const stored: StoredTurn = {
    agent_id: agentId,
    session_id: sessionId,
    status,
    turn: {
      turn_id: turnId,
      session_id: sessionId,
      input_messages: [{ role: 'user', content: `Question of ${turnId}` }],
      steps: [
        {
          step_type: 'inference',
          step_id: `${turnId}-step-1`,
          turn_id: turnId,
          started_at: startedAt,
          completed_at: startedAt,
          model_response: {
            role: 'assistant',
            content: options.answer ?? `Answer of ${turnId}`,
            stop_reason: 'end_of_turn',
            tool_calls: [],
          },
        },
      ],
      output_message: {
        role: 'assistant',
        content: options.answer ?? `Answer of ${turnId}`,
        stop_reason: 'end_of_turn',
        tool_calls: [],
      },
      output_attachments: [],
      started_at: startedAt,
      ...(status === 'completed' ? { completed_at: startedAt } : {}),
      status,
    },
  } as StoredTurn;
  if (options.resume_state !== undefined) stored.resume_state = options.resume_state;
  return stored;
}

function lease(
  agentId: string,
  sessionId: string,
  turnId: string,
  holder: string,
  ttlMs = 60_000,
): TurnLeaseRequest {
  return { agent_id: agentId, session_id: sessionId, turn_id: turnId, holder, ttl_ms: ttlMs };
}
