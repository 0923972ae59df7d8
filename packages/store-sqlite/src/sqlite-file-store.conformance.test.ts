import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runFileStoreConformance } from '@llama-stack-ts/agent-core/testing';
import { SqliteFileStore } from './sqlite-file-store.js';

runFileStoreConformance('sqlite file', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'store-sqlite-files-'));
  const store = new SqliteFileStore({ path: join(dir, 'files.sqlite') });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
