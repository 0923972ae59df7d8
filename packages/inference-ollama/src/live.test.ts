import {
  CancelledError,
  ChatCompletionRequest,
  collectChatCompletion,
  ModelNotFoundError,
} from '@llama-stack-ts/api-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { drain, GET_WEATHER } from './test-support/recordings.js';

/**
 * Against a real Ollama: only when OLLAMA_HOST is set (e.g. `OLLAMA_HOST=127.0.0.1:11434`). The model is
 * OLLAMA_TEST_MODEL, default llama3.2:3b (`ollama pull llama3.2:3b`).
 */
const host = process.env.OLLAMA_HOST;
const model = process.env.OLLAMA_TEST_MODEL ?? 'llama3.2:3b';

if (!host) {
  console.warn(
    'inference-ollama live tests skipped: set OLLAMA_HOST (e.g. OLLAMA_HOST=127.0.0.1:11434) to run them ' +
      `against a real Ollama with ${model} pulled.`,
  );
}

describe.skipIf(!host)(`live Ollama at ${host} with ${model}`, { timeout: 180_000 }, () => {
  const provider = new OllamaInferenceProvider({ ...(host ? { baseUrl: host } : {}) });

  beforeAll(async () => {
    const models = await provider.listModels();
    if (!models.some((m) => m.identifier === model || m.identifier === `${model}:latest`)) {
      throw new Error(`Ollama at ${provider.baseUrl} does not have ${model}: run \`ollama pull ${model}\``);
    }
  });

  it('streams a plain answer that ends the turn', async () => {
    const chunks = await drain(
      provider.chatCompletion(
        ChatCompletionRequest.parse({
          model_id: model,
          messages: [{ role: 'user', content: 'What is the capital of France? Answer in one word.' }],
          stream: true,
        }),
      ),
    );
    const text = chunks.map((c) => (c.event.delta.type === 'text' ? c.event.delta.text : '')).join('');
    expect(text).toMatch(/Paris/i);
    expect(chunks.at(-1)?.event).toMatchObject({ event_type: 'complete', stop_reason: 'end_of_turn' });
    expect(chunks.at(-1)?.metrics?.find((m) => m.metric === 'prompt_tokens')?.value).toBeGreaterThan(5);
  });

  it('calls a tool when told to', async () => {
    const response = await collectChatCompletion(
      provider.chatCompletion(
        ChatCompletionRequest.parse({
          model_id: model,
          messages: [{ role: 'user', content: "What's the weather like in San Francisco?" }],
          tools: [GET_WEATHER],
          tool_config: { tool_choice: 'required' },
          stream: true,
        }),
      ),
    );
    expect(response.completion_message.tool_calls[0]?.tool_name).toBe('get_weather');
  });

  it('answers in the JSON schema it is given', async () => {
    const response = await collectChatCompletion(
      provider.chatCompletion(
        ChatCompletionRequest.parse({
          model_id: model,
          messages: [
            { role: 'user', content: 'Michael Jordan was born in 1963. Give his name and birth year.' },
          ],
          response_format: {
            type: 'json_schema',
            json_schema: {
              type: 'object',
              properties: { name: { type: 'string' }, year_born: { type: 'integer' } },
              required: ['name', 'year_born'],
            },
          },
        }),
      ),
    );
    expect(JSON.parse(String(response.completion_message.content))).toMatchObject({ year_born: 1963 });
  });

  it('stops on abort', async () => {
    const controller = new AbortController();
    const stream = provider.chatCompletion(
      ChatCompletionRequest.parse({
        model_id: model,
        messages: [{ role: 'user', content: 'Count from 1 to 500, one number per line.' }],
        stream: true,
      }),
      { signal: controller.signal },
    );
    const error = await (async () => {
      let progress = 0;
      for await (const chunk of stream) {
        if (chunk.event.event_type === 'progress' && ++progress === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
  });

  it('names the pull command for a model that is not there', async () => {
    const error = await drain(
      provider.chatCompletion(
        ChatCompletionRequest.parse({
          model_id: 'llama-stack-ts-no-such-model:1b',
          messages: [{ role: 'user', content: 'hi' }],
        }),
      ),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as Error).message).toContain('ollama pull llama-stack-ts-no-such-model:1b');
  });
});
