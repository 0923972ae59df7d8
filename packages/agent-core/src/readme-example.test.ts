import { type Turn, contentToText } from '@llama-stack-ts/api-types';
import { expect, it } from 'vitest';
import { AgentRuntime, MemoryAgentStore, drainTurn } from './index.js';
import { ScriptedInferenceProvider, textReply, toolCallReply } from './testing/index.js';

it('the README example runs', async () => {
  const model = new ScriptedInferenceProvider({
    script: [
      toolCallReply('get_boiling_point', { liquid_name: 'polyjuice', celcius: true }),
      textReply(['Polyjuice boils ', 'at -100°C.']),
    ],
  });
  const runtime = new AgentRuntime({ inference: model, store: new MemoryAgentStore() });
  const { agent_id } = await runtime.createAgent({
    model: 'scripted-model',
    instructions: 'You are a helpful assistant',
    client_tools: [
      {
        name: 'get_boiling_point',
        description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
        parameters: [
          { name: 'liquid_name', parameter_type: 'string', description: 'The liquid', required: true },
        ],
      },
    ],
  });
  const { session_id } = await runtime.createSession(agent_id, 'demo');
  const run = await runtime.createTurn(agent_id, session_id, {
    messages: [{ role: 'user', content: 'What is the boiling point of polyjuice?' }],
  });
  let paused: Turn | undefined;
  const seen: string[] = [];
  for await (const { event } of run) {
    seen.push(event.payload.event_type);
    if (event.payload.event_type === 'turn_awaiting_input') paused = event.payload.turn;
  }
  const call = paused!.output_message.tool_calls[0]!;
  const resumed = await runtime.resumeTurn(agent_id, session_id, run.turnId, {
    tool_responses: [{ call_id: call.call_id, tool_name: call.tool_name, content: '-100' }],
  });
  const turn = await drainTurn(resumed);
  expect(seen.at(-1)).toBe('turn_awaiting_input');
  expect(contentToText(turn.output_message.content)).toBe('Polyjuice boils at -100°C.');
});
