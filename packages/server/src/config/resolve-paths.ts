import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunConfig } from './run-config.js';

export const DEFAULT_OLLAMA_URL = 'http://127.0.0.1:11434';

/** --data-dir, then LLAMA_STACK_TS_DATA_DIR, then the config's data_dir, then ~/.llama-stack-ts. */
export function resolveDataDir(
  config: RunConfig,
  options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {},
) {
  const env = options.env ?? process.env;
  const chosen =
    options.dataDir ?? env.LLAMA_STACK_TS_DATA_DIR ?? config.data_dir ?? join(homedir(), '.llama-stack-ts');
  return resolve(chosen);
}

export function resolveOllamaUrl(config: RunConfig, env: NodeJS.ProcessEnv = process.env): string {
  return config.providers.inference.url ?? env.OLLAMA_URL ?? DEFAULT_OLLAMA_URL;
}
