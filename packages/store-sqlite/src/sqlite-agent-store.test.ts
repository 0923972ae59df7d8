import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AgentRecord, ConfigError, NotFoundError, type StoredTurn } from '@llama-stack-ts/api-types';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SQLITE_SCHEMA_VERSION } from './migrations.js';
import { openSqliteDatabase } from './open-database.js';
import { SqliteAgentStore } from './sqlite-agent-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-sqlite-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const agent = (id: string): AgentRecord =>
  ({
    agent_id: id,
    created_at: '2025-08-01T12:00:00.000Z',
    agent_config: { model: 'llama3.2:3b-instruct-fp16', instructions: 'Be brief', max_infer_iters: 10 },
  }) as AgentRecord;

const pausedTurn = (agentId: string, sessionId: string, turnId: string): StoredTurn =>
  ({
    agent_id: agentId,
    session_id: sessionId,
    status: 'awaiting_input',
    resume_state: { pending: [{ call_id: 'c1', tool_name: 'get_boiling_point' }] },
    turn: {
      turn_id: turnId,
      session_id: sessionId,
      input_messages: [{ role: 'user', content: 'Boiling point of polyjuice?' }],
      steps: [],
      output_message: { role: 'assistant', content: '', stop_reason: 'end_of_message', tool_calls: [] },
      output_attachments: [],
      started_at: '2025-08-01T12:00:01.000Z',
    },
  }) as StoredTurn;

describe('SqliteAgentStore on a file', () => {
  it('creates missing directories and sets WAL, busy timeout, foreign keys and synchronous=FULL', async () => {
    const path = join(dir, 'a', 'b', 'state.sqlite');
    const store = new SqliteAgentStore({ path });
    expect(existsSync(path)).toBe(true);
    expect(store.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.database.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(store.database.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    await store.close();
  });

  it('uses synchronous=NORMAL when asked', async () => {
    const store = new SqliteAgentStore({
      path: join(dir, 'state.sqlite'),
      synchronous: 'normal',
      busyTimeoutMs: 250,
    });
    expect(store.database.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.database.pragma('busy_timeout', { simple: true })).toBe(250);
    await store.close();
  });

  it('keeps a paused turn across a close and reopen, ready to resume', async () => {
    const path = join(dir, 'state.sqlite');
    const first = new SqliteAgentStore({ path });
    await first.createAgent(agent('agent-1'));
    await first.createSession({
      agent_id: 'agent-1',
      session_id: 's1',
      session_name: 'one',
      started_at: '2025-08-01T12:00:00.000Z',
    });
    await first.saveTurn(pausedTurn('agent-1', 's1', 't1'));
    await first.close();

    const second = new SqliteAgentStore({ path });
    expect(await second.getTurn('agent-1', 's1', 't1')).toEqual(pausedTurn('agent-1', 's1', 't1'));
    expect(await second.getAgent('agent-1')).toEqual(agent('agent-1'));
    await second.close();
  });

  it('sees writes of another connection to the same file at once (two processes, one file)', async () => {
    const path = join(dir, 'state.sqlite');
    const a = new SqliteAgentStore({ path });
    const b = new SqliteAgentStore({ path });
    await a.createAgent(agent('agent-1'));
    await a.createSession({
      agent_id: 'agent-1',
      session_id: 's1',
      session_name: 'one',
      started_at: '2025-08-01T12:00:00.000Z',
    });
    expect(await b.getAgent('agent-1')).toEqual(agent('agent-1'));
    const lease = { agent_id: 'agent-1', session_id: 's1', turn_id: 't1', ttl_ms: 60_000 };
    expect(await a.acquireTurnLease({ ...lease, holder: 'process-a' })).toBe(true);
    expect(await b.acquireTurnLease({ ...lease, holder: 'process-b' })).toBe(false);
    await a.close();
    await b.close();
  });

  it('records the schema version and migrates a second open as a no-op', async () => {
    const path = join(dir, 'state.sqlite');
    await new SqliteAgentStore({ path }).close();
    await new SqliteAgentStore({ path }).close();
    const db = new Database(path, { readonly: true });
    const versions = db.prepare('SELECT version FROM schema_migrations ORDER BY version').pluck().all();
    expect(versions).toEqual([...Array(SQLITE_SCHEMA_VERSION).keys()].map((i) => i + 1));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .pluck()
      .all();
    expect(tables).toEqual([
      'agents',
      'files',
      'schema_migrations',
      'sessions',
      'turn_leases',
      'turn_revisions',
      'turns',
    ]);
    db.close();
  });

  it('refuses a database written by a newer schema, saying what to do', () => {
    const path = join(dir, 'state.sqlite');
    openSqliteDatabase({ path }).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, ?, ?)').run(
      'future',
      'now',
    );
    db.close();
    expect(() => new SqliteAgentStore({ path })).toThrow(ConfigError);
    expect(() => new SqliteAgentStore({ path })).toThrow(
      /schema version 999.*Upgrade @llama-stack-ts\/store-sqlite/,
    );
  });

  it('stores turns relationally: status, started_at and resume state are columns, the turn is JSON', async () => {
    const store = new SqliteAgentStore({ path: ':memory:' });
    await store.createAgent(agent('agent-1'));
    await store.createSession({
      agent_id: 'agent-1',
      session_id: 's1',
      session_name: 'one',
      started_at: '2025-08-01T12:00:00.000Z',
    });
    await store.saveTurn(pausedTurn('agent-1', 's1', 't1'));
    const row = store.database
      .prepare("SELECT status, started_at, json_extract(turn, '$.turn_id') AS id, resume_state FROM turns")
      .get();
    expect(row).toEqual({
      status: 'awaiting_input',
      started_at: '2025-08-01T12:00:01.000Z',
      id: 't1',
      resume_state: JSON.stringify({ pending: [{ call_id: 'c1', tool_name: 'get_boiling_point' }] }),
    });
    await store.close();
  });

  it('rejects a session of an unknown agent and a turn of an unknown session with NotFoundError', async () => {
    const store = new SqliteAgentStore({ path: ':memory:' });
    await expect(
      store.createSession({
        agent_id: 'nope',
        session_id: 's1',
        session_name: 'one',
        started_at: '2025-08-01T12:00:00.000Z',
      }),
    ).rejects.toThrow(NotFoundError);
    await store.createAgent(agent('agent-1'));
    await expect(store.saveTurn(pausedTurn('agent-1', 'nope', 't1'))).rejects.toThrow(NotFoundError);
    await store.close();
  });

  it('shares a connection without closing it', async () => {
    const database = openSqliteDatabase({ path: ':memory:' });
    const store = new SqliteAgentStore({ database });
    await store.close();
    expect(database.open).toBe(true);
    database.close();
  });
});
