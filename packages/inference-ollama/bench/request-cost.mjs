// CPU of building the Ollama request for a chat request (validation, Llama prompt, body), on the built
// package (run `npx tsup` first): node bench/request-cost.mjs [--seconds 2]
// Three requests an agent sends: a first turn with one tool, the follow-up after the tool ran, and a first
// turn after 50 earlier turns (history). Each is timed as a parsed value (what the agent runtime passes) and
// as plain input that zod must validate.
import { parseArgs } from 'node:util';
import { ChatCompletionRequest } from '@llama-stack-ts/api-types';
import { OllamaInferenceProvider } from '../dist/index.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '2' } } });
const seconds = Number(values.seconds);

const provider = new OllamaInferenceProvider({
  baseUrl: 'http://127.0.0.1:9',
  now: () => new Date('2026-11-27'),
});
const tool = {
  tool_name: 'get_weather',
  description: 'Get the current weather for a city',
  parameters: { city: { param_type: 'string', description: 'The city name', required: true } },
};
const system = { role: 'system', content: 'You are a helpful assistant.' };
const user = (text) => ({ role: 'user', content: text });
const call = { call_id: 'c1', tool_name: 'get_weather', arguments: { city: 'Paris' } };
const assistantCall = { role: 'assistant', content: '', stop_reason: 'end_of_turn', tool_calls: [call] };
const toolReply = { role: 'tool', call_id: 'c1', content: '{"city": "Paris", "temperature_c": 21}' };
const answer = (i) => ({
  role: 'assistant',
  content: `Answer ${i} `.repeat(60),
  stop_reason: 'end_of_turn',
  tool_calls: [],
});
const base = { model_id: 'llama3.2:3b', tools: [tool], stream: true };
const inputs = {
  'first turn, one tool': { ...base, messages: [system, user('Weather in Paris?')] },
  'after the tool ran': { ...base, messages: [system, user('Weather in Paris?'), assistantCall, toolReply] },
  'turn 51 (history)': {
    ...base,
    messages: [
      system,
      ...Array.from({ length: 50 }, (_, i) => [user(`Question ${i}?`), answer(i)]).flat(),
      user('And now?'),
    ],
  },
};

function time(fn) {
  for (let i = 0; i < 200; i++) fn();
  let runs = 0;
  const started = performance.now();
  while (performance.now() - started < seconds * 1000) {
    for (let i = 0; i < 20; i++) fn();
    runs += 20;
  }
  return ((performance.now() - started) * 1000) / runs;
}

for (const [name, input] of Object.entries(inputs)) {
  const parsed = ChatCompletionRequest.parse(input);
  const fromParsed = time(() => provider.ollamaRequest(parsed));
  const fromInput = time(() => provider.ollamaRequest(input));
  process.stdout.write(
    `${name.padEnd(22)} parsed ${fromParsed.toFixed(1).padStart(6)} µs   plain input ${fromInput.toFixed(1).padStart(6)} µs\n`,
  );
}
