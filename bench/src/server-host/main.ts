/**
 * The llama-stack-ts server in its own process, as it is deployed: `startServer` from @llama-stack-ts/server
 * with the fake model server as Ollama and get_weather as a server-side tool. Forked by the server contender;
 * reports `{ type: 'ready', url, importMs }`, answers `usage` with its CPU and peak RSS, stops on `close`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { weatherToolProvider } from '../contenders/shared/weather-tool-provider.js';

export interface ServerHostConfig {
  modelBaseUrl: string;
  numCtx: number;
  storage: 'memory' | 'sqlite';
}

export type ServerHostMessage = { type: 'usage'; id: number } | { type: 'close' };
export type ServerHostReply =
  | { type: 'ready'; url: string; importMs: number }
  | { type: 'usage'; id: number; cpuMicros: number; maxRssKiB: number }
  | { type: 'failed'; message: string };

const config = JSON.parse(process.argv[2] ?? '{}') as ServerHostConfig;
const reply = (message: ServerHostReply) => process.send?.(message);

try {
  const import0 = performance.now();
  const { startServer } = await import('@llama-stack-ts/server');
  const importMs = performance.now() - import0;
  const dataDir = mkdtempSync(join(tmpdir(), 'llama-stack-ts-bench-'));
  const server = await startServer(
    {
      data_dir: dataDir,
      // Request logging stays at warn: the bench measures the stack, not a log sink on a shared disk.
      server: { host: '127.0.0.1', port: 0, log_level: 'warn' },
      providers: {
        inference: { provider: 'ollama', url: config.modelBaseUrl, num_ctx: config.numCtx },
        storage:
          config.storage === 'sqlite'
            ? { type: 'sqlite', path: join(dataDir, 'bench.db') }
            : { type: 'memory' },
        safety: { llama_guard: { enabled: false }, code_scanner: { enabled: false } },
      },
    },
    { providers: { tools: [weatherToolProvider] } },
  );
  process.on('message', (message: ServerHostMessage) => {
    if (message.type === 'usage') {
      const { user, system } = process.cpuUsage();
      reply({
        type: 'usage',
        id: message.id,
        cpuMicros: user + system,
        maxRssKiB: process.resourceUsage().maxRSS,
      });
    } else if (message.type === 'close') {
      void server.close().finally(() => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(0);
      });
    }
  });
  process.on('disconnect', () => process.exit(0));
  reply({ type: 'ready', url: server.url, importMs });
} catch (error) {
  reply({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
}
