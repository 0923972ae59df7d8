import { z } from 'zod';
import { InterleavedContent } from './content.js';
import { ToolCall } from './tools.js';

export const StopReason = z.enum(['end_of_turn', 'end_of_message', 'out_of_tokens']);
export type StopReason = z.infer<typeof StopReason>;

export const UserMessage = z.object({
  role: z.literal('user'),
  content: InterleavedContent,
  context: InterleavedContent.optional(),
});
export type UserMessage = z.infer<typeof UserMessage>;

export const SystemMessage = z.object({
  role: z.literal('system'),
  content: InterleavedContent,
});
export type SystemMessage = z.infer<typeof SystemMessage>;

export const ToolResponseMessage = z.object({
  role: z.literal('tool'),
  call_id: z.string(),
  content: InterleavedContent,
});
export type ToolResponseMessage = z.infer<typeof ToolResponseMessage>;

export const CompletionMessage = z.object({
  role: z.literal('assistant'),
  content: InterleavedContent,
  stop_reason: StopReason,
  tool_calls: z.array(ToolCall).default([]),
});
export type CompletionMessage = z.infer<typeof CompletionMessage>;

export const Message = z.discriminatedUnion('role', [
  UserMessage,
  SystemMessage,
  ToolResponseMessage,
  CompletionMessage,
]);
export type Message = z.infer<typeof Message>;

/** What a turn accepts as new input. */
export const TurnInputMessage = z.discriminatedUnion('role', [UserMessage, ToolResponseMessage]);
export type TurnInputMessage = z.infer<typeof TurnInputMessage>;
