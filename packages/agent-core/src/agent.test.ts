import { contentToText } from '@llama-stack-ts/api-types';
import { expect, it } from 'vitest';
import { getBoilingPoint } from './acceptance/agent-fixture.js';
import { Agent, AgentRuntime, MemoryAgentStore } from './index.js';
import { ScriptedInferenceProvider, textReply, toolCallReply } from './testing/index.js';

it('Agent.run drives a turn through client tools to its answer', async () => {
  const model = new ScriptedInferenceProvider({
    script: [
      toolCallReply('get_boiling_point', { liquid_name: 'polyjuice', celcius: false }),
      (request) => textReply(`It boils at ${String(request.messages.at(-1)?.content)}°F.`),
    ],
  });
  const runtime = new AgentRuntime({ inference: model, store: new MemoryAgentStore() });
  const agent = await Agent.create(runtime, {
    model: 'scripted-model',
    instructions: 'You are a helpful assistant',
    client_tools: [getBoilingPoint],
  });
  const session = await agent.createSession();
  const turn = await session.run('Boiling point of polyjuice in fahrenheit?', {
    clientTools: { get_boiling_point: (args) => (args.celcius === false ? -212 : -100) },
  });
  expect(contentToText(turn.output_message.content)).toBe('It boils at -212°F.');
  expect(turn.steps.map((s) => s.step_type)).toEqual(['inference', 'tool_execution', 'inference']);
});
