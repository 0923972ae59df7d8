import type {
  AgentStore,
  FileStore,
  InferenceProvider,
  ShieldProvider,
  ToolProvider,
} from '@llama-stack-ts/api-types';
import type { AgentService } from './agent-service.js';

/** Something the server tried to enable and could not, with the reason a user can act on. */
export interface DisabledComponent {
  component: string;
  reason: string;
}

/** The providers a server runs on. Anything not given is built from the run config. */
export interface StackProviders {
  inference: InferenceProvider;
  safety?: ShieldProvider;
  tools: ToolProvider[];
  /** Closed on shutdown (the agent runtime reads and writes it). */
  store?: AgentStore;
  files?: FileStore;
  /** The agent runtime; built from the providers above when absent. */
  agents: AgentService;
}

export interface Stack extends StackProviders {
  /** What could not be enabled and why (printed at startup). */
  disabled: DisabledComponent[];
  /** A description of the store for the startup banner, e.g. `sqlite /home/me/.llama-stack-ts/llama-stack-ts.db`. */
  storeDescription: string;
  close(): Promise<void>;
}
