import { type ChildProcess, fork } from 'node:child_process';
import type { FakeServerRequest } from '../fake-model-server/main.js';
import type { FakeModelServerStats } from '../fake-model-server/server.js';
import type { ToolCallSpelling } from '../fake-model-server/script.js';

/** The fake model server in its own process, so its CPU never lands on a contender's account. */
export interface FakeServerProcess {
  url: string;
  configure(options: { tokens?: number; tokenDelayMs?: number; toolCallSpelling?: ToolCallSpelling }): void;
  stats(): Promise<FakeModelServerStats>;
  close(): Promise<void>;
}

export async function startFakeServerProcess(
  scriptPath: string,
  options: { tokens: number; tokenDelayMs: number; toolCallSpelling: ToolCallSpelling },
): Promise<FakeServerProcess> {
  const child: ChildProcess = fork(
    scriptPath,
    [
      '--tokens',
      String(options.tokens),
      '--token-delay-ms',
      String(options.tokenDelayMs),
      '--spelling',
      options.toolCallSpelling,
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`fake model server exited early (code ${code})`)));
    child.once('message', (message: { type: string; url: string }) => resolve(message.url));
  });
  child.removeAllListeners('exit');
  let nextId = 0;
  const send = (message: FakeServerRequest) => child.send(message);
  return {
    url,
    configure(next) {
      send({ type: 'configure', ...next });
    },
    stats() {
      const id = ++nextId;
      return new Promise((resolve) => {
        const onMessage = (message: { type: string; id: number; stats: FakeModelServerStats }) => {
          if (message.type === 'stats' && message.id === id) {
            child.off('message', onMessage);
            resolve(message.stats);
          }
        };
        child.on('message', onMessage);
        send({ type: 'stats', id });
      });
    },
    close() {
      return new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        send({ type: 'close' });
      });
    },
  };
}
