/** Ours, in-process: agent-core + inference-ollama with the SQLite store (a file, WAL, default durability). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAgentStore } from '@llama-stack-ts/store-sqlite';
import type { Contender, ContenderContext } from '../harness/contender.js';
import { createAgentCoreContender } from './shared/agent-core-contender.js';

export function createContender(context: ContenderContext): Promise<Contender> {
  return createSqliteContender(context, 'full');
}

/** `full` is the store's default (fsync on every commit); `normal` skips the fsync (see agent-core-sqlite-normal). */
export async function createSqliteContender(
  context: ContenderContext,
  synchronous: 'full' | 'normal',
): Promise<Contender> {
  const dir = mkdtempSync(join(tmpdir(), 'llama-stack-ts-bench-'));
  const store = new SqliteAgentStore({ path: join(dir, 'bench.db'), synchronous });
  const contender = await createAgentCoreContender(context, store);
  return {
    ...contender,
    async close() {
      await contender.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
