import type { AgentConfigInput, AgentStore, ToolDef, ToolProvider } from '@llama-stack-ts/api-types';
import { AgentRuntime, type AgentRuntimeOptions } from '../agent-runtime.js';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { ScriptedInferenceProvider, type ScriptStep } from '../testing/scripted-inference-provider.js';
import {
  ScriptedShieldProvider,
  type ScriptedShieldProviderOptions,
} from '../testing/scripted-shield-provider.js';

/** The client tool of Llama Stack's agent tests (the parameter really is spelled "celcius"). */
export const getBoilingPoint: ToolDef = {
  name: 'get_boiling_point',
  description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
  parameters: [
    { name: 'liquid_name', parameter_type: 'string', description: 'The name of the liquid', required: true },
    {
      name: 'celcius',
      parameter_type: 'boolean',
      description: 'Whether to return the boiling point in Celcius',
      required: false,
      default: true,
    },
  ],
};

/** What the client runs for get_boiling_point, as in test_agents.py. */
export function boilingPoint(liquidName: string, celcius = true): number {
  if (liquidName.toLowerCase() !== 'polyjuice') return -1;
  return celcius ? -100 : -212;
}

export interface AgentSetup {
  script?: ScriptStep[];
  fallback?: ScriptStep;
  config?: Partial<AgentConfigInput>;
  shields?: ScriptedShieldProviderOptions;
  tools?: ToolProvider[];
  store?: AgentStore;
  runtime?: Partial<AgentRuntimeOptions>;
}

/** An agent over scripted providers with one session, as Llama Stack's `agent_config` fixture builds it. */
export async function startAgent(setup: AgentSetup = {}) {
  const model = new ScriptedInferenceProvider({
    script: setup.script ?? [],
    ...(setup.fallback ? { fallback: setup.fallback } : {}),
  });
  const safety = new ScriptedShieldProvider(setup.shields);
  const store = setup.store ?? new MemoryAgentStore();
  const runtime = new AgentRuntime({
    inference: model,
    safety,
    tools: setup.tools ?? [],
    store,
    ...setup.runtime,
  });
  const { agent_id } = await runtime.createAgent({
    model: 'scripted-model',
    instructions: 'You are a helpful assistant',
    sampling_params: { strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 } },
    ...setup.config,
  });
  const { session_id } = await runtime.createSession(agent_id, 'test-session');
  return { runtime, model, safety, store, agentId: agent_id, sessionId: session_id };
}
