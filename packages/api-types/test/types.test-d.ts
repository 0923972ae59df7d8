import type {
  AgentRetrieveResponse as ClientAgent,
  InferenceStep as ClientInferenceStep,
  ShieldCallStep as ClientShieldCallStep,
} from 'llama-stack-client/resources/agents/agents';
import type {
  TurnCreateParams,
  AgentTurnResponseStreamChunk,
  Turn as ClientTurn,
} from 'llama-stack-client/resources/agents/turn';
import type {
  AgentConfig as ClientAgentConfig,
  ToolCall as ClientToolCall,
} from 'llama-stack-client/resources/shared';
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { CreateTurnRequest as CreateTurnRequestSchema } from '../src/index.js';
import type {
  AgentConfig,
  AgentConfigInput,
  AgentRecord,
  ShieldCallStep,
  InferenceStep,
  Message,
  Step,
  ToolCall,
  Turn,
  TurnEventPayload,
  TurnStreamChunk,
} from '../src/index.js';

describe('inferred types', () => {
  it('narrow messages and steps on their tags', () => {
    expectTypeOf<Extract<Message, { role: 'tool' }>>().toHaveProperty('call_id');
    expectTypeOf<Extract<Step, { step_type: 'inference' }>>().toEqualTypeOf<InferenceStep>();
    expectTypeOf<Extract<TurnEventPayload, { event_type: 'turn_complete' }>['turn']>().toEqualTypeOf<Turn>();
  });

  it('fills defaults in the output type and leaves them optional in the input type', () => {
    expectTypeOf<AgentConfig['max_infer_iters']>().toEqualTypeOf<number>();
    expectTypeOf<AgentConfig['tool_config']['tool_choice']>().toEqualTypeOf<string>();
    expectTypeOf<{ model: string; instructions: string }>().toExtend<AgentConfigInput>();
  });
});

describe('compatible with the official llama-stack-client@0.3.0 types', () => {
  // The client declares tool-call arguments one level deep (Llama Stack's RecursiveType); models may send
  // deeper JSON, which the client reads fine at run time. Everything else must match exactly.
  type ShallowArgs = { [key: string]: string | number | boolean | null };
  type WithShallowArgs<T> = T extends { tool_calls: ToolCall[] }
    ? Omit<T, 'tool_calls'> & { tool_calls: (Omit<ToolCall, 'arguments'> & { arguments: ShallowArgs })[] }
    : T;

  it('what we send, the client can read', () => {
    expectTypeOf<Omit<ToolCall, 'arguments'> & { arguments: ShallowArgs }>().toExtend<ClientToolCall>();
    expectTypeOf<
      Omit<InferenceStep, 'model_response'> & {
        model_response: WithShallowArgs<InferenceStep['model_response']>;
      }
    >().toExtend<ClientInferenceStep>();
    expectTypeOf<Omit<Turn, 'steps' | 'output_message'>>().toExtend<
      Omit<ClientTurn, 'steps' | 'output_message'>
    >();
    expectTypeOf<Omit<ShieldCallStep, 'violation'>>().toExtend<Omit<ClientShieldCallStep, 'violation'>>();
    expectTypeOf<Pick<AgentRecord, 'agent_id' | 'created_at'>>().toExtend<
      Pick<ClientAgent, 'agent_id' | 'created_at'>
    >();
    expectTypeOf<TurnStreamChunk['event']['payload']['event_type']>().toEqualTypeOf<
      AgentTurnResponseStreamChunk['event']['payload']['event_type']
    >();
  });

  it('what the client sends, we accept', () => {
    expectTypeOf<ClientAgentConfig>().toExtend<AgentConfigInput>();
    expectTypeOf<Omit<TurnCreateParams, 'stream' | 'toolgroups'>>().toExtend<
      Omit<z.input<typeof CreateTurnRequestSchema>, 'stream' | 'toolgroups'>
    >();
  });
});
