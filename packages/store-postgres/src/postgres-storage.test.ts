import {
  type AgentRecord,
  CancelledError,
  ConfigError,
  NotFoundError,
  type StoredTurn,
} from '@llama-stack-ts/api-types';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, migratePostgres, POSTGRES_SCHEMA_VERSION } from './migrations.js';
import { openPostgresStorage, type PostgresStorage } from './open-postgres-storage.js';
import { PostgresAgentStore } from './postgres-agent-store.js';
import { startTestPostgres, startTestPostgresOrSkip, type TestPostgres } from './testing/start-postgres.js';

const { postgres, skipReason } = await startTestPostgresOrSkip();
afterAll(() => postgres?.stop());

const agent = (id: string): AgentRecord =>
  ({
    agent_id: id,
    created_at: '2025-08-01T12:00:00.000Z',
    agent_config: { model: 'llama3.2:3b-instruct-fp16', instructions: 'Be brief', max_infer_iters: 10 },
  }) as AgentRecord;

const session = (agentId: string, sessionId: string) => ({
  agent_id: agentId,
  session_id: sessionId,
  session_name: sessionId,
  started_at: '2025-08-01T12:00:01.000Z',
});

const completedTurn = (agentId: string, sessionId: string, turnId: string): StoredTurn =>
  ({
    agent_id: agentId,
    session_id: sessionId,
    status: 'completed',
    turn: {
      turn_id: turnId,
      session_id: sessionId,
      input_messages: [{ role: 'user', content: 'hello' }],
      steps: [],
      output_message: { role: 'assistant', content: 'hi', stop_reason: 'end_of_turn', tool_calls: [] },
      output_attachments: [],
      started_at: '2025-08-01T12:00:02.000Z',
    },
  }) as StoredTurn;

describe.skipIf(!postgres)(`PostgreSQL storage ${skipReason ?? ''}`, () => {
  const opened: { close(): Promise<void> }[] = [];
  const open = async (url = postgres!.url) => {
    const storage = await openPostgresStorage({ connectionString: url, maxConnections: 3 });
    opened.push(storage);
    return storage;
  };
  beforeEach(async () => {
    const { pool } = await open();
    await pool.query('DELETE FROM turn_leases; DELETE FROM files; DELETE FROM agents');
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
  });

  describe('migrations', () => {
    // Each migration test gets its own database, so migrations start from nothing.
    let db: TestPostgres;
    beforeEach(async () => {
      db = await startTestPostgres({ databaseUrl: postgres?.url });
    });
    afterEach(async () => {
      for (const handle of opened.splice(0)) await handle.close();
      await db.stop();
    });

    it('creates the schema once when several replicas start together', async () => {
      const replicas = await Promise.all(Array.from({ length: 4 }, () => open(db.url)));
      const { rows } = await replicas[0]!.pool.query(
        'SELECT version FROM llama_stack_schema_migrations ORDER BY version',
      );
      expect(rows.map((row) => row.version)).toEqual(
        [...Array(POSTGRES_SCHEMA_VERSION).keys()].map((i) => i + 1),
      );
      const tables = await replicas[0]!.pool.query(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
      );
      expect(tables.rows.map((row) => row.tablename)).toEqual([
        'agents',
        'files',
        'llama_stack_schema_migrations',
        'sessions',
        'turn_leases',
        'turns',
      ]);
    });

    it('waits for the advisory lock while another replica migrates', async () => {
      const blocker = new pg.Client({ connectionString: db.url });
      await blocker.connect();
      await blocker.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
      let migrated = false;
      const starting = open(db.url).then((storage) => {
        migrated = true;
        return storage;
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(migrated).toBe(false);
      await blocker.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      await blocker.end();
      await starting;
      expect(migrated).toBe(true);
    });

    it('is a no-op on an up-to-date database and refuses a newer schema', async () => {
      const storage = await open(db.url);
      await migratePostgres(storage.pool);
      await storage.pool.query(
        "INSERT INTO llama_stack_schema_migrations (version, name) VALUES (999, 'future')",
      );
      await expect(migratePostgres(storage.pool)).rejects.toThrow(ConfigError);
      await expect(migratePostgres(storage.pool)).rejects.toThrow(/schema version 999.*Upgrade/);
    });

    it('rejects at startup when the database cannot be reached', async () => {
      const unreachable = new URL(db.url);
      unreachable.port = '1';
      await expect(PostgresAgentStore.open({ connectionString: unreachable.toString() })).rejects.toThrow(
        /ECONNREFUSED|connect/,
      );
    });
  });

  describe('two replicas on one database', () => {
    let a: PostgresStorage;
    let b: PostgresStorage;
    beforeEach(async () => {
      [a, b] = await Promise.all([open(), open()]);
      await a.agentStore.createAgent(agent('agent-1'));
      await a.agentStore.createSession(session('agent-1', 'session-1'));
    });

    it('see each other’s agents, sessions and turns', async () => {
      await b.agentStore.saveTurn(completedTurn('agent-1', 'session-1', 'turn-1'));
      expect(await b.agentStore.getAgent('agent-1')).toEqual(agent('agent-1'));
      expect(await a.agentStore.listTurns('agent-1', 'session-1')).toEqual([
        completedTurn('agent-1', 'session-1', 'turn-1'),
      ]);
    });

    it('give a session’s lease to exactly one of many concurrent requests', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          (i % 2 ? a : b).agentStore.acquireTurnLease({
            agent_id: 'agent-1',
            session_id: 'session-1',
            turn_id: `turn-${i}`,
            holder: `replica-${i % 2 ? 'a' : 'b'}:turn-${i}`,
            ttl_ms: 30_000,
          }),
        ),
      );
      expect(attempts.filter(Boolean)).toHaveLength(1);
    });

    it('let a crashed replica’s lease expire, then the other replica takes the session', async () => {
      const lease = { agent_id: 'agent-1', session_id: 'session-1', ttl_ms: 300 };
      expect(await a.agentStore.acquireTurnLease({ ...lease, turn_id: 't1', holder: 'replica-a' })).toBe(
        true,
      );
      await a.close(); // replica A dies holding the lease
      expect(await b.agentStore.acquireTurnLease({ ...lease, turn_id: 't2', holder: 'replica-b' })).toBe(
        false,
      );
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await b.agentStore.acquireTurnLease({ ...lease, turn_id: 't2', holder: 'replica-b' })).toBe(
        true,
      );
    });

    it('share files: stored through one replica, served by the other', async () => {
      const data = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 255, 1, 2]);
      const stored = await a.fileStore.put({ data, mime_type: 'image/png', session_id: 'session-1' });
      expect(stored).toEqual({
        id: expect.stringMatching(/^file-[0-9a-f]{32}$/),
        filename: `${stored.id}.png`,
        mime_type: 'image/png',
        bytes: 8,
        created_at: expect.any(String),
        session_id: 'session-1',
      });
      const read = await b.fileStore.get(stored.id);
      expect(read?.file).toEqual(stored);
      expect([...(read?.data ?? [])]).toEqual([...data]);
      expect(await b.fileStore.delete(stored.id)).toBe(true);
      expect(await a.fileStore.get(stored.id)).toBeUndefined();
      expect(await a.fileStore.delete(stored.id)).toBe(false);
    });
  });

  describe('files', () => {
    it('round-trip an empty file and a 5 MB one given as a view into a larger buffer', async () => {
      const { fileStore } = await open();
      const empty = await fileStore.put({
        data: new Uint8Array(),
        mime_type: 'text/plain',
        filename: 'empty.txt',
      });
      expect(empty.filename).toBe('empty.txt');
      expect((await fileStore.get(empty.id))?.data.byteLength).toBe(0);
      const backing = new Uint8Array(5 * 1024 * 1024 + 20).map((_, i) => (i * 31) % 251);
      const view = backing.subarray(10, backing.length - 10);
      const big = await fileStore.put({ data: view, mime_type: 'application/octet-stream' });
      const read = await fileStore.get(big.id);
      expect(read?.file.bytes).toBe(view.byteLength);
      expect(Buffer.from(read?.data ?? []).equals(Buffer.from(view))).toBe(true);
    });

    it('reject with CancelledError when the signal is already aborted', async () => {
      const { fileStore } = await open();
      const controller = new AbortController();
      controller.abort();
      await expect(
        fileStore.put({ data: new Uint8Array([1]), mime_type: 'image/png' }, { signal: controller.signal }),
      ).rejects.toThrow(CancelledError);
    });
  });

  describe('integrity', () => {
    it('rejects a session of an unknown agent and a turn of an unknown session with NotFoundError', async () => {
      const { agentStore } = await open();
      await expect(agentStore.createSession(session('nope', 's1'))).rejects.toThrow(NotFoundError);
      await agentStore.createAgent(agent('agent-1'));
      await expect(agentStore.saveTurn(completedTurn('agent-1', 'nope', 't1'))).rejects.toThrow(
        NotFoundError,
      );
    });

    it('stores turns relationally: status, started_at and resume state are columns', async () => {
      const { agentStore, pool } = await open();
      await agentStore.createAgent(agent('agent-1'));
      await agentStore.createSession(session('agent-1', 's1'));
      await agentStore.saveTurn({
        ...completedTurn('agent-1', 's1', 't1'),
        status: 'awaiting_input',
        resume_state: { n: 1 },
      });
      const { rows } = await pool.query(
        "SELECT status, started_at, turn->>'turn_id' AS id, resume_state::text AS resume_state FROM turns",
      );
      expect(rows).toEqual([
        {
          status: 'awaiting_input',
          started_at: '2025-08-01T12:00:02.000Z',
          id: 't1',
          resume_state: '{"n":1}',
        },
      ]);
    });
  });
});
