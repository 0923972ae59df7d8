import { ChatCompletionRequest, collectChatCompletion } from '@llama-stack-ts/api-types';
import { expect, it } from 'vitest';
import { OllamaInferenceProvider } from './index.js';
import { startReplayServer } from './testing/index.js';

it('runs the README example against the replay server', async () => {
  const server = await startReplayServer();
  try {
    const ollama = new OllamaInferenceProvider({ baseUrl: server.url, numCtx: 4096 });
    const request = ChatCompletionRequest.parse({
      model_id: 'meta-llama/Llama-3.2-3B-Instruct',
      messages: [
        { role: 'system', content: 'Pretend you are a weather assistant.' },
        { role: 'user', content: "What's the weather like in San Francisco?" },
      ],
      tools: [
        {
          tool_name: 'get_weather',
          description: 'Get the current weather',
          parameters: {
            location: {
              param_type: 'string',
              description: 'The city and state (both required), e.g. San Francisco, CA.',
              required: true,
            },
          },
        },
      ],
      tool_config: { tool_choice: 'required' },
      stream: true,
    });
    const statuses: string[] = [];
    for await (const chunk of ollama.chatCompletion(request)) {
      if (chunk.event.delta.type === 'tool_call') statuses.push(chunk.event.delta.parse_status);
    }
    expect(statuses.at(-1)).toBe('succeeded');

    const { completion_message } = await collectChatCompletion(
      ollama.chatCompletion({ ...request, stream: false }),
    );
    expect(completion_message.tool_calls[0]).toMatchObject({
      tool_name: 'get_weather',
      arguments: { location: 'San Francisco, CA' },
    });
    expect((await ollama.listModels()).map((m) => m.identifier)).toContain(
      'meta-llama/Llama-3.2-3B-Instruct',
    );
    server.assertNoMisses();
  } finally {
    await server.close();
  }
});
