import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashTestTurn } from '../test/fixtures/crash-test-turn.js';
import { type OpenSqliteOptions, openSqliteDatabase } from './open-database.js';
import { SqliteAgentStore } from './sqlite-agent-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-sqlite-lease-sync-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const SYNC_LEVEL = { 1: 'NORMAL', 2: 'FULL' } as const;

/**
 * A connection whose statements note, just before each run (and so before its commit), the `PRAGMA synchronous`
 * level in effect and which table the statement writes: what decides whether that commit fsyncs the WAL.
 */
function observedDatabase(options: OpenSqliteOptions) {
  const database = openSqliteDatabase(options);
  const commits: string[] = [];
  const prepare = database.prepare.bind(database);
  database.prepare = ((source: string) => {
    const statement = prepare(source);
    const table = /^\s*(?:INSERT INTO|UPDATE|DELETE FROM)\s+(\w+)/i.exec(source)?.[1];
    if (!table) return statement;
    const run = statement.run.bind(statement);
    statement.run = ((...args: unknown[]) => {
      const level = database.pragma('synchronous', { simple: true }) as 1 | 2;
      commits.push(`${table} ${SYNC_LEVEL[level]}`);
      return run(...(args as []));
    }) as typeof statement.run;
    return statement;
  }) as typeof database.prepare;
  return { database, commits };
}

async function sessionIn(store: SqliteAgentStore): Promise<void> {
  await store.createAgent({
    agent_id: 'agent-1',
    created_at: '2025-08-01T00:00:00.000Z',
    agent_config: { model: 'llama3.2:3b-instruct-fp16', instructions: '' },
  } as never);
  await store.createSession({
    agent_id: 'agent-1',
    session_id: 'session-1',
    session_name: 'leases',
    started_at: '2025-08-01T00:00:00.000Z',
  });
}

const lease = (turnId: string) => ({
  agent_id: 'agent-1',
  session_id: 'session-1',
  turn_id: turnId,
  holder: `runtime ${turnId}`,
  ttl_ms: 60_000,
});

describe('SqliteAgentStore lease writes and fsync', () => {
  it('commits leases without an fsync (NORMAL) and agents, sessions and turns with the configured FULL', async () => {
    const { database, commits } = observedDatabase({ path: join(dir, 'state.sqlite') });
    const store = new SqliteAgentStore({ database });
    await sessionIn(store);
    for (const [index, turnId] of ['turn-000000', 'turn-000001'].entries()) {
      expect(await store.acquireTurnLease(lease(turnId))).toBe(true);
      expect(await store.renewTurnLease(lease(turnId))).toBe(true);
      await store.saveTurn(crashTestTurn(index, 'completed'));
      await store.releaseTurnLease(lease(turnId));
    }
    expect(commits.filter((c) => !c.startsWith('turn_revisions'))).toEqual([
      'agents FULL',
      'sessions FULL',
      ...Array(2)
        .fill(['turn_leases NORMAL', 'turn_leases NORMAL', 'turns FULL', 'turn_leases NORMAL'])
        .flat(),
    ]);
    // The connection is back at FULL after the last lease write, for whatever the application writes next.
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    expect((await store.listTurns('agent-1', 'session-1')).map((t) => t.turn.turn_id)).toEqual([
      'turn-000000',
      'turn-000001',
    ]);
    database.close();
  });

  it('a turn saved before lease writes is in the file for a fresh connection, and the level stays FULL', async () => {
    const path = join(dir, 'state.sqlite');
    const store = new SqliteAgentStore({ path });
    await sessionIn(store);
    await store.acquireTurnLease(lease('turn-000000'));
    await store.saveTurn(crashTestTurn(0, 'completed'));
    await store.releaseTurnLease(lease('turn-000000'));
    await store.acquireTurnLease(lease('turn-000001'));
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);

    const reader = new Database(path, { readonly: true });
    const row = reader.prepare("SELECT status, turn FROM turns WHERE turn_id = 'turn-000000'").get() as {
      status: string;
      turn: string;
    };
    expect({ status: row.status, turn: JSON.parse(row.turn) }).toEqual({
      status: 'completed',
      turn: crashTestTurn(0, 'completed').turn,
    });
    expect(reader.prepare('SELECT turn_id, holder FROM turn_leases').all()).toEqual([
      { turn_id: 'turn-000001', holder: 'runtime turn-000001' },
    ]);
    reader.close();
    await store.close();
  });

  it('puts FULL back when a lease write fails (here: another connection holds the write lock)', async () => {
    const path = join(dir, 'state.sqlite');
    const store = new SqliteAgentStore({ path, busyTimeoutMs: 0 });
    await sessionIn(store);
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    await expect(store.acquireTurnLease(lease('turn-000000'))).rejects.toThrow(/database is locked/);
    expect(store.database.pragma('synchronous', { simple: true })).toBe(2);
    other.exec('ROLLBACK');
    other.close();
    expect(await store.acquireTurnLease(lease('turn-000000'))).toBe(true);
    await store.close();
  });

  it('leaves a NORMAL connection at NORMAL', async () => {
    const { database, commits } = observedDatabase({
      path: join(dir, 'state.sqlite'),
      synchronous: 'normal',
    });
    const store = new SqliteAgentStore({ database });
    await sessionIn(store);
    await store.acquireTurnLease(lease('turn-000000'));
    await store.saveTurn(crashTestTurn(0, 'completed'));
    await store.releaseTurnLease(lease('turn-000000'));
    expect(new Set(commits.map((c) => c.split(' ')[1]))).toEqual(new Set(['NORMAL']));
    expect(database.pragma('synchronous', { simple: true })).toBe(1);
    database.close();
  });

  it('writes a lease inside a caller’s open transaction as it is (the level cannot change there)', async () => {
    const database = openSqliteDatabase({ path: join(dir, 'state.sqlite') });
    const store = new SqliteAgentStore({ database });
    await sessionIn(store);
    let granted: Promise<boolean> | undefined;
    database.transaction(() => {
      granted = store.acquireTurnLease(lease('turn-000000'));
    })();
    expect(await granted).toBe(true);
    expect(database.pragma('synchronous', { simple: true })).toBe(2);
    database.close();
  });
});
