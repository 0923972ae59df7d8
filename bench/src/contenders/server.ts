/**
 * Ours over the wire: the llama-stack-ts server in its own process (memory store), driven over HTTP + SSE by
 * a minimal fetch client. CPU per turn counts both processes: this client and the server.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Contender, ContenderContext, ContenderSession } from '../harness/contender.js';
import { readSseData } from '../harness/sse.js';
import type { ServerHostConfig, ServerHostMessage, ServerHostReply } from '../server-host/main.js';
import { BENCH_NUM_CTX } from './shared/agent-core-contender.js';
import { WEATHER_TOOLGROUP } from './shared/weather-tool-provider.js';

const hostPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'server-host', 'main.js');

export async function createServerContender(
  context: ContenderContext,
  storage: ServerHostConfig['storage'],
): Promise<Contender> {
  const hostConfig: ServerHostConfig = { modelBaseUrl: context.modelBaseUrl, numCtx: BENCH_NUM_CTX, storage };
  const host = fork(hostPath, [JSON.stringify(hostConfig)], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await new Promise<Extract<ServerHostReply, { type: 'ready' }>>((resolve, reject) => {
    host.once('exit', (code) => reject(new Error(`server host exited (code ${code}) before it was ready`)));
    host.on('message', (message: ServerHostReply) => {
      if (message.type === 'ready') resolve(message);
      else if (message.type === 'failed') reject(new Error(`server host failed: ${message.message}`));
    });
  });
  host.removeAllListeners('exit');
  let usageId = 0;
  const usage = () =>
    new Promise<Extract<ServerHostReply, { type: 'usage' }>>((resolve) => {
      const id = ++usageId;
      const onMessage = (message: ServerHostReply) => {
        if (message.type === 'usage' && message.id === id) {
          host.off('message', onMessage);
          resolve(message);
        }
      };
      host.on('message', onMessage);
      host.send({ type: 'usage', id } satisfies ServerHostMessage);
    });

  const base = ready.url;
  const postJson = async (path: string, body: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`POST ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as Record<string, string>;
  };
  const createAgent = async (tools: boolean) =>
    (
      await postJson('/v1/agents', {
        agent_config: {
          model: context.model,
          instructions: context.instructions,
          toolgroups: tools ? [WEATHER_TOOLGROUP] : [],
          enable_session_persistence: true,
        },
      })
    ).agent_id!;
  const plain = await createAgent(false);
  const withTools = await createAgent(true);
  let sessions = 0;

  return {
    helperImportMs: ready.importMs,
    async newSession({ tools }): Promise<ContenderSession> {
      const agentId = tools ? withTools : plain;
      const { session_id } = await postJson(`/v1/agents/${agentId}/session`, {
        session_name: `bench-${++sessions}`,
      });
      const turnPath = `${base}/v1/agents/${agentId}/session/${session_id}/turn`;
      return {
        async turn(userText, sink) {
          const response = await fetch(turnPath, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
            body: JSON.stringify({ messages: [{ role: 'user', content: userText }], stream: true }),
          });
          if (!response.ok || !response.body) {
            throw new Error(`turn: HTTP ${response.status} ${await response.text()}`);
          }
          let toolCalls = 0;
          let completed = false;
          for await (const data of readSseData(response.body)) {
            const frame = JSON.parse(data);
            if (frame.error) throw new Error(`turn failed: ${frame.error.message}`);
            const payload = frame.event.payload;
            if (payload.event_type === 'step_progress') {
              if (payload.delta.type === 'text') sink.text(payload.delta.text);
            } else if (payload.event_type === 'step_complete' && payload.step_type === 'tool_execution') {
              toolCalls += payload.step_details.tool_responses.length;
            } else if (payload.event_type === 'turn_complete') {
              completed = true;
            }
          }
          if (!completed) throw new Error('the turn stream ended without turn_complete');
          return { toolCalls };
        },
      };
    },
    async externalCpuMicros() {
      return (await usage()).cpuMicros;
    },
    async externalMaxRssKiB() {
      return (await usage()).maxRssKiB;
    },
    async close() {
      await new Promise<void>((resolve) => {
        if (host.exitCode !== null) return resolve();
        host.once('exit', () => resolve());
        host.send({ type: 'close' } satisfies ServerHostMessage);
      });
    },
  };
}

export function createContender(context: ContenderContext): Promise<Contender> {
  return createServerContender(context, 'memory');
}
