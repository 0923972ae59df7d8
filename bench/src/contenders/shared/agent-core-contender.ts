import type { AgentStore } from '@llama-stack-ts/api-types';
import { AgentRuntime } from '@llama-stack-ts/agent-core';
import { OllamaInferenceProvider } from '@llama-stack-ts/inference-ollama';
import type { Contender, ContenderContext } from '../../harness/contender.js';
import { WEATHER_TOOLGROUP, weatherToolProvider } from './weather-tool-provider.js';

/** Large enough that 50 turns of 100-token answers never fill the window (the provider warns if they do). */
export const BENCH_NUM_CTX = 32768;

/** agent-core with inference-ollama in this process, over the given store (persisted sessions). */
export async function createAgentCoreContender(
  context: ContenderContext,
  store: AgentStore & { close?(): Promise<void> },
): Promise<Contender> {
  const runtime = new AgentRuntime({
    inference: new OllamaInferenceProvider({ baseUrl: context.modelBaseUrl, numCtx: BENCH_NUM_CTX }),
    tools: [weatherToolProvider],
    store,
  });
  const agentConfig = (tools: boolean) => ({
    model: context.model,
    instructions: context.instructions,
    toolgroups: tools ? [WEATHER_TOOLGROUP] : [],
    enable_session_persistence: true,
  });
  const plain = (await runtime.createAgent(agentConfig(false))).agent_id;
  const withTools = (await runtime.createAgent(agentConfig(true))).agent_id;
  let sessions = 0;

  return {
    async newSession({ tools }) {
      const agentId = tools ? withTools : plain;
      const { session_id } = await runtime.createSession(agentId, `bench-${++sessions}`);
      return {
        async turn(userText, sink) {
          const run = await runtime.createTurn(agentId, session_id, {
            messages: [{ role: 'user', content: userText }],
          });
          let toolCalls = 0;
          for await (const chunk of run) {
            const payload = chunk.event.payload;
            if (payload.event_type === 'step_progress') {
              if (payload.delta.type === 'text') sink.text(payload.delta.text);
            } else if (
              payload.event_type === 'step_complete' &&
              payload.step_details.step_type === 'tool_execution'
            ) {
              toolCalls += payload.step_details.tool_responses.length;
            } else if (
              payload.event_type === 'turn_complete' &&
              payload.turn.status &&
              payload.turn.status !== 'completed'
            ) {
              throw new Error(`turn ended ${payload.turn.status}`);
            }
          }
          return { toolCalls };
        },
      };
    },
    async close() {
      await store.close?.();
    },
  };
}
