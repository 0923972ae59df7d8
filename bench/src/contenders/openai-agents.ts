/** Peer: openai-agents-js (`@openai/agents` 0.14, the last line on `openai` 6, which runs on Node 20). */
import {
  Agent,
  type AgentInputItem,
  OpenAIChatCompletionsModel,
  run,
  setTracingDisabled,
  tool,
} from '@openai/agents';
import OpenAI from 'openai';
import { z } from 'zod';
import type { Contender, ContenderContext } from '../harness/contender.js';
import { getWeather, WEATHER_TOOL } from '../harness/weather-tool.js';

export async function createContender(context: ContenderContext): Promise<Contender> {
  // Importing @openai/agents installs the OpenAI trace exporter; a local model has nowhere to send traces.
  setTracingDisabled(true);
  const client = new OpenAI({ baseURL: `${context.modelBaseUrl}/v1`, apiKey: 'bench', maxRetries: 0 });
  const model = new OpenAIChatCompletionsModel(client, context.model);
  const weather = tool({
    name: WEATHER_TOOL.name,
    description: WEATHER_TOOL.description,
    parameters: z.object({ city: z.string().describe(WEATHER_TOOL.parameterDescription) }),
    execute: async ({ city }) => getWeather({ city }),
  });
  const plain = new Agent({ name: 'bench', instructions: context.instructions, model });
  const withTools = new Agent({ name: 'bench', instructions: context.instructions, model, tools: [weather] });

  return {
    async newSession({ tools }) {
      const agent = tools ? withTools : plain;
      let history: AgentInputItem[] = [];
      return {
        async turn(userText, sink) {
          const result = await run(agent, [...history, { role: 'user', content: userText }], {
            stream: true,
          });
          let toolCalls = 0;
          for await (const event of result) {
            if (event.type === 'raw_model_stream_event' && event.data.type === 'output_text_delta') {
              sink.text(event.data.delta);
            } else if (event.type === 'run_item_stream_event' && event.name === 'tool_output') {
              toolCalls++;
            }
          }
          await result.completed;
          if (result.error) throw result.error;
          history = result.history;
          return { toolCalls };
        },
      };
    },
    async close() {},
  };
}
