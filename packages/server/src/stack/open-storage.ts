import { MemoryAgentStore } from '@llama-stack-ts/agent-core';
import { type AgentStore, ConfigError, type FileStore } from '@llama-stack-ts/api-types';
import type { StorageSection } from '../config/run-config.js';
import { MemoryFileStore } from './memory-file-store.js';

export interface OpenedStorage {
  store: AgentStore;
  files: FileStore;
  /** For the startup banner. */
  description: string;
  close(): Promise<void>;
}

/** The agent store and file store the storage section names. */
export async function openStorage(section: StorageSection, _dataDir: string): Promise<OpenedStorage> {
  switch (section.type) {
    case 'memory': {
      const store = new MemoryAgentStore();
      return {
        store,
        files: new MemoryFileStore(),
        description: 'memory (lost on restart)',
        close: async () => {},
      };
    }
    case 'sqlite':
    case 'postgres':
      throw new ConfigError(
        `storage type ${section.type} is not available in this build yet; use type: memory`,
      );
  }
}
