import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoredTurn } from '@llama-stack-ts/api-types';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashTestTurn } from '../test/fixtures/crash-test-turn.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { SqliteAgentStore } from './sqlite-agent-store.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

let dir: string;
let path: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-sqlite-turn-cache-'));
  path = join(dir, 'state.sqlite');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function withSession(store: SqliteAgentStore, sessionId = 'session-1'): Promise<void> {
  await store.createAgent({
    agent_id: 'agent-1',
    created_at: '2025-08-01T00:00:00.000Z',
    agent_config: { model: 'llama3.2:3b-instruct-fp16', instructions: '' },
  } as never);
  await store.createSession({
    agent_id: 'agent-1',
    session_id: sessionId,
    session_name: sessionId,
    started_at: '2025-08-01T00:00:00.000Z',
  });
}

const inSession = (turn: StoredTurn, sessionId: string): StoredTurn => ({
  ...turn,
  session_id: sessionId,
  turn: { ...turn.turn, session_id: sessionId },
});

const ids = (turns: StoredTurn[]) => turns.map((t) => `${t.turn.turn_id} ${t.status}`);

function saveTurnsInChild(first: number, count: number): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--conditions=@llama-stack-ts/source',
      join(packageDir, 'test/fixtures/save-turns.ts'),
      path,
      String(first),
      String(count),
    ],
    { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => proc.on('exit', (code) => done({ code, stderr })));
}

describe('SqliteAgentStore.listTurns cache', () => {
  it('hands out the same frozen turn objects while nothing changed, and a new one for a re-saved turn', async () => {
    const store = new SqliteAgentStore({ path });
    await withSession(store);
    for (let i = 0; i < 3; i++) await store.saveTurn(crashTestTurn(i, 'in_progress'));
    const first = await store.listTurns('agent-1', 'session-1');
    const second = await store.listTurns('agent-1', 'session-1');
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
    for (const [i, turn] of second.entries()) expect(turn).toBe(first[i]);

    expect(Object.isFrozen(first[0])).toBe(true);
    expect(Object.isFrozen(first[0]?.turn.input_messages[0])).toBe(true);
    expect(() => {
      (first[0] as { status: string }).status = 'failed';
    }).toThrow(TypeError);
    // The array is the caller's own.
    second.pop();
    expect(await store.listTurns('agent-1', 'session-1')).toHaveLength(3);

    await store.saveTurn(crashTestTurn(1, 'completed'));
    const third = await store.listTurns('agent-1', 'session-1');
    expect(ids(third)).toEqual([
      'turn-000000 in_progress',
      'turn-000001 completed',
      'turn-000002 in_progress',
    ]);
    expect(third[0]).toBe(first[0]);
    expect(third[1]).toEqual(crashTestTurn(1, 'completed'));
    expect(third[2]).toBe(first[2]);
    await store.close();
  });

  it('sees turns another connection saved, replaced and deleted after this one listed them', async () => {
    const a = new SqliteAgentStore({ path });
    const b = new SqliteAgentStore({ path });
    await withSession(a);
    await a.saveTurn(crashTestTurn(0, 'in_progress'));
    await a.saveTurn(crashTestTurn(1, 'in_progress'));
    expect(ids(await a.listTurns('agent-1', 'session-1'))).toEqual([
      'turn-000000 in_progress',
      'turn-000001 in_progress',
    ]);

    await b.saveTurn(crashTestTurn(0, 'completed'));
    await b.saveTurn(crashTestTurn(2, 'completed'));
    expect(await a.listTurns('agent-1', 'session-1')).toEqual([
      crashTestTurn(0, 'completed'),
      crashTestTurn(1, 'in_progress'),
      crashTestTurn(2, 'completed'),
    ]);

    // B deletes the session and recreates it with the same ids: A must not answer from what it had.
    await b.deleteSession('agent-1', 'session-1');
    expect(await a.listTurns('agent-1', 'session-1')).toEqual([]);
    await withSession(b);
    await b.saveTurn(crashTestTurn(1, 'completed'));
    expect(await a.listTurns('agent-1', 'session-1')).toEqual([crashTestTurn(1, 'completed')]);
    await a.close();
    await b.close();
  });

  it('sees turns another process saved and replaced after this one listed them', async () => {
    const a = new SqliteAgentStore({ path });
    await withSession(a);
    await a.saveTurn(crashTestTurn(0, 'in_progress'));
    expect(ids(await a.listTurns('agent-1', 'session-1'))).toEqual(['turn-000000 in_progress']);

    expect(await saveTurnsInChild(0, 3)).toEqual({ code: 0, stderr: '' });
    expect(await a.listTurns('agent-1', 'session-1')).toEqual(
      [0, 1, 2].map((i) => crashTestTurn(i, 'completed')),
    );
    await a.close();
  });

  it('follows a turn re-saved with another started_at to its new place, and keeps ties in insertion order', async () => {
    const store = new SqliteAgentStore({ path });
    await withSession(store);
    const at = (turn: StoredTurn, startedAt: string): StoredTurn => ({
      ...turn,
      turn: { ...turn.turn, started_at: startedAt },
    });
    await store.saveTurn(at(crashTestTurn(0, 'in_progress'), '2025-08-01T00:00:05.000Z'));
    await store.saveTurn(at(crashTestTurn(1, 'in_progress'), '2025-08-01T00:00:05.000Z'));
    await store.saveTurn(at(crashTestTurn(2, 'in_progress'), '2025-08-01T00:00:09.000Z'));
    const order = async () => (await store.listTurns('agent-1', 'session-1')).map((t) => t.turn.turn_id);
    expect(await order()).toEqual(['turn-000000', 'turn-000001', 'turn-000002']);

    await store.saveTurn(at(crashTestTurn(0, 'completed'), '2025-08-01T00:00:05.000Z'));
    expect(await order()).toEqual(['turn-000000', 'turn-000001', 'turn-000002']);
    await store.saveTurn(at(crashTestTurn(2, 'completed'), '2025-08-01T00:00:01.000Z'));
    expect(await order()).toEqual(['turn-000002', 'turn-000000', 'turn-000001']);
    await store.saveTurn(at(crashTestTurn(3, 'completed'), '2025-08-01T00:00:05.000Z'));
    expect(await order()).toEqual(['turn-000002', 'turn-000000', 'turn-000001', 'turn-000003']);
    await store.close();
  });

  it('sees a session another connection recreated with the same turn ids and new content', async () => {
    const a = new SqliteAgentStore({ path });
    const b = new SqliteAgentStore({ path });
    await withSession(a);
    await a.saveTurn(crashTestTurn(0, 'in_progress'));
    await a.saveTurn(crashTestTurn(1, 'in_progress'));
    await a.listTurns('agent-1', 'session-1');
    await b.deleteSession('agent-1', 'session-1');
    await withSession(b);
    for (const i of [0, 1, 2]) await b.saveTurn(crashTestTurn(i, 'completed'));
    expect(await a.listTurns('agent-1', 'session-1')).toEqual(
      [0, 1, 2].map((i) => crashTestTurn(i, 'completed')),
    );
    await b.deleteSession('agent-1', 'session-1');
    await withSession(b);
    await b.saveTurn(crashTestTurn(1, 'failed' as never));
    expect(ids(await a.listTurns('agent-1', 'session-1'))).toEqual(['turn-000001 failed']);
    await a.close();
    await b.close();
  });

  it('keeps at most maxSessions sessions, the least recently listed dropped first', async () => {
    const store = new SqliteAgentStore({ path, turnCache: { maxSessions: 2 } });
    await withSession(store, 's1');
    for (const sessionId of ['s2', 's3']) await withSession(store, sessionId);
    for (const sessionId of ['s1', 's2', 's3']) {
      await store.saveTurn(inSession(crashTestTurn(0, 'completed'), sessionId));
    }
    const s1 = await store.listTurns('agent-1', 's1');
    await store.listTurns('agent-1', 's2');
    await store.listTurns('agent-1', 's3'); // drops s1
    const again = await store.listTurns('agent-1', 's1');
    expect(again).toEqual(s1);
    expect(again[0]).not.toBe(s1[0]); // parsed anew: it had been dropped
    const s3 = await store.listTurns('agent-1', 's3');
    expect((await store.listTurns('agent-1', 's3'))[0]).toBe(s3[0]);
    await store.close();
  });

  it('does not keep a session whose JSON is larger than maxJsonChars, and still lists it right', async () => {
    const store = new SqliteAgentStore({ path, turnCache: { maxJsonChars: 1000 } });
    await withSession(store);
    await store.saveTurn(crashTestTurn(0, 'completed')); // a few KB
    const first = await store.listTurns('agent-1', 'session-1');
    const second = await store.listTurns('agent-1', 'session-1');
    expect(second).toEqual([crashTestTurn(0, 'completed')]);
    expect(second[0]).not.toBe(first[0]);
    await store.close();
  });

  it('lists turns written before the revision column existed (a schema 1 database), and their later saves', async () => {
    const v1 = new Database(path);
    v1.exec(SQLITE_MIGRATIONS[0]?.sql ?? '');
    v1.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      INSERT INTO schema_migrations VALUES (1, 'v1', '2025-08-01T00:00:00.000Z');
      INSERT INTO agents VALUES ('agent-1', '2025-08-01T00:00:00.000Z', '{}');
      INSERT INTO sessions VALUES ('agent-1', 'session-1', 'old', '2025-08-01T00:00:00.000Z');`);
    const insert = v1.prepare(
      `INSERT INTO turns (agent_id, session_id, turn_id, started_at, status, turn, resume_state, updated_at)
       VALUES ('agent-1', 'session-1', ?, ?, 'in_progress', ?, NULL, '2025-08-01T00:00:00.000Z')`,
    );
    for (const i of [0, 1]) {
      const { turn } = crashTestTurn(i, 'in_progress');
      insert.run(turn.turn_id, turn.started_at, JSON.stringify(turn));
    }
    v1.close();

    const store = new SqliteAgentStore({ path });
    expect(await store.listTurns('agent-1', 'session-1')).toEqual(
      [0, 1].map((i) => crashTestTurn(i, 'in_progress')),
    );
    await store.saveTurn(crashTestTurn(1, 'completed'));
    expect(await store.listTurns('agent-1', 'session-1')).toEqual([
      crashTestTurn(0, 'in_progress'),
      crashTestTurn(1, 'completed'),
    ]);
    await store.close();
  });
});
