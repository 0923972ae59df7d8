import { Writable } from 'node:stream';
import type { RunConfigInput } from '../config/run-config.js';
import { createLogger } from '../logging/create-logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import type { StackProviders } from '../stack/stack.js';

export interface TestServer extends RunningServer {
  /** Every log line the server wrote, as text. */
  logs: () => string;
}

/** A real listening server on 127.0.0.1 and a free port, logging into memory. */
export async function startTestServer(
  providers: Partial<StackProviders>,
  config: RunConfigInput = {},
): Promise<TestServer> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(String(chunk));
      callback();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const server = await startServer(
    { ...config, server: { host: '127.0.0.1', port: 0, ...config.server } },
    { providers: { tools: [], ...providers }, logger },
  );
  return Object.assign(server, { logs: () => lines.join('') });
}
