import type { WireSchemaName } from '@llama-stack-ts/api-types';
import type { Handler, Hono } from 'hono';

export type HttpMethod = 'get' | 'post' | 'delete';

export interface QueryParamDoc {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'array';
  required?: boolean;
}

/** A JSON Schema written inline, for shapes that are not api-types wire schemas (OpenAI's, health). */
export interface InlineSchema {
  inline: Record<string, unknown>;
}

export type SchemaRef = WireSchemaName | InlineSchema;

export interface RouteDoc {
  summary: string;
  tag: string;
  body?: SchemaRef;
  query?: QueryParamDoc[];
  /** Optional request headers the route reads (beside Authorization). */
  headers?: Array<{ name: string; description: string }>;
  /** JSON answer (200 unless `status`); omitted with status 204. */
  response?: SchemaRef;
  status?: 200 | 204;
  /** Frames of the `text/event-stream` answer when the request asks to stream. */
  stream?: SchemaRef;
  /** The answer is not JSON (file bytes). */
  binary?: boolean;
  /** Reachable without an API key. */
  public?: boolean;
}

export interface RegisteredRoute {
  method: HttpMethod;
  /** Hono form: `/v1/agents/:agent_id`. */
  path: string;
  doc: RouteDoc;
}

/** Registers Hono routes and remembers their documentation, so the OpenAPI document lists every route. */
export class RouteRegistry {
  readonly routes: RegisteredRoute[] = [];

  constructor(private readonly app: Hono) {}

  add(method: HttpMethod, path: string, doc: RouteDoc, handler: Handler): void {
    this.routes.push({ method, path, doc });
    this.app.on(method.toUpperCase(), path, handler);
  }

  isPublic(method: string, path: string): boolean {
    return this.routes.some(
      (route) => route.doc.public && route.method === method.toLowerCase() && matches(route.path, path),
    );
  }
}

function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.split('/');
  return a.length === b.length && a.every((part, index) => part.startsWith(':') || part === b[index]);
}

/** `/v1/agents/:agent_id` → `/v1/agents/{agent_id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]+)/g, '{$1}');
}
