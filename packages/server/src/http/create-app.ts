import { NotFoundError, PayloadTooLargeError, type StackError } from '@llama-stack-ts/api-types';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type { Logger } from 'pino';
import type { RunConfig } from '../config/run-config.js';
import { RouteRegistry } from '../openapi/route-registry.js';
import { registerAgentRoutes } from '../routes/agent-routes.js';
import { registerFileRoutes } from '../routes/file-routes.js';
import { registerInferenceRoutes } from '../routes/inference-routes.js';
import { registerMetaRoutes } from '../routes/meta-routes.js';
import { registerModelRoutes } from '../routes/model-routes.js';
import { registerOpenAiRoutes } from '../routes/openai-routes.js';
import type { RouteContext } from '../routes/route-context.js';
import { registerSafetyRoutes } from '../routes/safety-routes.js';
import { registerToolRoutes } from '../routes/tool-routes.js';
import type { Stack } from '../stack/stack.js';
import { bearerAuth } from './bearer-auth.js';
import { errorFrame, httpStatusOf, toStackError } from './error-response.js';
import { PROVIDER_DATA_HEADER } from './provider-data-header.js';
import type { TurnTracker } from './turn-tracker.js';

export interface AppOptions {
  stack: Stack;
  config: RunConfig;
  logger: Logger;
  tracker: TurnTracker;
  version: string;
}

/** The Hono app with every route, auth, body limit and error mapping. */
export function createApp(options: AppOptions): { app: Hono; registry: RouteRegistry } {
  const { config, logger } = options;
  const app = new Hono();
  const registry = new RouteRegistry(app);
  const context: RouteContext = { ...options, registry };

  const errorResponse = (c: Context, error: StackError) => {
    const headers: Record<string, string> = {};
    // POSTs here are not idempotent (a turn, a tool call): tell Stainless clients not to retry a failure.
    if (c.req.method === 'POST') headers['x-should-retry'] = 'false';
    if (error.status === 401) headers['www-authenticate'] = 'Bearer';
    return c.json(errorFrame(error), httpStatusOf(error) as 400, headers);
  };

  app.onError((thrown, c) => {
    const error = toStackError(thrown);
    const status = httpStatusOf(error);
    const fields = { method: c.req.method, path: c.req.path, status, code: error.code };
    if (status >= 500) logger.error({ ...fields, err: thrown }, 'request failed');
    else logger.info(fields, 'request rejected');
    return errorResponse(c, error);
  });
  app.notFound((c) => errorResponse(c, new NotFoundError('Route', `${c.req.method} ${c.req.path}`)));

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      'request',
    );
  });
  if (config.server.cors.allow_origins.length > 0) {
    app.use(
      '*',
      cors({
        origin: config.server.cors.allow_origins,
        allowHeaders: ['authorization', 'content-type', PROVIDER_DATA_HEADER.toLowerCase()],
      }),
    );
  }
  app.use(
    '*',
    bearerAuth(config.server.auth.api_keys, (method, path) => registry.isPublic(method, path)),
  );
  app.use(
    '*',
    bodyLimit({
      maxSize: config.server.body_limit,
      onError: (c) =>
        errorResponse(
          c,
          new PayloadTooLargeError(
            `The request body is larger than the server's limit of ${config.server.body_limit} bytes (server.body_limit in run.yaml)`,
          ),
        ),
    }),
  );

  registerMetaRoutes(context);
  registerModelRoutes(context);
  registerSafetyRoutes(context);
  registerToolRoutes(context);
  registerInferenceRoutes(context);
  registerOpenAiRoutes(context);
  registerFileRoutes(context);
  registerAgentRoutes(context);
  return { app, registry };
}
