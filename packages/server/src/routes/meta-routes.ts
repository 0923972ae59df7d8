import { openApiDocument } from '../openapi/openapi-document.js';
import { openApiPath } from '../openapi/route-registry.js';
import type { RouteContext } from './route-context.js';

export function registerMetaRoutes(context: RouteContext): void {
  const { registry, version } = context;
  registry.add(
    'get',
    '/v1/health',
    {
      summary: 'Health check',
      tag: 'Inspect',
      public: true,
      response: {
        inline: { type: 'object', required: ['status'], properties: { status: { const: 'OK' } } },
      },
    },
    (c) => c.json({ status: 'OK' }),
  );
  registry.add(
    'get',
    '/v1/version',
    {
      summary: 'Server version',
      tag: 'Inspect',
      response: {
        inline: { type: 'object', required: ['version'], properties: { version: { type: 'string' } } },
      },
    },
    (c) => c.json({ version }),
  );
  registry.add(
    'get',
    '/v1/inspect/routes',
    {
      summary: 'List the routes this server answers',
      tag: 'Inspect',
      response: {
        inline: {
          type: 'object',
          required: ['data'],
          properties: { data: { type: 'array', items: { type: 'object' } } },
        },
      },
    },
    (c) =>
      c.json({
        data: registry.routes.map((route) => ({
          route: openApiPath(route.path),
          method: route.method.toUpperCase(),
          provider_types: [],
        })),
      }),
  );
  registry.add(
    'get',
    '/v1/openapi.json',
    {
      summary: 'This OpenAPI document',
      tag: 'Inspect',
      response: { inline: { type: 'object', description: 'OpenAPI 3.1 document' } },
    },
    (c) => c.json(openApiDocument(registry.routes, { title: 'llama-stack-ts', version })),
  );
}
