/**
 * Runs the fake model server as its own process. With an IPC channel (the benchmark forks it) it reports
 * `{ type: 'ready', url }` and answers `configure` and `stats` messages; without one it prints its URL.
 *   node dist/fake-model-server/main.js [--tokens 100] [--token-delay-ms 0] [--spelling function_tag] [--port 0]
 */
import { parseArgs } from 'node:util';
import type { ToolCallSpelling } from './script.js';
import { startFakeModelServer } from './server.js';

export type FakeServerRequest =
  | { type: 'configure'; tokens?: number; tokenDelayMs?: number; toolCallSpelling?: ToolCallSpelling }
  | { type: 'stats'; id: number }
  | { type: 'close' };

const { values } = parseArgs({
  options: {
    tokens: { type: 'string', default: '100' },
    'token-delay-ms': { type: 'string', default: '0' },
    spelling: { type: 'string', default: 'python_list' },
    port: { type: 'string', default: '0' },
  },
});

const server = await startFakeModelServer({
  tokens: Number(values.tokens),
  tokenDelayMs: Number(values['token-delay-ms']),
  toolCallSpelling: values.spelling as ToolCallSpelling,
  port: Number(values.port),
});

if (process.send) {
  process.on('message', (message: FakeServerRequest) => {
    if (message.type === 'configure') server.configure(message);
    else if (message.type === 'stats')
      process.send!({ type: 'stats', id: message.id, stats: server.stats() });
    else if (message.type === 'close') void server.close().then(() => process.exit(0));
  });
  process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  process.send({ type: 'ready', url: server.url });
} else {
  console.log(`fake model server on ${server.url} (Ollama API at /api, OpenAI API at /v1)`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
