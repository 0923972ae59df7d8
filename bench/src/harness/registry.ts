/** The contenders, in table order. `ours` marks llama-stack-ts itself (the targets apply to those). */
export interface ContenderEntry {
  id: string;
  label: string;
  /** Module under dist/contenders/. */
  module: string;
  kind: 'floor' | 'ours-in-process' | 'ours-sqlite' | 'ours-server' | 'peer';
  /** Which fake-server API it talks to. */
  api: 'ollama-generate' | 'openai-chat';
}

export const CONTENDERS: readonly ContenderEntry[] = [
  { id: 'floor', label: 'floor: hand-written loop', module: 'floor', kind: 'floor', api: 'ollama-generate' },
  {
    id: 'core-memory',
    label: 'agent-core + inference-ollama, memory store',
    module: 'agent-core-memory',
    kind: 'ours-in-process',
    api: 'ollama-generate',
  },
  {
    id: 'core-sqlite',
    label: 'agent-core + inference-ollama, SQLite store',
    module: 'agent-core-sqlite',
    kind: 'ours-sqlite',
    api: 'ollama-generate',
  },
  {
    id: 'core-sqlite-normal',
    label: 'agent-core + inference-ollama, SQLite, synchronous=normal',
    module: 'agent-core-sqlite-normal',
    kind: 'ours-sqlite',
    api: 'ollama-generate',
  },
  {
    id: 'server',
    label: 'server over HTTP + SSE',
    module: 'server',
    kind: 'ours-server',
    api: 'ollama-generate',
  },
  {
    id: 'openai-agents',
    label: '@openai/agents 0.14',
    module: 'openai-agents',
    kind: 'peer',
    api: 'openai-chat',
  },
  {
    id: 'ai-sdk',
    label: 'ai 6 + @ai-sdk/openai-compatible',
    module: 'ai-sdk',
    kind: 'peer',
    api: 'openai-chat',
  },
];
