import type pg from 'pg';
import { migratePostgres } from './migrations.js';
import { type PostgresConnectionOptions, poolFrom } from './pool.js';
import { PostgresAgentStore } from './postgres-agent-store.js';
import { PostgresFileStore } from './postgres-file-store.js';

export interface PostgresStorage {
  agentStore: PostgresAgentStore;
  fileStore: PostgresFileStore;
  pool: pg.Pool;
  /** Ends the pool if it was created from a connection string. */
  close(): Promise<void>;
}

/**
 * What a server replica opens at startup: one pool, the schema migrated (safely while other replicas start
 * too), and both stores on it. Rejects when the database cannot be reached or has a newer schema.
 */
export async function openPostgresStorage(
  options: PostgresConnectionOptions & { signal?: AbortSignal },
): Promise<PostgresStorage> {
  const handle = poolFrom(options);
  try {
    await migratePostgres(handle.pool, { signal: options.signal });
  } catch (error) {
    await handle.end();
    throw error;
  }
  const shared = { pool: handle.pool, migrate: false };
  return {
    agentStore: new PostgresAgentStore(shared),
    fileStore: new PostgresFileStore(shared),
    pool: handle.pool,
    close: () => handle.end(),
  };
}
