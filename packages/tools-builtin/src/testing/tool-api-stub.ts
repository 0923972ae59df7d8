import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BRAVE_SEARCH_RESPONSE,
  IMAGE_GENERATION_RESPONSE,
  TAVILY_SEARCH_RESPONSE,
  WOLFRAM_ALPHA_RESPONSE,
} from './fixtures.js';

export type StubRoute = 'brave' | 'tavily' | 'wolfram' | 'images';

/** What a route answers: JSON with a status, raw text, or never (to test timeouts). */
export type StubBehaviour =
  | { type: 'json'; status?: number; body: unknown }
  | { type: 'text'; status?: number; body: string; contentType?: string }
  | { type: 'hang' };

export interface ReceivedStubRequest {
  route: StubRoute | undefined;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface ToolApiStub {
  /** `http://127.0.0.1:<port>`: use as the tools' baseUrl (photogen: `${url}/v1`). */
  url: string;
  requests: ReceivedStubRequest[];
  /** Changes what a route answers from now on. */
  set(route: StubRoute, behaviour: StubBehaviour): void;
  /** Back to the realistic default answers, with the request log emptied. */
  reset(): void;
  close(): Promise<void>;
}

const ROUTES: Array<{ route: StubRoute; method: string; path: string }> = [
  { route: 'brave', method: 'GET', path: '/res/v1/web/search' },
  { route: 'tavily', method: 'POST', path: '/search' },
  { route: 'wolfram', method: 'GET', path: '/v2/query' },
  { route: 'images', method: 'POST', path: '/v1/images/generations' },
];

const DEFAULTS: Record<StubRoute, StubBehaviour> = {
  brave: { type: 'json', body: BRAVE_SEARCH_RESPONSE },
  tavily: { type: 'json', body: TAVILY_SEARCH_RESPONSE },
  wolfram: { type: 'json', body: WOLFRAM_ALPHA_RESPONSE },
  images: { type: 'json', body: IMAGE_GENERATION_RESPONSE },
};

/**
 * A local HTTP server on 127.0.0.1 that answers like Brave Search, Tavily, Wolfram Alpha and an
 * OpenAI-compatible images endpoint, and records every request.
 */
export async function startToolApiStub(
  behaviours: Partial<Record<StubRoute, StubBehaviour>> = {},
): Promise<ToolApiStub> {
  const current: Record<StubRoute, StubBehaviour> = { ...DEFAULTS, ...behaviours };
  const requests: ReceivedStubRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = ROUTES.find((route) => route.method === req.method && route.path === url.pathname);
      requests.push({
        route: match?.route,
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      if (!match) {
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end('{"error":"no such route in the stub"}');
        return;
      }
      const behaviour = current[match.route];
      switch (behaviour.type) {
        case 'hang':
          hanging.add(res);
          res.on('close', () => hanging.delete(res));
          return;
        case 'json':
          res
            .writeHead(behaviour.status ?? 200, { 'content-type': 'application/json' })
            .end(JSON.stringify(behaviour.body));
          return;
        case 'text':
          res
            .writeHead(behaviour.status ?? 200, { 'content-type': behaviour.contentType ?? 'text/html' })
            .end(behaviour.body);
          return;
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    set(route, behaviour) {
      current[route] = behaviour;
    },
    reset() {
      Object.assign(current, DEFAULTS, behaviours);
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
