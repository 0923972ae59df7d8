/**
 * Cost per streamed chunk, layer by layer, in this one process (the fake server in its own):
 * a bare fetch + NDJSON reader, OllamaInferenceProvider alone, AgentRuntime alone over an in-memory provider,
 * and both together. Each figure is the CPU slope between 100- and 1000-token answers, median of N repeats.
 *   node dist/stages.js [--repeats 5]
 * Owners: run it before and after a change to the streaming path.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AgentRuntime, MemoryAgentStore } from '@llama-stack-ts/agent-core';
import type { ChatCompletionChunk, InferenceProvider } from '@llama-stack-ts/api-types';
import { OllamaInferenceProvider } from '@llama-stack-ts/inference-ollama';
import { BENCH_MODEL } from './fake-model-server/script.js';
import { median } from './harness/stats.js';
import { readNdjson } from './harness/ndjson.js';

const { values } = parseArgs({ options: { repeats: { type: 'string', default: '5' } } });
const repeats = Number(values.repeats);
const SHORT = 100;
/** Characters of streamed text seen: checked at the end, so no stage can get away with reading nothing. */
let received = 0;
const LONG = 1000;

const server = fork(join(dirname(fileURLToPath(import.meta.url)), 'fake-model-server', 'main.js'), [], {
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const url = await new Promise<string>((resolve) =>
  server.once('message', (m: { url: string }) => resolve(m.url)),
);
let tokens = SHORT;
const setTokens = async (n: number) => {
  tokens = n;
  server.send({ type: 'configure', tokens: n });
  await new Promise((resolve) => setTimeout(resolve, 50));
};

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

const rawPrompt =
  '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nhi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';
const provider = new OllamaInferenceProvider({ baseUrl: url, numCtx: 32768 });

/** Text chunks with no I/O at all: what agent-core costs on its own. */
const inMemoryProvider: InferenceProvider = {
  id: 'in-memory',
  async listModels() {
    return [
      {
        identifier: BENCH_MODEL,
        provider_resource_id: BENCH_MODEL,
        provider_id: 'in-memory',
        type: 'model',
        model_type: 'llm',
        metadata: {},
      },
    ];
  },
  async *chatCompletion(): AsyncGenerator<ChatCompletionChunk> {
    yield { event: { event_type: 'start', delta: { type: 'text', text: '' } } };
    for (let i = 0; i < tokens; i++)
      yield { event: { event_type: 'progress', delta: { type: 'text', text: ' word' } } };
    yield {
      event: { event_type: 'complete', delta: { type: 'text', text: '' }, stop_reason: 'end_of_turn' },
    };
  },
};

async function runtimeTurn(inference: InferenceProvider): Promise<() => Promise<void>> {
  const runtime = new AgentRuntime({ inference, store: new MemoryAgentStore() });
  const { agent_id } = await runtime.createAgent({
    model: BENCH_MODEL,
    instructions: 'x',
    enable_session_persistence: true,
  });
  return async () => {
    const { session_id } = await runtime.createSession(agent_id, 'stage');
    for await (const _ of await runtime.createTurn(agent_id, session_id, {
      messages: [{ role: 'user', content: 'hi' }],
    })) {
    }
  };
}

const stages: Array<[string, () => Promise<void>]> = [
  [
    'fetch + NDJSON reader (the floor)',
    async () => {
      const response = await fetch(`${url}/api/generate`, {
        method: 'POST',
        body: JSON.stringify({ model: BENCH_MODEL, prompt: rawPrompt, raw: true, stream: true }),
      });
      let text = '';
      for await (const line of readNdjson<{ response?: string }>(response.body!)) text += line.response ?? '';
      received += text.length;
    },
  ],
  [
    'OllamaInferenceProvider.chatCompletion',
    async () => {
      let text = '';
      const request = {
        model_id: BENCH_MODEL,
        messages: [{ role: 'user' as const, content: 'hi' }],
        stream: true,
      };
      for await (const chunk of provider.chatCompletion(request as never)) {
        if (chunk.event.delta.type === 'text') text += chunk.event.delta.text;
      }
      received += text.length;
    },
  ],
  ['AgentRuntime over an in-memory provider', await runtimeTurn(inMemoryProvider)],
  ['AgentRuntime + OllamaInferenceProvider', await runtimeTurn(provider)],
];

const perCall = async (fn: () => Promise<void>, n: number) => {
  for (let i = 0; i < Math.min(20, n); i++) await fn();
  const cpu0 = cpuNow();
  for (let i = 0; i < n; i++) await fn();
  return (cpuNow() - cpu0) / n;
};

console.log(`| layer | CPU µs per ${SHORT}-token answer | µs per chunk |`);
console.log('| --- | ---: | ---: |');
for (const [name, fn] of stages) {
  const rows: Array<{ short: number; slope: number }> = [];
  for (let r = 0; r < repeats; r++) {
    await setTokens(SHORT);
    const short = await perCall(fn, 150);
    await setTokens(LONG);
    const long = await perCall(fn, 40);
    rows.push({ short, slope: (long - short) / (LONG - SHORT) });
  }
  console.log(
    `| ${name} | ${median(rows.map((r) => r.short)).toFixed(0)} | ${median(rows.map((r) => r.slope)).toFixed(2)} |`,
  );
}
server.kill();
if (received === 0) throw new Error('no stage streamed any text');
process.exit(0);
