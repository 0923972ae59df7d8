import { ConfigError } from '@llama-stack-ts/api-types';
import type pg from 'pg';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration never changes; a new schema is a new entry. */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'agents, sessions, turns, turn leases and files',
    // Timestamps stay text (ISO-8601 UTC, compared in the "C" collation) so they round-trip byte for byte.
    // JSON columns are `json`, not `jsonb`: stored verbatim, so `\u0000` and lone surrogates survive.
    sql: `
      CREATE TABLE agents (
        agent_id   text PRIMARY KEY,
        created_at text COLLATE "C" NOT NULL,
        config     json NOT NULL,
        seq        bigint GENERATED ALWAYS AS IDENTITY
      );
      CREATE INDEX agents_by_created_at ON agents (created_at, seq);

      CREATE TABLE sessions (
        agent_id     text NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
        session_id   text NOT NULL,
        session_name text NOT NULL,
        started_at   text COLLATE "C" NOT NULL,
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (agent_id, session_id)
      );
      CREATE INDEX sessions_by_started_at ON sessions (agent_id, started_at, seq);

      CREATE TABLE turns (
        agent_id     text NOT NULL,
        session_id   text NOT NULL,
        turn_id      text NOT NULL,
        started_at   text COLLATE "C" NOT NULL,
        status       text NOT NULL CHECK (status IN ('in_progress', 'awaiting_input', 'completed', 'cancelled', 'failed')),
        turn         json NOT NULL,
        resume_state json,
        updated_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
        seq          bigint GENERATED ALWAYS AS IDENTITY,
        PRIMARY KEY (agent_id, session_id, turn_id),
        FOREIGN KEY (agent_id, session_id) REFERENCES sessions (agent_id, session_id) ON DELETE CASCADE
      );
      CREATE INDEX turns_by_started_at ON turns (agent_id, session_id, started_at, seq);

      -- One active turn per session, across replicas. Expiry uses the database clock, so replicas with skewed
      -- clocks agree. No foreign key: deletes remove leases explicitly.
      CREATE TABLE turn_leases (
        agent_id   text NOT NULL,
        session_id text NOT NULL,
        turn_id    text NOT NULL,
        holder     text NOT NULL,
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (agent_id, session_id)
      );

      CREATE TABLE files (
        file_id    text PRIMARY KEY,
        filename   text NOT NULL,
        mime_type  text NOT NULL,
        bytes      bigint NOT NULL,
        created_at text NOT NULL,
        session_id text,
        data       bytea NOT NULL
      );
      CREATE INDEX files_by_session ON files (session_id) WHERE session_id IS NOT NULL;
    `,
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.at(-1)?.version ?? 0;

/** Key of the session-level advisory lock that serialises migrations across replicas ("llama-stack-ts"). */
export const MIGRATION_LOCK_KEY = '7308613681316107892';

/**
 * Brings the schema to the newest version. Holds a PostgreSQL advisory lock meanwhile, so replicas starting
 * together migrate one after the other: the first applies, the others find nothing left to do. Each migration
 * runs in its own transaction with its version row. Refuses a database migrated by a newer version of this package.
 */
export async function migratePostgres(pool: pg.Pool, options: { signal?: AbortSignal } = {}): Promise<void> {
  options.signal?.throwIfAborted();
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS llama_stack_schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
      const { rows } = await client.query<{ version: number }>(
        'SELECT coalesce(max(version), 0)::integer AS version FROM llama_stack_schema_migrations',
      );
      const current = rows[0]?.version ?? 0;
      if (current > POSTGRES_SCHEMA_VERSION) {
        throw new ConfigError(
          `The PostgreSQL database has llama-stack-ts schema version ${current}, newer than this @llama-stack-ts/store-postgres understands (${POSTGRES_SCHEMA_VERSION}). Upgrade @llama-stack-ts/store-postgres on every replica.`,
        );
      }
      for (const migration of POSTGRES_MIGRATIONS) {
        if (migration.version <= current) continue;
        options.signal?.throwIfAborted();
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO llama_stack_schema_migrations (version, name) VALUES ($1, $2)', [
            migration.version,
            migration.name,
          ]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]).catch(() => {
        broken = true;
      });
    }
  } finally {
    // A connection whose unlock failed may still hold the lock: destroy it rather than return it to the pool.
    client.release(broken);
  }
}
