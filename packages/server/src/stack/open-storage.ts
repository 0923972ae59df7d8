import { join } from 'node:path';
import { MemoryAgentStore } from '@llama-stack-ts/agent-core';
import type { AgentStore, FileStore } from '@llama-stack-ts/api-types';
import { openPostgresStorage } from '@llama-stack-ts/store-postgres';
import { openSqliteStorage } from '@llama-stack-ts/store-sqlite';
import type { Logger } from 'pino';
import type { StorageSection } from '../config/run-config.js';
import { providerLogger } from '../logging/create-logger.js';
import { MemoryFileStore } from './memory-file-store.js';

export const SQLITE_FILE_NAME = 'llama-stack-ts.db';

export interface OpenedStorage {
  store: AgentStore;
  files: FileStore;
  /** For the startup banner (never the postgres password). */
  description: string;
  close(): Promise<void>;
}

/** The agent store and file store the storage section names; SQLite lives in the data dir by default. */
export async function openStorage(
  section: StorageSection,
  dataDir: string,
  options: { logger: Logger; signal?: AbortSignal },
): Promise<OpenedStorage> {
  switch (section.type) {
    case 'memory':
      return {
        store: new MemoryAgentStore(),
        files: new MemoryFileStore(),
        description: 'memory (lost on restart)',
        close: async () => {},
      };
    case 'sqlite': {
      const path = section.path ?? join(dataDir, SQLITE_FILE_NAME);
      const storage = openSqliteStorage({ path });
      return {
        store: storage.agentStore,
        files: storage.fileStore,
        description: `sqlite ${path}`,
        close: () => storage.close(),
      };
    }
    case 'postgres': {
      const storage = await openPostgresStorage({
        connectionString: section.url,
        logger: providerLogger(options.logger.child({ component: 'postgres' })),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return {
        store: storage.agentStore,
        files: storage.fileStore,
        description: `postgres ${redactUrl(section.url)}`,
        close: () => storage.close(),
      };
    }
  }
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres (url not shown)';
  }
}
