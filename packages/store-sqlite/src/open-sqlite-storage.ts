import { type OpenSqliteOptions, openSqliteDatabase } from './open-database.js';
import { SqliteAgentStore } from './sqlite-agent-store.js';
import { SqliteFileStore } from './sqlite-file-store.js';

export interface SqliteStorage {
  agentStore: SqliteAgentStore;
  fileStore: SqliteFileStore;
  /** Closes the shared connection (checkpointing the WAL). */
  close(): Promise<void>;
}

/** One SQLite connection serving both the AgentStore and the FileStore: what the server opens at startup. */
export function openSqliteStorage(options: OpenSqliteOptions): SqliteStorage {
  const database = openSqliteDatabase(options);
  return {
    agentStore: new SqliteAgentStore({ database }),
    fileStore: new SqliteFileStore({ database }),
    async close() {
      if (database.open) database.close();
    },
  };
}
