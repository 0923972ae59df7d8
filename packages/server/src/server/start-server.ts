import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { RunConfig, RunConfigInput } from '../config/run-config.js';
import { type CreateServerOptions, createServer, type LlamaStackServer } from './create-server.js';

export interface StartServerOptions extends CreateServerOptions {
  /** Overrides server.port (0 picks a free port). */
  port?: number;
  /** Overrides server.host. */
  host?: string;
}

export interface RunningServer extends LlamaStackServer {
  /** `http://127.0.0.1:8321` (the address actually bound). */
  url: string;
  port: number;
  host: string;
  httpServer: ServerType;
}

/** createServer, then listen; `close()` stops accepting, drains turns, closes the store and the socket. */
export async function startServer(
  config: RunConfigInput | RunConfig = {},
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const server = await createServer(config, options);
  const host = options.host ?? server.config.server.host;
  const requestedPort = options.port ?? server.config.server.port;
  let httpServer!: ServerType;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    httpServer = serve({ fetch: server.app.fetch, port: requestedPort, hostname: host }, (info) =>
      resolve(info),
    );
    httpServer.once('error', reject);
  }).catch(async (error) => {
    await server.close();
    throw error;
  });
  const port = address.port;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    ...server,
    url: `http://${urlHost}:${port}`,
    port,
    host,
    httpServer,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        if ('closeIdleConnections' in httpServer) httpServer.closeIdleConnections();
        await server.close();
        if ('closeAllConnections' in httpServer) httpServer.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
