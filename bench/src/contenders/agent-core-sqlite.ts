/** Ours, in-process: agent-core + inference-ollama with the SQLite store (a file, WAL, default durability). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAgentStore } from '@llama-stack-ts/store-sqlite';
import type { Contender, ContenderContext } from '../harness/contender.js';
import { createAgentCoreContender } from './shared/agent-core-contender.js';

export async function createContender(context: ContenderContext): Promise<Contender> {
  const dir = mkdtempSync(join(tmpdir(), 'llama-stack-ts-bench-'));
  const store = new SqliteAgentStore({ path: join(dir, 'bench.db') });
  const contender = await createAgentCoreContender(context, store);
  return {
    ...contender,
    async close() {
      await contender.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
