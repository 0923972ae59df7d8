import type { Logger } from '@llama-stack-ts/api-types';
import pg from 'pg';

export interface PostgresConnectionOptions {
  /** `postgres://user:password@host:5432/db`; or pass `pool`. */
  connectionString?: string;
  /** A pool you manage (and end); the stores never end a pool they were given. */
  pool?: pg.Pool;
  /** Size of the pool created from `connectionString`. Default 10. */
  maxConnections?: number;
  logger?: Logger;
}

export interface PoolHandle {
  pool: pg.Pool;
  /** Ends the pool if this handle created it. */
  end(): Promise<void>;
}

export function poolFrom(options: PostgresConnectionOptions): PoolHandle {
  if (options.pool) return { pool: options.pool, end: async () => {} };
  if (!options.connectionString) {
    throw new TypeError('Pass connectionString (postgres://…) or pool to the PostgreSQL store');
  }
  const pool = new pg.Pool({ connectionString: options.connectionString, max: options.maxConnections ?? 10 });
  // An idle connection dropped by the server (restart, failover) must not crash the process; the pool replaces it.
  pool.on('error', (error) =>
    options.logger?.warn('PostgreSQL idle connection error', { error: error.message }),
  );
  let ended = false;
  return {
    pool,
    async end() {
      if (ended) return;
      ended = true;
      await pool.end();
    },
  };
}
