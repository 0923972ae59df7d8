import type { Hono } from 'hono';
import type { Logger } from 'pino';
import { validateConfig } from '../config/load-config.js';
import type { RunConfig, RunConfigInput } from '../config/run-config.js';
import { createApp } from '../http/create-app.js';
import { TurnTracker } from '../http/turn-tracker.js';
import { createLogger, type LoggerOptions } from '../logging/create-logger.js';
import type { RegisteredRoute } from '../openapi/route-registry.js';
import { buildStack } from '../stack/build-stack.js';
import type { Stack, StackProviders } from '../stack/stack.js';
import { SERVER_VERSION } from '../version.js';

export interface CreateServerOptions {
  /** Providers to use instead of building them from the config (tests, embedding in an app). */
  providers?: Partial<StackProviders>;
  /** A pino logger, or options for the default one. */
  logger?: Logger | LoggerOptions;
  /** Overrides LLAMA_STACK_TS_DATA_DIR and the config's data_dir. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export interface LlamaStackServer {
  app: Hono;
  /** The app as a fetch handler (Request → Response), for in-process use without a socket. */
  fetch: (request: Request) => Promise<Response>;
  config: RunConfig;
  stack: Stack;
  logger: Logger;
  routes: readonly RegisteredRoute[];
  tracker: TurnTracker;
  /** Lets running turns finish (up to server.shutdown_timeout_ms), cancels the rest, closes the store. */
  close(): Promise<void>;
}

function isLogger(value: CreateServerOptions['logger']): value is Logger {
  return value !== undefined && typeof (value as Logger).child === 'function';
}

/** Builds the providers from the config (unless given) and the Hono app over them. Does not listen. */
export async function createServer(
  config: RunConfigInput | RunConfig = {},
  options: CreateServerOptions = {},
): Promise<LlamaStackServer> {
  const validated = validateConfig(config as RunConfigInput);
  const logger = isLogger(options.logger)
    ? options.logger
    : createLogger({ level: validated.server.log_level, ...options.logger });
  const stack = await buildStack(validated, {
    logger,
    ...(options.providers ? { providers: options.providers } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const tracker = new TurnTracker();
  const { app, registry } = createApp({ stack, config: validated, logger, tracker, version: SERVER_VERSION });
  let closing: Promise<void> | undefined;
  return {
    app,
    fetch: async (request) => app.fetch(request),
    config: validated,
    stack,
    logger,
    routes: registry.routes,
    tracker,
    close() {
      closing ??= (async () => {
        const { cancelled } = await tracker.drain(validated.server.shutdown_timeout_ms);
        if (cancelled > 0) logger.warn({ cancelled }, 'cancelled running turns at shutdown');
        await stack.close();
      })();
      return closing;
    },
  };
}
