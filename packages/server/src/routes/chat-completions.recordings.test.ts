import 'llama-stack-client/shims/web';
import { type ReplayServer, startReplayServer } from '@llama-stack-ts/inference-ollama/testing';
import LlamaStackClient from 'llama-stack-client';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';

// Llama Stack's test_openai_chat_completion_* cases, replayed from the Ollama traffic they recorded.
const MODEL = 'llama3.2:3b-instruct-fp16';

let replay: ReplayServer;
let server: RunningServer;

beforeAll(async () => {
  replay = await startReplayServer({ models: [MODEL] });
  server = await startServer(
    {
      server: { host: '127.0.0.1', port: 0 },
      providers: {
        inference: { url: replay.url },
        storage: { type: 'memory' },
        safety: { llama_guard: { enabled: false } },
        tools: { code_interpreter: { enabled: false } },
      },
    },
    { logger: createLogger({ level: 'silent' }) },
  );
});
afterAll(async () => {
  await server?.close();
  await replay?.close();
});

describe('openai SDK against recorded Ollama traffic', () => {
  it('answers a non-streaming request with one model call', async () => {
    replay.reset();
    const client = new OpenAI({ baseURL: `${server.url}/v1/openai/v1`, apiKey: 'none', maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: 'Which planet do humans live on?' }],
      temperature: 0,
    });
    replay.assertNoMisses();
    expect(completion.choices[0]?.message.content?.toLowerCase()).toContain('earth');
    expect(replay.requests.filter((r) => r.path === '/api/generate')).toHaveLength(1);
  });

  it('streams an answer on the OpenAI path', async () => {
    replay.reset();
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'none', maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model: MODEL,
      messages: [{ role: 'user', content: "What's the name of the Sun in latin?" }],
      temperature: 0,
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    replay.assertNoMisses();
    expect(text.toLowerCase()).toContain('sol');
  });

  it('offers a tool and turns the python-list answer into tool_calls, streaming and not', async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1/openai/v1`, apiKey: 'none', maxRetries: 0 });
    const request = {
      model: MODEL,
      temperature: 0,
      messages: [
        { role: 'system' as const, content: 'Pretend you are a weather assistant.' },
        { role: 'user' as const, content: "What's the weather like in San Francisco?" },
      ],
      tools: [
        {
          type: 'function' as const,
          function: {
            name: 'get_weather',
            description: 'Get the current weather',
            parameters: {
              type: 'object',
              properties: {
                location: {
                  type: 'string',
                  description: 'The city and state (both required), e.g. San Francisco, CA.',
                },
              },
              required: ['location'],
            },
          },
        },
      ],
    };
    replay.reset();
    const completion = await client.chat.completions.create(request);
    replay.assertNoMisses();
    const message = completion.choices[0]!.message;
    expect(completion.choices[0]?.finish_reason).toBe('tool_calls');
    expect(message.content).toBeNull();
    expect(message.tool_calls).toHaveLength(1);
    const call = message.tool_calls![0] as { function: { name: string; arguments: string } };
    expect(call.function.name).toBe('get_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ location: 'San Francisco, CA' });

    replay.reset();
    const stream = await client.chat.completions.create({ ...request, stream: true });
    let text = '';
    const calls: Array<{ function?: { name?: string; arguments?: string } }> = [];
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      calls.push(...(chunk.choices[0]?.delta.tool_calls ?? []));
    }
    replay.assertNoMisses();
    expect(text).toBe('');
    expect(calls.map((c) => c.function?.name)).toEqual(['get_weather']);
    expect(JSON.parse(calls[0]!.function!.arguments!)).toEqual({ location: 'San Francisco, CA' });
  });
});

describe('Llama Stack chat completion against recorded Ollama traffic', () => {
  it('returns the tool call as a ToolCall, streamed and not (test_text_chat_completion_with_tool_calling)', async () => {
    const client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
    const request = {
      model_id: MODEL,
      messages: [
        { role: 'system' as const, content: 'Pretend you are a weather assistant.' },
        { role: 'user' as const, content: "What's the weather like in San Francisco?" },
      ],
      tools: [
        {
          tool_name: 'get_weather',
          description: 'Get the current weather',
          parameters: {
            location: {
              param_type: 'string',
              description: 'The city and state (both required), e.g. San Francisco, CA.',
            },
          },
        },
      ],
    };
    replay.reset();
    const response = await client.inference.chatCompletion(request);
    replay.assertNoMisses();
    expect(response.completion_message.tool_calls).toEqual([
      expect.objectContaining({ tool_name: 'get_weather', arguments: { location: 'San Francisco, CA' } }),
    ]);

    replay.reset();
    const stream = await client.inference.chatCompletion({ ...request, stream: true });
    const deltas: Array<{ type: string; parse_status?: string; tool_call?: unknown }> = [];
    for await (const chunk of stream)
      deltas.push((chunk as { event: { delta: (typeof deltas)[number] } }).event.delta);
    replay.assertNoMisses();
    const succeeded = deltas.find((d) => d.type === 'tool_call' && d.parse_status === 'succeeded');
    expect(succeeded?.tool_call).toEqual(
      expect.objectContaining({ tool_name: 'get_weather', arguments: { location: 'San Francisco, CA' } }),
    );
  });
});
