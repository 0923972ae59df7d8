import { ChatCompletionRequest, collectChatCompletion, type ToolCallDelta } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { drain } from './test-support/recordings.js';
import { anyRequestTo, generateChunks } from './test-support/scripted.js';
import { type ReplayServer, startReplayServer } from './testing/index.js';

let server: ReplayServer;
beforeAll(async () => {
  server = await startReplayServer({ recordingsDir: false });
});
afterAll(async () => {
  await server.close();
});

const searchRequest = ChatCompletionRequest.parse({
  model_id: 'meta-llama/Llama-3.1-8B-Instruct',
  messages: [{ role: 'user', content: 'Search the web: who won the 2024 Ballon d’Or?' }],
  tools: [{ tool_name: 'brave_search' }],
  stream: true,
});

describe('builtin tools on Llama 3.1', () => {
  it('builds the builtin-tools system prompt with the date of the injected clock', async () => {
    server.add(anyRequestTo('/api/generate', generateChunks(['I', ' do not know.'])));
    const provider = new OllamaInferenceProvider({
      baseUrl: server.url,
      now: () => new Date('2026-11-27T10:00:00Z'),
    });
    await collectChatCompletion(provider.chatCompletion(searchRequest));
    const { prompt, model } = server.requests.at(-1)!.body as { prompt: string; model: string };
    expect(model).toBe('llama3.1:8b-instruct-fp16');
    expect(prompt).toContain('Environment: ipython\nTools: brave_search');
    expect(prompt).toContain('Today Date: 27 November 2026');
  });

  it('streams a <|python_tag|> call as tool-call deltas and stops with end_of_message', async () => {
    server.add(
      anyRequestTo(
        '/api/generate',
        generateChunks([
          '<|python_tag|>',
          'brave_search.call(query="2024 Ballon d\'Or winner")',
          '<|eom_id|>',
        ]),
      ),
    );
    const provider = new OllamaInferenceProvider({ baseUrl: server.url, newCallId: () => 'call-1' });
    const chunks = await drain(provider.chatCompletion(searchRequest));
    const deltas = chunks
      .map((chunk) => chunk.event.delta)
      .filter((delta): delta is ToolCallDelta => delta.type === 'tool_call');
    expect(deltas[0]!.parse_status).toBe('started');
    expect(deltas.at(-1)).toEqual({
      type: 'tool_call',
      parse_status: 'succeeded',
      tool_call: expect.objectContaining({
        call_id: 'call-1',
        tool_name: 'brave_search',
        arguments: { query: "2024 Ballon d'Or winner" },
      }),
    });
    expect(chunks.every((c) => c.event.delta.type !== 'text' || !c.event.delta.text.includes('<|'))).toBe(
      true,
    );
    expect(chunks.at(-1)!.event.stop_reason).toBe('end_of_message');
  });

  it('reports a call to a tool the request did not offer as failed, and runs nothing', async () => {
    server.add(anyRequestTo('/api/generate', generateChunks(['[delete_everything(confirm=True)]'])));
    const warnings: string[] = [];
    const provider = new OllamaInferenceProvider({
      baseUrl: server.url,
      logger: { debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) },
    });
    const response = await collectChatCompletion(
      provider.chatCompletion(
        ChatCompletionRequest.parse({
          model_id: 'llama3.2:3b',
          messages: [{ role: 'user', content: 'Clean up.' }],
          tools: [{ tool_name: 'get_weather', parameters: { location: { param_type: 'string' } } }],
          stream: true,
        }),
      ),
    );
    expect(response.completion_message.tool_calls).toEqual([]);
    expect(warnings.join('\n')).toContain('delete_everything');
  });
});
