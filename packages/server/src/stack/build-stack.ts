import { AgentRuntime } from '@llama-stack-ts/agent-core';
import { OllamaInferenceProvider } from '@llama-stack-ts/inference-ollama';
import type { Logger } from 'pino';
import { resolveDataDir, resolveOllamaUrl } from '../config/resolve-paths.js';
import type { RunConfig } from '../config/run-config.js';
import { providerLogger } from '../logging/create-logger.js';
import { buildSafety } from './build-safety.js';
import { buildTools } from './build-tools.js';
import { openStorage } from './open-storage.js';
import { withSessionCleanup } from './session-cleanup.js';
import type { DisabledComponent, Stack, StackProviders } from './stack.js';

export interface BuildStackOptions {
  logger: Logger;
  /** Providers to use instead of building them from the config. */
  providers?: Partial<StackProviders>;
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Providers from the run config, with any given ones taking their place; records what could not be enabled. */
export async function buildStack(config: RunConfig, options: BuildStackOptions): Promise<Stack> {
  const given = options.providers ?? {};
  const env = options.env ?? process.env;
  const logger = options.logger;
  const signalOption = options.signal ? { signal: options.signal } : {};
  const disabled: DisabledComponent[] = [];
  const closers: Array<() => Promise<void>> = [];

  try {
    const aliases = Object.fromEntries(
      config.models
        .filter((m) => m.provider_model_id !== undefined)
        .map((m) => [m.model_id, m.provider_model_id as string]),
    );
    const inference =
      given.inference ??
      new OllamaInferenceProvider({
        baseUrl: resolveOllamaUrl(config, env),
        ...(config.providers.inference.num_ctx ? { numCtx: config.providers.inference.num_ctx } : {}),
        modelAliases: aliases,
        logger: providerLogger(logger.child({ provider: 'ollama' })),
      });

    let storeDescription = 'given';
    let store = given.store;
    let files = given.files;
    if (!store && !given.agents) {
      const dataDir = resolveDataDir(config, {
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        env,
      });
      const storage = await openStorage(config.providers.storage, dataDir, { logger, ...signalOption });
      closers.push(() => storage.close());
      store = storage.store;
      files ??= storage.files;
      storeDescription = storage.description;
    }

    const safety =
      'safety' in given ? given.safety : await buildSafety(config, inference, disabled, signalOption);
    let tools = given.tools;
    if (!tools) {
      const built = await buildTools(config, files, disabled, { logger, ...signalOption });
      closers.push(() => built.dispose());
      for (const note of built.notes) logger.info({ note }, 'tool note');
      tools = built.providers;
    }

    const runtime =
      given.agents ??
      new AgentRuntime({
        // Opened above whenever the agents are not given.
        store: store!,
        inference,
        ...(safety ? { safety } : {}),
        tools,
        ...(files ? { files } : {}),
        logger: providerLogger(logger.child({ component: 'agents' })),
        leaseTtlMs: config.server.turn_lease_ttl_ms,
        documents: {
          allowPrivateNetwork: config.documents.allow_private_network,
          maxBytes: config.documents.max_bytes,
          timeoutMs: config.documents.timeout_ms,
        },
      });
    const agents = withSessionCleanup(runtime, tools, logger.child({ component: 'agents' }));

    let closed = false;
    return {
      inference,
      ...(safety ? { safety } : {}),
      tools,
      ...(store ? { store } : {}),
      ...(files ? { files } : {}),
      agents,
      disabled,
      storeDescription,
      async close() {
        if (closed) return;
        closed = true;
        for (const close of closers.reverse())
          await close().catch((error) => logger.warn({ err: error }, 'close failed'));
        if (given.store) await given.store.close?.();
      },
    };
  } catch (error) {
    for (const close of closers.reverse()) await close().catch(() => {});
    throw error;
  }
}
