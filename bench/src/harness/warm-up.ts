import { BENCH_MODEL } from '../fake-model-server/script.js';

const RAW_PROMPT = (tools: boolean) =>
  `<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n${tools ? 'get_weather' : 'hi'}<|eot_id|>` +
  '<|start_header_id|>user<|end_header_id|>\n\nhello<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';

/** Exercises every streaming route of the fake server so its JIT is warm before the first contender runs. */
export async function warmUpFakeServer(url: string, rounds: number): Promise<void> {
  const tools = [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }];
  const requests: Array<[string, unknown]> = [
    ['/api/generate', { model: BENCH_MODEL, prompt: RAW_PROMPT(false), raw: true, stream: true }],
    ['/api/generate', { model: BENCH_MODEL, prompt: RAW_PROMPT(true), raw: true, stream: true }],
    ['/api/chat', { model: BENCH_MODEL, messages: [{ role: 'user', content: 'hello' }], stream: true }],
    [
      '/v1/chat/completions',
      { model: BENCH_MODEL, messages: [{ role: 'user', content: 'hello' }], stream: true },
    ],
    [
      '/v1/chat/completions',
      { model: BENCH_MODEL, messages: [{ role: 'user', content: 'hi' }], tools, stream: true },
    ],
  ];
  for (let i = 0; i < rounds; i++) {
    await Promise.all(
      requests.map(async ([path, body]) => {
        const response = await fetch(`${url}${path}`, { method: 'POST', body: JSON.stringify(body) });
        await response.arrayBuffer();
      }),
    );
  }
}
