import { runFileStoreConformance } from '@llama-stack-ts/agent-core/testing';
import { afterAll, describe, it } from 'vitest';
import { PostgresFileStore } from './postgres-file-store.js';
import { startTestPostgresOrSkip } from './testing/start-postgres.js';

const { postgres, skipReason } = await startTestPostgresOrSkip();
afterAll(() => postgres?.stop());

if (postgres) {
  runFileStoreConformance('postgres', async () => {
    const store = new PostgresFileStore({ connectionString: postgres.url, maxConnections: 2 });
    return { store, cleanup: () => store.close() };
  });
} else {
  describe.skip(`FileStore conformance: postgres ${skipReason}`, () => {
    it('needs PostgreSQL', () => {});
  });
}
