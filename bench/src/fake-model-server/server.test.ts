import { decodeAssistantMessage } from '@llama-stack-ts/llama-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNdjson } from '../harness/ndjson.js';
import { readSseData } from '../harness/sse.js';
import { answerText, BENCH_MODEL, type ToolCallSpelling } from './script.js';
import { type FakeModelServer, startFakeModelServer } from './server.js';

const header = (role: string) => `<|start_header_id|>${role}<|end_header_id|>\n\n`;
const rawPrompt = (options: { tools: boolean; last: 'user' | 'ipython' }) =>
  `<|begin_of_text|>${header('system')}${options.tools ? 'Here is a list of functions: [{"name": "get_weather"}]' : 'You are helpful.'}<|eot_id|>` +
  `${header('user')}What is the weather in Paris?<|eot_id|>` +
  (options.last === 'ipython'
    ? `${header('assistant')}[get_weather(city="Paris")]<|eot_id|>${header('ipython')}{"temperature_c": 18}<|eot_id|>`
    : '') +
  header('assistant');

let server: FakeModelServer;
beforeAll(async () => {
  server = await startFakeModelServer({ tokens: 12 });
});
afterAll(() => server.close());

async function post(path: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(response.status).toBe(200);
  return response;
}

async function generate(prompt: string) {
  const response = await post('/api/generate', { model: BENCH_MODEL, prompt, raw: true, stream: true });
  const lines = [];
  for await (const line of readNdjson(response.body!)) lines.push(line);
  return lines;
}

describe('fake model server, raw /api/generate', () => {
  it('streams the N-token answer one token per line when no tool is offered', async () => {
    const lines = await generate(rawPrompt({ tools: false, last: 'user' }));
    expect(lines).toHaveLength(13);
    expect(lines.slice(0, 12).every((l) => l.done === false && l.response.length > 0)).toBe(true);
    expect(lines.map((l) => l.response).join('')).toBe(answerText(12));
    expect(lines.at(-1)).toMatchObject({ done: true, done_reason: 'stop', eval_count: 12 });
  });

  it('calls get_weather when it is offered and the user spoke last, then answers after the tool result', async () => {
    const call = await generate(rawPrompt({ tools: true, last: 'user' }));
    expect(call.length).toBeGreaterThan(3);
    expect(call.map((l) => l.response).join('')).toBe('[get_weather(city="Paris")]');
    const answer = await generate(rawPrompt({ tools: true, last: 'ipython' }));
    expect(answer.map((l) => l.response).join('')).toBe(answerText(12));
  });

  it.each<ToolCallSpelling>([
    'python_list',
    'function_tag',
    'json',
  ])('spells the call (%s) so that llama-format decodes get_weather({city: "Paris"})', async (spelling) => {
    server.configure({ toolCallSpelling: spelling });
    try {
      const text = (await generate(rawPrompt({ tools: true, last: 'user' }))).map((l) => l.response).join('');
      const decoded = decodeAssistantMessage(text, 'end_of_turn', { tools: ['get_weather'] });
      expect(decoded.tool_calls).toHaveLength(1);
      expect(decoded.tool_calls[0]).toMatchObject({ tool_name: 'get_weather', arguments: { city: 'Paris' } });
    } finally {
      server.configure({ toolCallSpelling: 'python_list' });
    }
  });

  it('counts calls and reports its own CPU', async () => {
    const before = server.stats();
    await generate(rawPrompt({ tools: false, last: 'user' }));
    const after = server.stats();
    expect(after.calls - before.calls).toBe(1);
    expect(after.callsByEndpoint['POST /api/generate']).toBeGreaterThan(0);
    expect(after.cpuMicros).toBeGreaterThan(before.cpuMicros);
  });
});

describe('fake model server, /api/chat', () => {
  it('answers with a native tool call, then with the tokens once the tool replied', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather' } }];
    const user = { role: 'user', content: 'Weather in Paris?' };
    const call = [];
    for await (const l of readNdjson((await post('/api/chat', { messages: [user], tools })).body!))
      call.push(l);
    expect(call[0].message.tool_calls).toEqual([
      { function: { name: 'get_weather', arguments: { city: 'Paris' } } },
    ]);
    expect(call.at(-1).done).toBe(true);

    const messages = [
      user,
      { role: 'assistant', content: '', tool_calls: call[0].message.tool_calls },
      { role: 'tool', content: '18C' },
    ];
    const answer = [];
    for await (const l of readNdjson((await post('/api/chat', { messages, tools })).body!)) answer.push(l);
    expect(answer.map((l) => l.message.content).join('')).toBe(answerText(12));
  });
});

describe('fake model server, OpenAI /v1/chat/completions', () => {
  async function events(body: unknown) {
    const out: string[] = [];
    for await (const data of readSseData((await post('/v1/chat/completions', body)).body!)) out.push(data);
    return out;
  }

  it('streams one content delta per token, a stop chunk, usage when asked, and [DONE]', async () => {
    const out = await events({
      model: BENCH_MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(out.at(-1)).toBe('[DONE]');
    const chunks = out.slice(0, -1).map((d) => JSON.parse(d));
    const deltas = chunks.filter((c) => c.choices[0]?.delta?.content);
    expect(deltas).toHaveLength(12);
    expect(deltas.map((c) => c.choices[0].delta.content).join('')).toBe(answerText(12));
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1).usage).toMatchObject({ completion_tokens: 12 });
  });

  it('streams a tool call with a fresh id when tools are offered and the user spoke last', async () => {
    const body = {
      model: BENCH_MODEL,
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [{ type: 'function', function: { name: 'get_weather' } }],
      stream: true,
    };
    const first = (await events(body)).map((d) => (d === '[DONE]' ? d : JSON.parse(d)));
    const second = (await events(body)).map((d) => (d === '[DONE]' ? d : JSON.parse(d)));
    const call = first[0].choices[0].delta.tool_calls[0];
    expect(call).toMatchObject({
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
    });
    expect(second[0].choices[0].delta.tool_calls[0].id).not.toBe(call.id);
    expect(first[1].choices[0].finish_reason).toBe('tool_calls');
  });
});

describe('fake model server, listings', () => {
  it('lists the bench model on /api/tags and /v1/models', async () => {
    const tags = await (await fetch(`${server.url}/api/tags`)).json();
    expect(tags.models[0].model).toBe(BENCH_MODEL);
    const models = await (await fetch(`${server.url}/v1/models`)).json();
    expect(models.data[0].id).toBe(BENCH_MODEL);
  });
});
