import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { runAgentStoreConformance } from './store-conformance.js';

runAgentStoreConformance('memory', async () => ({ store: new MemoryAgentStore() }));
