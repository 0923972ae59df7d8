import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgentStoreConformance } from '@llama-stack-ts/agent-core/testing';
import { SqliteAgentStore } from './sqlite-agent-store.js';

runAgentStoreConformance('sqlite file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'store-sqlite-'));
  return {
    store: new SqliteAgentStore({ path: join(dir, 'nested', 'agents.sqlite') }),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

runAgentStoreConformance('sqlite :memory:', async () => ({
  store: new SqliteAgentStore({ path: ':memory:' }),
}));

runAgentStoreConformance('sqlite :memory:, listTurns cache off', async () => ({
  store: new SqliteAgentStore({ path: ':memory:', turnCache: false }),
}));
