export {
  ScriptedInferenceProvider,
  type ScriptedInferenceProviderOptions,
  type ScriptedReply,
  type ScriptedToolCall,
  type ScriptStep,
  textReply,
  toolCallReply,
} from './scripted-inference-provider.js';
export {
  LLAMA_GUARD_REFUSAL,
  ScriptedShieldProvider,
  type ScriptedShieldProviderOptions,
  unsafeViolation,
} from './scripted-shield-provider.js';
export { ScriptedToolProvider, type ScriptedTool, sleep } from './scripted-tool-provider.js';
export { collapsedOrder, type DrainedTurn, drain, toolResponse, user } from './helpers.js';
export type { AgentStoreUnderTest, FileStoreUnderTest } from './store-conformance.js';
import { loadStoreConformance } from './load-store-conformance.js';

const suites = await loadStoreConformance();
/** `runAgentStoreConformance(name, makeStore)`: the vitest suite every AgentStore passes. */
export const runAgentStoreConformance = suites.runAgentStoreConformance;
/** `runFileStoreConformance(name, makeStore)`: the vitest suite every FileStore passes. */
export const runFileStoreConformance = suites.runFileStoreConformance;
