import { ConfigError } from '@llama-stack-ts/api-types';
import type { Logger } from 'pino';
import type { RunConfig } from '../config/run-config.js';
import { resolveDataDir } from '../config/resolve-paths.js';
import type { DisabledComponent, Stack, StackProviders } from './stack.js';

export interface BuildStackOptions {
  logger: Logger;
  providers?: Partial<StackProviders>;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Providers from the run config, with any given ones taking their place. */
export async function buildStack(config: RunConfig, options: BuildStackOptions): Promise<Stack> {
  const given = options.providers ?? {};
  const disabled: DisabledComponent[] = [];
  const dataDir = resolveDataDir(config, {
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  if (!given.inference || !given.agents) {
    throw new ConfigError(`building providers from config is not wired yet (data dir ${dataDir})`);
  }
  return {
    inference: given.inference,
    ...(given.safety ? { safety: given.safety } : {}),
    tools: given.tools ?? [],
    ...(given.store ? { store: given.store } : {}),
    ...(given.files ? { files: given.files } : {}),
    agents: given.agents,
    disabled,
    storeDescription: 'given',
    async close() {
      await given.store?.close?.();
    },
  };
}
