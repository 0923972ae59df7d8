import { z } from 'zod';
import { AgentConfig, AgentRecord, CreateAgentRequest, CreateAgentResponse } from './agent-config.js';
import { Attachment, ContentItem, InterleavedContent } from './content.js';
import { ErrorFrame, TurnEventPayload, TurnStreamChunk } from './events.js';
import { ChatCompletionChunk, ChatCompletionRequest, ChatCompletionResponse } from './inference.js';
import { CompletionMessage, Message, SystemMessage, ToolResponseMessage, UserMessage } from './messages.js';
import { Model } from './models.js';
import { RunShieldRequest, RunShieldResponse, SafetyViolation, Shield } from './safety.js';
import { SamplingParams } from './sampling.js';
import {
  InferenceStep,
  MemoryRetrievalStep,
  ShieldCallStep,
  Step,
  StepResponse,
  ToolExecutionStep,
} from './steps.js';
import {
  InvokeToolRequest,
  Tool,
  ToolCall,
  ToolDef,
  ToolDefinition,
  ToolGroup,
  ToolInvocationResult,
  ToolResponse,
} from './tools.js';
import {
  CreateSessionRequest,
  CreateSessionResponse,
  CreateTurnRequest,
  ResumeTurnRequest,
  Session,
  Turn,
} from './turn.js';

/** Every named wire schema, as it appears under `components.schemas` in the OpenAPI document. */
export const wireSchemas = {
  AgentConfig,
  Agent: AgentRecord,
  CreateAgentRequest,
  CreateAgentResponse,
  CreateSessionRequest,
  CreateSessionResponse,
  CreateTurnRequest,
  ResumeTurnRequest,
  Session,
  Turn,
  Step,
  StepResponse,
  InferenceStep,
  ToolExecutionStep,
  ShieldCallStep,
  MemoryRetrievalStep,
  AgentTurnResponseStreamChunk: TurnStreamChunk,
  AgentTurnResponseEventPayload: TurnEventPayload,
  Error: ErrorFrame,
  Message,
  UserMessage,
  SystemMessage,
  ToolResponseMessage,
  CompletionMessage,
  InterleavedContent,
  ContentItem,
  Attachment,
  ToolCall,
  ToolDef,
  ToolDefinition,
  ToolResponse,
  Tool,
  ToolGroup,
  InvokeToolRequest,
  ToolInvocationResult,
  SamplingParams,
  ChatCompletionRequest,
  ChatCompletionResponse,
  ChatCompletionResponseStreamChunk: ChatCompletionChunk,
  Model,
  Shield,
  RunShieldRequest,
  RunShieldResponse,
  SafetyViolation,
} as const;

export type WireSchemaName = keyof typeof wireSchemas;

export type JsonSchemaDirection = 'input' | 'output';

/** JSON Schema (draft 2020-12) of a zod schema; `input` describes what a request may send (defaults optional). */
export function toJsonSchema(
  schema: z.ZodType,
  direction: JsonSchemaDirection = 'output',
): Record<string, unknown> {
  const out = z.toJSONSchema(schema, { io: direction, unrepresentable: 'any', reused: 'inline' }) as Record<
    string,
    unknown
  >;
  delete out.$schema;
  return out;
}

/**
 * OpenAPI 3.1 `components.schemas`, generated from the zod schemas. Request bodies use the input form
 * (fields with defaults are optional), everything else the output form.
 */
export function openApiComponentSchemas(): Record<string, Record<string, unknown>> {
  const requestNames = new Set<string>([
    'AgentConfig',
    'CreateAgentRequest',
    'CreateSessionRequest',
    'CreateTurnRequest',
    'ResumeTurnRequest',
    'InvokeToolRequest',
    'ChatCompletionRequest',
    'RunShieldRequest',
    'SamplingParams',
  ]);
  const schemas: Record<string, Record<string, unknown>> = {};
  for (const [name, schema] of Object.entries(wireSchemas)) {
    schemas[name] = toJsonSchema(schema as z.ZodType, requestNames.has(name) ? 'input' : 'output');
  }
  return schemas;
}
