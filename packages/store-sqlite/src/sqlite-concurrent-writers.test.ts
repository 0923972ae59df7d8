import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteAgentStore } from './sqlite-agent-store.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const child = join(packageDir, 'test/fixtures/save-turns.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-sqlite-writers-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function saveTurnsInChild(
  path: string,
  first: number,
  count: number,
): Promise<{ code: number | null; stderr: string }> {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@llama-stack-ts/source', child, path, String(first), String(count)],
    { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  proc.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((done) => proc.on('exit', (code) => done({ code, stderr })));
}

describe('SqliteAgentStore with several processes writing one file', () => {
  it('never fails with "database is locked": writers wait for each other (WAL + busy_timeout)', async () => {
    const path = join(dir, 'state.sqlite');
    const setup = new SqliteAgentStore({ path });
    await setup.createAgent({
      agent_id: 'agent-1',
      created_at: '2025-08-01T00:00:00.000Z',
      agent_config: { model: 'llama3.2:3b-instruct-fp16', instructions: '' },
    } as never);
    await setup.createSession({
      agent_id: 'agent-1',
      session_id: 'session-1',
      session_name: 'writers',
      started_at: '2025-08-01T00:00:00.000Z',
    });

    // Listed once before: the answer after the writers must come from the file, not from what this store kept.
    expect(await setup.listTurns('agent-1', 'session-1')).toEqual([]);
    const writers = await Promise.all([0, 1, 2].map((i) => saveTurnsInChild(path, i * 150, 150)));
    for (const writer of writers) expect(writer).toEqual({ code: 0, stderr: '' });

    const turns = await setup.listTurns('agent-1', 'session-1');
    expect(turns).toHaveLength(450);
    expect(turns.map((t) => t.turn.turn_id)).toEqual(
      Array.from({ length: 450 }, (_, i) => `turn-${String(i).padStart(6, '0')}`),
    );
    await setup.close();
  });
});
