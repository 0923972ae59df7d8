import type {
  AgentConfig,
  AgentStore,
  InferenceProvider,
  JsonObject,
  Logger,
  ShieldProvider,
  ToolConfig,
} from '@llama-stack-ts/api-types';
import type { ToolSet } from '../tools/tool-registry.js';

/** Everything a running turn works with that is not its state: who, what config, which providers. */
export interface TurnContext {
  agentId: string;
  sessionId: string;
  turnId: string;
  config: AgentConfig;
  /** The agent's tool_config, or the turn's when the request gave one. */
  toolConfig: ToolConfig;
  tools: ToolSet;
  inference: InferenceProvider;
  safety: ShieldProvider | undefined;
  /** Where this session's turns live (the durable store, or memory when persistence is off). */
  store: AgentStore;
  logger: Logger;
  /** Strictly increasing ISO timestamps. */
  clock: () => string;
  newId: () => string;
  signal: AbortSignal;
  /** The request's per-request secrets for tools; held in memory only, never stored or logged. */
  providerData: JsonObject | undefined;
}
