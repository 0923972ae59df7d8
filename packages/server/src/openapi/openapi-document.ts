import { openApiComponentSchemas } from '@llama-stack-ts/api-types';
import { openApiPath, type RegisteredRoute, type SchemaRef } from './route-registry.js';

export interface OpenApiInfo {
  title: string;
  version: string;
}

/** OpenAPI 3.1 for the registered routes, with components generated from the api-types zod schemas. */
export function openApiDocument(
  routes: readonly RegisteredRoute[],
  info: OpenApiInfo,
): Record<string, unknown> {
  const schemas = hoistDefinitions(openApiComponentSchemas());
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    paths[path] = { ...paths[path], [route.method]: operation(route, path) };
  }
  return {
    openapi: '3.1.0',
    info: {
      ...info,
      description:
        'The Llama Stack v0.2 HTTP API as llama-stack-client@0.3.0 speaks it, plus OpenAI-compatible chat completions.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
    },
    security: [{ bearerAuth: [] }],
  };
}

function schemaOf(ref: SchemaRef): Record<string, unknown> {
  return typeof ref === 'string' ? { $ref: `#/components/schemas/${ref}` } : ref.inline;
}

function operation(route: RegisteredRoute, path: string): Record<string, unknown> {
  const { doc } = route;
  const parameters: Record<string, unknown>[] = [];
  for (const match of path.matchAll(/\{([A-Za-z_]+)\}/g)) {
    parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string' } });
  }
  for (const query of doc.query ?? []) {
    parameters.push({
      name: query.name,
      in: 'query',
      required: query.required ?? false,
      description: query.description,
      schema: query.type === 'array' ? { type: 'array', items: { type: 'string' } } : { type: query.type },
      ...(query.type === 'array' ? { style: 'form', explode: true } : {}),
    });
  }
  for (const header of doc.headers ?? []) {
    parameters.push({
      name: header.name,
      in: 'header',
      required: false,
      description: header.description,
      schema: { type: 'string' },
    });
  }
  const responses: Record<string, unknown> = {};
  if (doc.status === 204) {
    responses['204'] = { description: 'Deleted' };
  } else {
    const content: Record<string, unknown> = {};
    if (doc.binary) content['application/octet-stream'] = { schema: { type: 'string', format: 'binary' } };
    if (doc.response) content['application/json'] = { schema: schemaOf(doc.response) };
    if (doc.stream) {
      content['text/event-stream'] = { schema: schemaOf(doc.stream) };
    }
    const description = doc.stream
      ? 'JSON, or with `stream: true` a text/event-stream of `data: <json>` frames (`: ping` comments keep it alive)'
      : 'OK';
    responses['200'] = { description, content };
  }
  responses.default = {
    description: 'Error',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const operationId = `${route.method}_${path
    .replace(/[{}]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_|_$/g, '')}`;
  return {
    operationId,
    summary: doc.summary,
    tags: [doc.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(doc.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(doc.body) } } } }
      : {}),
    responses,
    ...(doc.public ? { security: [] } : {}),
  };
}

/**
 * zod writes recursive parts (JsonValue) as `$defs` with refs relative to the schema's own root
 * (`#/$defs/__schema0`); inside `components.schemas` those refs would point at the document root. Move each
 * schema's `$defs` into `components.schemas` as `<Schema>__<def>` and point the refs there.
 */
function hoistDefinitions(
  schemas: Record<string, Record<string, unknown>>,
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [name, schema] of Object.entries(schemas)) {
    const { $defs, ...rest } = schema as { $defs?: Record<string, unknown> };
    const rename = (ref: string) => {
      const local = ref.match(/^#\/\$defs\/(.+)$/);
      return local ? `#/components/schemas/${name}__${local[1]}` : ref;
    };
    out[name] = rewriteRefs(rest, rename) as Record<string, unknown>;
    for (const [defName, def] of Object.entries($defs ?? {})) {
      out[`${name}__${defName}`] = rewriteRefs(def, rename) as Record<string, unknown>;
    }
  }
  return out;
}

function rewriteRefs(value: unknown, rename: (ref: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rename));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = key === '$ref' && typeof item === 'string' ? rename(item) : rewriteRefs(item, rename);
  }
  return out;
}
