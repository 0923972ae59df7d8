import {
  ChatCompletionRequest,
  type ChatCompletionRequestInput,
  collectChatCompletion,
} from '@llama-stack-ts/api-types';
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { drain, GET_WEATHER } from './test-support/recordings.js';
import { type ReplayServer, type ScriptedRecording, startReplayServer } from './testing/index.js';

const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const chunk = (message: Record<string, unknown>, final: Record<string, unknown> = {}) => ({
  model: 'qwen3:0.6b',
  created_at: '2025-08-01T00:00:00Z',
  message: { role: 'assistant', content: '', ...message },
  done: false,
  ...final,
});
const done = chunk({}, { done: true, done_reason: 'stop', prompt_eval_count: 120, eval_count: 18 });

async function providerAnswering(chunks: unknown[]) {
  const recording: ScriptedRecording = {
    id: 'chat',
    request: { method: 'POST', path: '/api/chat' },
    response: { streaming: true, chunks },
  };
  const server = await startReplayServer({ recordingsDir: false, recordings: [recording] });
  servers.push(server);
  let ids = 0;
  const provider = new OllamaInferenceProvider({ baseUrl: server.url, newCallId: () => `call-${++ids}` });
  return { server, provider };
}

const weatherRequest = (extra: Partial<ChatCompletionRequestInput> = {}) =>
  ChatCompletionRequest.parse({
    model_id: 'qwen3:0.6b',
    messages: [
      { role: 'system', content: 'You are a weather assistant.' },
      { role: 'user', content: 'Weather in Tokyo?' },
    ],
    tools: [GET_WEATHER],
    stream: true,
    ...extra,
  });

describe('/api/chat for models outside the Llama family', () => {
  it('offers the tools natively, as JSON Schema', async () => {
    const { server, provider } = await providerAnswering([chunk({ content: 'Sunny.' }), done]);
    await drain(provider.chatCompletion(weatherRequest()));
    expect(server.requests[0]!.path).toBe('/api/chat');
    expect(server.requests[0]!.body).toEqual({
      model: 'qwen3:0.6b',
      messages: [
        { role: 'system', content: 'You are a weather assistant.' },
        { role: 'user', content: 'Weather in Tokyo?' },
      ],
      tools: [
        {
          type: 'function',
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
      options: { temperature: 0, num_ctx: 4096 },
      stream: true,
    });
  });

  it('turns each native tool call into one succeeded delta with a new id and object arguments', async () => {
    const { provider } = await providerAnswering([
      chunk({ tool_calls: [{ function: { name: 'get_weather', arguments: { location: 'Tokyo' } } }] }),
      done,
    ]);
    const chunks = await drain(provider.chatCompletion(weatherRequest()));
    const deltas = chunks.map((c) => c.event.delta).filter((d) => d.type === 'tool_call');
    expect(deltas).toEqual([
      {
        type: 'tool_call',
        parse_status: 'succeeded',
        tool_call: {
          call_id: 'call-1',
          tool_name: 'get_weather',
          arguments: { location: 'Tokyo' },
          arguments_json: '{"location":"Tokyo"}',
        },
      },
    ]);
    expect(chunks.at(-1)!.event).toMatchObject({ event_type: 'complete', stop_reason: 'end_of_turn' });
    expect(chunks.at(-1)!.metrics).toContainEqual({ metric: 'total_tokens', value: 138, unit: 'tokens' });
  });

  it('keeps Ollama’s own call id, and reports arguments it cannot read as a failed call', async () => {
    const { provider } = await providerAnswering([
      chunk({
        tool_calls: [
          { id: 'call_abc', function: { name: 'get_weather', arguments: { location: 'Paris' } } },
          { function: { name: 'get_weather', arguments: '{not json' } },
        ],
      }),
      done,
    ]);
    const response = await collectChatCompletion(provider.chatCompletion(weatherRequest()));
    expect(response.completion_message.tool_calls.map((call) => call.call_id)).toEqual(['call_abc']);
  });

  it('streams content as text deltas', async () => {
    const { provider } = await providerAnswering([
      chunk({ content: 'It is' }),
      chunk({ content: ' sunny.' }),
      done,
    ]);
    const response = await collectChatCompletion(provider.chatCompletion(weatherRequest()));
    expect(response.completion_message.content).toBe('It is sunny.');
  });

  it('sends earlier tool calls with object arguments and tool results with the tool’s name', async () => {
    const { server, provider } = await providerAnswering([chunk({ content: 'Sunny, 21°C.' }), done]);
    await drain(
      provider.chatCompletion(
        weatherRequest({
          messages: [
            { role: 'user', content: 'Weather in Tokyo?' },
            {
              role: 'assistant',
              content: '',
              stop_reason: 'end_of_turn',
              tool_calls: [{ call_id: 'c1', tool_name: 'get_weather', arguments: '{"location":"Tokyo"}' }],
            },
            { role: 'tool', call_id: 'c1', content: [{ type: 'text', text: 'sunny, 21°C' }] },
          ],
        }),
      ),
    );
    expect((server.requests[0]!.body as { messages: unknown }).messages).toEqual([
      { role: 'user', content: 'Weather in Tokyo?' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [{ function: { name: 'get_weather', arguments: { location: 'Tokyo' } } }],
      },
      { role: 'tool', content: 'sunny, 21°C', tool_name: 'get_weather' },
    ]);
  });

  it('offers no tools when tool_choice is none, and sends a JSON schema as format', async () => {
    const { server, provider } = await providerAnswering([chunk({ content: '{"city":"Tokyo"}' }), done]);
    const schema = { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] };
    await drain(
      provider.chatCompletion(
        weatherRequest({
          tool_config: { tool_choice: 'none' },
          response_format: { type: 'json_schema', json_schema: schema },
        }),
      ),
    );
    const body = server.requests[0]!.body as Record<string, unknown>;
    expect(body.tools).toBeUndefined();
    expect(body.format).toEqual(schema);
  });

  it('refuses image links it would have to download, asking for the bytes', () => {
    const provider = new OllamaInferenceProvider({ baseUrl: 'http://127.0.0.1:1' });
    const request = ChatCompletionRequest.parse({
      model_id: 'llama3.2-vision:11b',
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', image: { url: { uri: 'https://example.com/dog.png' } } }],
        },
      ],
    });
    expect(() => provider.ollamaRequest(request)).toThrow(/base64/);
    const inline = ChatCompletionRequest.parse({
      model_id: 'llama3.2-vision:11b',
      messages: [
        {
          role: 'user',
          content: { type: 'image', image: { url: { uri: 'data:image/png;base64,iVBORw0K' } } },
        },
      ],
    });
    expect(provider.ollamaRequest(inline).body).toMatchObject({
      messages: [{ role: 'user', images: ['iVBORw0K'] }],
    });
  });
});
