import { ConfigError } from '@llama-stack-ts/api-types';
import type Database from 'better-sqlite3';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Append only: a released migration never changes; a new schema is a new entry. */
export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'agents, sessions, turns, turn leases and files',
    sql: `
      CREATE TABLE agents (
        agent_id   TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        config     TEXT NOT NULL CHECK (json_valid(config))
      );
      CREATE INDEX agents_by_created_at ON agents (created_at);

      CREATE TABLE sessions (
        agent_id     TEXT NOT NULL REFERENCES agents (agent_id) ON DELETE CASCADE,
        session_id   TEXT NOT NULL,
        session_name TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        PRIMARY KEY (agent_id, session_id)
      );
      CREATE INDEX sessions_by_started_at ON sessions (agent_id, started_at);

      CREATE TABLE turns (
        agent_id     TEXT NOT NULL,
        session_id   TEXT NOT NULL,
        turn_id      TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        status       TEXT NOT NULL CHECK (status IN ('in_progress', 'awaiting_input', 'completed', 'cancelled', 'failed')),
        turn         TEXT NOT NULL CHECK (json_valid(turn)),
        resume_state TEXT CHECK (resume_state IS NULL OR json_valid(resume_state)),
        updated_at   TEXT NOT NULL,
        PRIMARY KEY (agent_id, session_id, turn_id),
        FOREIGN KEY (agent_id, session_id) REFERENCES sessions (agent_id, session_id) ON DELETE CASCADE
      );
      CREATE INDEX turns_by_started_at ON turns (agent_id, session_id, started_at);

      -- One active turn per session. No foreign key: a lease may be taken before the session row is visible
      -- to this connection, and deletes remove leases explicitly.
      CREATE TABLE turn_leases (
        agent_id   TEXT NOT NULL,
        session_id TEXT NOT NULL,
        turn_id    TEXT NOT NULL,
        holder     TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, session_id)
      );

      CREATE TABLE files (
        file_id    TEXT PRIMARY KEY,
        filename   TEXT NOT NULL,
        mime_type  TEXT NOT NULL,
        bytes      INTEGER NOT NULL,
        created_at TEXT NOT NULL,
        session_id TEXT,
        data       BLOB NOT NULL
      );
      CREATE INDEX files_by_session ON files (session_id) WHERE session_id IS NOT NULL;
    `,
  },
  {
    version: 2,
    name: 'turn revisions, so listTurns re-reads only turns that changed',
    // Every saveTurn takes the next number from turn_revisions, which only ever grows: a revision never comes
    // back, not even after its session is deleted and recreated. listTurns asks the index for a session's
    // count and max(revision), and reads only the rows above the revision it saw last.
    sql: `
      ALTER TABLE turns ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE turn_revisions (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        last INTEGER NOT NULL
      );
      INSERT INTO turn_revisions (id, last) VALUES (1, 0);
      CREATE INDEX turns_by_revision ON turns (agent_id, session_id, revision);
    `,
  },
];

export const SQLITE_SCHEMA_VERSION = SQLITE_MIGRATIONS.at(-1)?.version ?? 0;

/**
 * Brings the schema to the newest version. Runs in one IMMEDIATE transaction, so two processes opening the same
 * file at once apply each migration exactly once. Refuses a database written by a newer version of this package.
 */
export function migrateSqlite(db: Database.Database): void {
  const migrate = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    if (current > SQLITE_SCHEMA_VERSION) {
      throw new ConfigError(
        `The SQLite database ${db.name} has schema version ${current}, newer than this @llama-stack-ts/store-sqlite understands (${SQLITE_SCHEMA_VERSION}). Upgrade @llama-stack-ts/store-sqlite or point storage at another file.`,
      );
    }
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of SQLITE_MIGRATIONS) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  migrate.immediate();
}
