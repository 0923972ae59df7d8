// CPU the provider spends per streamed chunk and per request, on the built package (run `npx tsup` first),
// against bench's fake model server in its own process (build bench first):
//   node bench/provider-stream.mjs [--seconds 2] [--server ../../bench/dist/fake-model-server/main.js]
// Per chunk = (CPU per 1000-token answer − CPU per 100-token answer) / 900, as bench/ computes it; the
// request cost is ollamaRequest() (validation, prompt, body) for a two-message request.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { OllamaInferenceProvider } from '../dist/index.js';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '2' },
    server: {
      type: 'string',
      default: fileURLToPath(new URL('../../../bench/dist/fake-model-server/main.js', import.meta.url)),
    },
  },
});
const seconds = Number(values.seconds);
const out = (line) => process.stdout.write(`${line}\n`);

const server = fork(values.server, ['--port', '0'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const url = await new Promise((resolve, reject) => {
  server.once('message', (message) => resolve(message.url));
  server.once('exit', (code) => reject(new Error(`fake model server exited with ${code}`)));
});
const configure = async (tokens) => {
  server.send({ type: 'configure', tokens });
  await new Promise((resolve) => setTimeout(resolve, 50));
};

const provider = new OllamaInferenceProvider({ baseUrl: url, now: () => new Date('2026-11-27T00:00:00Z') });
const request = (model) => ({
  model_id: model,
  messages: [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'Tell me about the meadow.' },
  ],
  sampling_params: { strategy: { type: 'greedy' }, max_tokens: 0, repetition_penalty: 1 },
  tools: [],
  tool_config: { tool_choice: 'auto', system_message_behavior: 'append' },
  stream: true,
});

// A long-lived caller signal (a server's shutdown signal), as an agent runtime passes one to every call.
const longLived = new AbortController().signal;

async function oneCall(model, signal) {
  let chunks = 0;
  for await (const _chunk of provider.chatCompletion(request(model), { signal })) chunks++;
  return chunks;
}

/** CPU µs per call over `seconds`, after a warm-up. */
async function cpuPerCall(model, signal) {
  for (let i = 0; i < 30; i++) await oneCall(model, signal);
  let calls = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    await oneCall(model, signal);
    calls++;
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / calls;
}

for (const [label, model] of [
  ['/api/generate (llama3.2:3b)', 'llama3.2:3b'],
  ['/api/chat (qwen2.5:7b)', 'qwen2.5:7b'],
]) {
  await configure(100);
  const short = await cpuPerCall(model);
  await configure(1000);
  const long = await cpuPerCall(model);
  out(
    `${label.padEnd(28)} ${((long - short) / 900).toFixed(2).padStart(6)} µs/chunk   ${short.toFixed(0).padStart(5)} µs per 100-token call`,
  );
}

await configure(100);
for (const [label, signal] of [
  ['no caller signal', undefined],
  ['long-lived caller signal', longLived],
]) {
  const perCall = await cpuPerCall('llama3.2:3b', signal);
  out(`100-token /api/generate call, ${label.padEnd(24)} ${perCall.toFixed(0).padStart(5)} µs per call`);
}

const plan = (value) => provider.ollamaRequest(value);
const started = performance.now();
let plans = 0;
while (performance.now() - started < seconds * 1000) {
  for (let i = 0; i < 100; i++) plan(request('llama3.2:3b'));
  plans += 100;
}
out(
  `ollamaRequest (2 messages)   ${(((performance.now() - started) * 1000) / plans).toFixed(2).padStart(6)} µs per request`,
);

server.send({ type: 'close' });
