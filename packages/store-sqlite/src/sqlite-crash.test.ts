import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { crashTestTurn } from '../test/fixtures/crash-test-turn.js';
import { SqliteAgentStore } from './sqlite-agent-store.js';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const child = join(packageDir, 'test/fixtures/save-turns-until-killed.ts');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-sqlite-crash-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Starts the child, waits until it reported `savedBeforeKill` completed turns, SIGKILLs it, returns what it reported. */
async function saveThenKill(
  path: string,
  synchronous: 'full' | 'normal',
  savedBeforeKill: number,
): Promise<string[]> {
  const proc: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@llama-stack-ts/source', child, path, synchronous],
    { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  proc.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<NodeJS.Signals | null>((resolveExit) =>
    proc.on('exit', (_code, signal) => resolveExit(signal)),
  );
  const saved: string[] = [];
  const lines = createInterface({ input: proc.stdout! });
  for await (const line of lines) {
    if (line.startsWith('saved ')) saved.push(line.slice('saved '.length));
    // Kill at once, without waiting: the child is in the middle of its next saves.
    if (saved.length === savedBeforeKill) proc.kill('SIGKILL');
  }
  const signal = await exited;
  if (signal !== 'SIGKILL') throw new Error(`child ended with ${signal}, not SIGKILL:\n${stderr}`);
  return saved;
}

describe('SqliteAgentStore when the process is killed (SIGKILL) mid-save', () => {
  for (const synchronous of ['full', 'normal'] as const) {
    it(`keeps every turn whose save returned and no corrupt row (synchronous=${synchronous})`, async () => {
      const path = join(dir, 'state.sqlite');
      const saved = await saveThenKill(path, synchronous, 150);
      expect(saved.length).toBeGreaterThanOrEqual(150);

      const integrity = new Database(path);
      expect(integrity.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(integrity.pragma('foreign_key_check')).toEqual([]);
      integrity.close();

      const store = new SqliteAgentStore({ path });
      const turns = await store.listTurns('agent-1', 'session-1');
      const ids = turns.map((t) => t.turn.turn_id);
      for (const id of saved) expect(ids).toContain(id);
      // Every row reads back whole: a completed turn exactly as saved, at most one unreported turn still in progress.
      for (const [index, stored] of turns.entries()) {
        expect(stored.turn.turn_id).toBe(crashTestTurn(index, 'completed').turn.turn_id);
        expect(stored).toEqual(
          crashTestTurn(index, stored.status === 'completed' ? 'completed' : 'in_progress'),
        );
      }
      expect(turns.filter((t) => t.status !== 'completed').length).toBeLessThanOrEqual(1);
      expect(turns.length - saved.length).toBeLessThanOrEqual(1);
      await store.close();
    });
  }
});
