import { runAgentStoreConformance } from '@llama-stack-ts/agent-core/testing';
import pg from 'pg';
import { afterAll, describe, it } from 'vitest';
import { PostgresAgentStore } from './postgres-agent-store.js';
import { startTestPostgresOrSkip } from './testing/start-postgres.js';

const { postgres, skipReason } = await startTestPostgresOrSkip();
afterAll(() => postgres?.stop());

if (postgres) {
  runAgentStoreConformance('postgres', async () => {
    const store = new PostgresAgentStore({ connectionString: postgres.url, maxConnections: 4 });
    await store.ready();
    await store.pool.query('DELETE FROM turn_leases; DELETE FROM files; DELETE FROM agents');
    return { store };
  });

  runAgentStoreConformance('postgres with a pool it does not own', async () => {
    const pool = new pg.Pool({ connectionString: postgres.url, max: 4 });
    const store = new PostgresAgentStore({ pool });
    await store.ready();
    await pool.query('DELETE FROM turn_leases; DELETE FROM files; DELETE FROM agents');
    return { store, cleanup: () => pool.end() };
  });
} else {
  describe.skip(`AgentStore conformance: postgres ${skipReason}`, () => {
    it('needs PostgreSQL', () => {});
  });
}
