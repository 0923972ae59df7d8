import 'llama-stack-client/shims/web';
import { ModelNotFoundError, UpstreamError } from '@llama-stack-ts/api-types';
import LlamaStackClient from 'llama-stack-client';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAgents } from '../test-support/fake-agents.js';
import { FakeInference, type ScriptStep } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function* noTurns() {}

async function serve(scripts: ScriptStep[][]) {
  const inference = new FakeInference(scripts);
  server = await startTestServer({ inference, agents: new FakeAgents(noTurns) });
  return inference;
}

const paths = [
  { name: 'Llama Stack path', base: '/v1/openai/v1', done: false },
  { name: 'OpenAI path', base: '/v1', done: true },
] as const;

const weatherTool: OpenAI.Chat.Completions.ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather in a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', description: 'City name' } },
      required: ['city'],
    },
  },
};

describe.each(paths)('OpenAI chat completions on the $name', ({ base, done }) => {
  const client = () => new OpenAI({ baseURL: `${server!.url}${base}`, apiKey: 'unused', maxRetries: 0 });

  it('answers a plain request with exactly one model call', async () => {
    const inference = await serve([[{ text: 'Hello' }, { text: ' there' }]]);
    const completion = await client().chat.completions.create({
      model: 'llama3.2:3b-instruct-fp16',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Hi' },
      ],
      temperature: 0.5,
      max_tokens: 20,
    });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBe('Hello there');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    expect(inference.requests).toHaveLength(1);
    expect(inference.requests[0]).toMatchObject({
      model_id: 'llama3.2:3b-instruct-fp16',
      messages: [
        { role: 'system', content: 'Be brief' },
        { role: 'user', content: 'Hi' },
      ],
      sampling_params: { strategy: { type: 'top_p', temperature: 0.5 }, max_tokens: 20 },
    });
  });

  it('streams text deltas and the finish reason', async () => {
    await serve([[{ text: 'Hel' }, { text: 'lo' }]]);
    const stream = await client().chat.completions.create({
      model: 'llama3.2:3b-instruct-fp16',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.Chat.Completions.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe('Hello');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(15);
  });

  it(`${done ? 'ends' : 'does not end'} the raw stream with data: [DONE]`, async () => {
    await serve([[{ text: 'Hi' }]]);
    const response = await fetch(`${server!.url}${base}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'Hi' }], stream: true }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const body = await response.text();
    expect(body.includes('data: [DONE]')).toBe(done);
  });

  it('offers tools and returns the model call as tool_calls, not as text', async () => {
    const call = { call_id: 'call-1', tool_name: 'get_weather', arguments: { city: 'Tokyo' } };
    const inference = await serve([
      [{ text: '[get_weather(city="Tokyo")]' }, { toolCall: call }],
      [{ text: '[get_weather(' }, { text: 'city="Tokyo")]' }, { toolCall: call }],
    ]);
    const completion = await client().chat.completions.create({
      model: 'llama3.2:3b-instruct-fp16',
      messages: [{ role: 'user', content: 'Weather in Tokyo?' }],
      tools: [weatherTool],
      tool_choice: 'auto',
    });
    const message = completion.choices[0]!.message;
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message.content).toBeNull();
    expect(message.tool_calls).toEqual([
      { id: 'call-1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' } },
    ]);
    expect(inference.requests[0]?.tools).toEqual([
      {
        tool_name: 'get_weather',
        description: 'Weather in a city',
        parameters: { city: { param_type: 'string', description: 'City name', required: true } },
      },
    ]);
    expect(inference.requests[0]?.tool_config?.tool_choice).toBe('auto');

    const stream = await client().chat.completions.create({
      model: 'llama3.2:3b-instruct-fp16',
      messages: [{ role: 'user', content: 'Weather in Tokyo?' }],
      tools: [weatherTool],
      stream: true,
    });
    let text = '';
    const calls: unknown[] = [];
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toBe('');
    expect(calls).toEqual([
      {
        index: 0,
        id: 'call-1',
        type: 'function',
        function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
      },
    ]);
    expect(finish).toBe('tool_calls');
  });

  it('sends the tool result back as a tool message', async () => {
    const inference = await serve([[{ text: 'It is sunny.' }]]);
    await client().chat.completions.create({
      model: 'llama3.2:3b-instruct-fp16',
      messages: [
        { role: 'user', content: 'Weather in Tokyo?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call-1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Tokyo"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call-1', content: 'sunny' },
      ],
      tools: [weatherTool],
    });
    expect(inference.requests[0]?.messages.slice(1)).toEqual([
      {
        role: 'assistant',
        content: '',
        stop_reason: 'end_of_turn',
        tool_calls: [
          {
            call_id: 'call-1',
            tool_name: 'get_weather',
            arguments: { city: 'Tokyo' },
            arguments_json: '{"city":"Tokyo"}',
          },
        ],
      },
      { role: 'tool', call_id: 'call-1', content: 'sunny' },
    ]);
  });

  it('passes response_format json_schema to the model as its schema', async () => {
    const inference = await serve([[{ text: '{"name":"Ada"}' }]]);
    const schema = { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] };
    const completion = await client().chat.completions.create({
      model: 'llama3.2:3b-instruct-fp16',
      messages: [{ role: 'user', content: 'Who wrote the first program?' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema } },
    });
    expect(JSON.parse(completion.choices[0]!.message.content!)).toEqual({ name: 'Ada' });
    expect(inference.requests[0]?.response_format).toEqual({ type: 'json_schema', json_schema: schema });
  });

  it('rejects an invalid request with a 400 naming the field', async () => {
    await serve([]);
    const error = await client()
      .chat.completions.create({ model: 'm', messages: [{ role: 'wizard', content: 'x' } as never] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain('messages[0].role');
  });
});

describe('OpenAI chat completion errors', () => {
  it('answers an unknown model with a 404 the SDK raises, streaming or not', async () => {
    const inference = new FakeInference([]);
    inference.chatCompletion = () => ({
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new ModelNotFoundError('llama9:70b', 'Run: ollama pull llama9:70b')),
      }),
    });
    server = await startTestServer({ inference, agents: new FakeAgents(noTurns) });
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 });
    for (const stream of [false, true]) {
      const error = await client.chat.completions
        .create({ model: 'llama9:70b', messages: [{ role: 'user', content: 'hi' }], stream })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.NotFoundError);
      expect((error as Error).message).toContain('ollama pull llama9:70b');
    }
  });

  it('sends an error that comes after the first chunk as an error frame the SDK raises', async () => {
    const inference = new FakeInference([]);
    inference.chatCompletion = async function* () {
      yield { event: { event_type: 'start', delta: { type: 'text', text: '' } } };
      yield { event: { event_type: 'progress', delta: { type: 'text', text: 'Hal' } } };
      throw new UpstreamError('Ollama stopped mid-answer');
    };
    server = await startTestServer({ inference, agents: new FakeAgents(noTurns) });
    const client = new OpenAI({ baseURL: `${server.url}/v1/openai/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    const error = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    })().catch((e: unknown) => e);
    expect(text).toBe('Hal');
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain('Ollama stopped mid-answer');
  });
});

describe('OpenAI chat completions with llama-stack-client@0.3.0', () => {
  it('streams from /v1/openai/v1/chat/completions, which must not end with [DONE] for this client', async () => {
    await serve([[{ text: 'Bonjour' }, { text: '!' }]]);
    const client = new LlamaStackClient({ baseURL: server!.url, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: 'llama3.2:3b-instruct-fp16',
      messages: [{ role: 'user', content: 'Say hello in French' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) {
      text += (chunk as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '';
    }
    expect(text).toBe('Bonjour!');
  });
});
