/** Peer: the Vercel AI SDK (`ai` 6 with `@ai-sdk/openai-compatible` 2, the last lines that run on Node 20). */
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { type ModelMessage, stepCountIs, streamText, tool } from 'ai';
import { z } from 'zod';
import type { Contender, ContenderContext } from '../harness/contender.js';
import { getWeather, WEATHER_TOOL } from '../harness/weather-tool.js';

export async function createContender(context: ContenderContext): Promise<Contender> {
  const provider = createOpenAICompatible({
    name: 'ollama',
    baseURL: `${context.modelBaseUrl}/v1`,
    includeUsage: true,
  });
  const model = provider.chatModel(context.model);
  const tools = {
    [WEATHER_TOOL.name]: tool({
      description: WEATHER_TOOL.description,
      inputSchema: z.object({ city: z.string().describe(WEATHER_TOOL.parameterDescription) }),
      execute: async ({ city }) => getWeather({ city }),
    }),
  };

  return {
    async newSession({ tools: offerTools }) {
      const messages: ModelMessage[] = [];
      return {
        async turn(userText, sink) {
          messages.push({ role: 'user', content: userText });
          const result = streamText({
            model,
            system: context.instructions,
            messages,
            ...(offerTools ? { tools } : {}),
            stopWhen: stepCountIs(10),
            maxRetries: 0,
          });
          let toolCalls = 0;
          for await (const part of result.fullStream) {
            if (part.type === 'text-delta') sink.text(part.text);
            else if (part.type === 'tool-result') toolCalls++;
            else if (part.type === 'error') throw part.error;
          }
          messages.push(...(await result.response).messages);
          return { toolCalls };
        },
      };
    },
    async close() {},
  };
}
