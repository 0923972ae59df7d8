import { z } from 'zod';
import { Attachment, InterleavedContent, URL_ } from './content.js';
import { AgentToolGroup } from './agent-config.js';
import { CompletionMessage, TurnInputMessage } from './messages.js';
import { Step } from './steps.js';
import { ToolConfig } from './tool-config.js';
import { ToolResponse } from './tools.js';

/**
 * Extension: where a turn stands. `awaiting_input` is paused for client tools; `cancelled` was aborted
 * (client disconnect, shutdown); `failed` ended on an error. Clients that do not know it ignore it.
 */
export const TurnStatus = z.enum(['in_progress', 'awaiting_input', 'completed', 'cancelled', 'failed']);
export type TurnStatus = z.infer<typeof TurnStatus>;

export const Turn = z.object({
  turn_id: z.string(),
  session_id: z.string(),
  input_messages: z.array(TurnInputMessage),
  steps: z.array(Step),
  output_message: CompletionMessage,
  output_attachments: z.array(Attachment).default([]),
  started_at: z.string(),
  completed_at: z.string().optional(),
  status: TurnStatus.optional(),
});
export type Turn = z.infer<typeof Turn>;

export const Session = z.object({
  session_id: z.string(),
  session_name: z.string(),
  turns: z.array(Turn).default([]),
  started_at: z.string(),
});
export type Session = z.infer<typeof Session>;

export const CreateSessionRequest = z.object({ session_name: z.string().min(1) });
export const CreateSessionResponse = z.object({ session_id: z.string() });

/** A document given with a turn: inline content or a URL, with its MIME type; inlined into the last user message. */
export const TurnDocument = z.object({
  content: z.union([InterleavedContent, URL_]),
  mime_type: z.string(),
});
export type TurnDocument = z.infer<typeof TurnDocument>;

export const CreateTurnRequest = z.object({
  messages: z.array(TurnInputMessage).min(1),
  stream: z.boolean().default(false),
  documents: z.array(TurnDocument).optional(),
  toolgroups: z.array(AgentToolGroup).optional(),
  tool_config: ToolConfig.optional(),
});
export type CreateTurnRequest = z.infer<typeof CreateTurnRequest>;

export const ResumeTurnRequest = z.object({
  tool_responses: z.array(ToolResponse).min(1),
  stream: z.boolean().default(false),
});
export type ResumeTurnRequest = z.infer<typeof ResumeTurnRequest>;
