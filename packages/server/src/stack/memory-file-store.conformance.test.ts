import { runFileStoreConformance } from '@llama-stack-ts/agent-core/testing';
import { MemoryFileStore } from './memory-file-store.js';

runFileStoreConformance('server memory file store', async () => ({ store: new MemoryFileStore() }));
