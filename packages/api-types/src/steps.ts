import { z } from 'zod';
import { InterleavedContent } from './content.js';
import { CompletionMessage } from './messages.js';
import { SafetyViolation } from './safety.js';
import { ToolCall, ToolResponse } from './tools.js';

export const StepType = z.enum(['inference', 'tool_execution', 'shield_call', 'memory_retrieval']);
export type StepType = z.infer<typeof StepType>;

const stepBase = {
  turn_id: z.string(),
  step_id: z.string(),
  started_at: z.string().optional(),
  completed_at: z.string().optional(),
};

export const InferenceStep = z.object({
  ...stepBase,
  step_type: z.literal('inference'),
  model_response: CompletionMessage,
});
export type InferenceStep = z.infer<typeof InferenceStep>;

export const ToolExecutionStep = z.object({
  ...stepBase,
  step_type: z.literal('tool_execution'),
  tool_calls: z.array(ToolCall),
  tool_responses: z.array(ToolResponse),
});
export type ToolExecutionStep = z.infer<typeof ToolExecutionStep>;

export const ShieldCallStep = z.object({
  ...stepBase,
  step_type: z.literal('shield_call'),
  violation: SafetyViolation.nullish(),
});
export type ShieldCallStep = z.infer<typeof ShieldCallStep>;

export const MemoryRetrievalStep = z.object({
  ...stepBase,
  step_type: z.literal('memory_retrieval'),
  vector_db_ids: z.string(),
  inserted_context: InterleavedContent,
});
export type MemoryRetrievalStep = z.infer<typeof MemoryRetrievalStep>;

export const Step = z.discriminatedUnion('step_type', [
  InferenceStep,
  ToolExecutionStep,
  ShieldCallStep,
  MemoryRetrievalStep,
]);
export type Step = z.infer<typeof Step>;

export const StepResponse = z.object({ step: Step });
