import {
  AgentToolGroup,
  Attachment,
  type JsonValue,
  type Message,
  type Step,
  ToolCall,
  ToolConfig,
  type ToolResponseMessage,
  type TurnInputMessage,
} from '@llama-stack-ts/api-types';
import { z } from 'zod';

/** Client tool calls a paused turn waits for, and the id of the tool_execution step that will answer them. */
export const PendingClientTools = z.object({
  step_id: z.string(),
  started_at: z.string(),
  tool_calls: z.array(ToolCall),
});
export type PendingClientTools = z.infer<typeof PendingClientTools>;

/**
 * What a paused turn needs besides the stored Turn to resume on any replica after any restart:
 * the inference count so far (max_infer_iters spans resumes), the calls it waits for, the turn's own
 * toolgroups and tool_config when the request overrode the agent's, and its documents when tools get them.
 */
export const ResumeState = z.object({
  version: z.literal(1),
  infer_iters: z.number().int().min(0),
  pending: PendingClientTools,
  toolgroups: z.array(AgentToolGroup).optional(),
  tool_config: ToolConfig.optional(),
  output_attachments: z.array(Attachment).default([]),
  /** The turn's documents, for the code interpreter (documents, never secrets). */
  document_attachments: z.array(Attachment).default([]),
});
export type ResumeState = z.infer<typeof ResumeState>;

/** The whole state of a running turn: plain data, so any point of the loop could be saved. */
export interface TurnState {
  turn_id: string;
  session_id: string;
  started_at: string;
  input_messages: TurnInputMessage[];
  steps: Step[];
  /** The conversation the model sees next: history, new input, this turn's responses and tool results. */
  messages: Message[];
  /** How many messages the turn began with: output shields see those plus the final answer. */
  opening_length: number;
  infer_iters: number;
  output_attachments: Attachment[];
  /** Text of the turn's documents, inlined into the last input message once the input shields pass. */
  document_texts: string[];
  /** The turn's documents as files for the code interpreter: on every tool call (empty without one). */
  document_attachments: Attachment[];
  /** Tells the model where those files are; joins the conversation after the input, with the documents. */
  attachment_notice?: ToolResponseMessage | undefined;
  toolgroups?: AgentToolGroup[] | undefined;
  tool_config?: ToolConfig | undefined;
}

export function resumeStateOf(state: TurnState, pending: PendingClientTools): JsonValue {
  const resume: z.input<typeof ResumeState> = {
    version: 1,
    infer_iters: state.infer_iters,
    pending,
    output_attachments: state.output_attachments,
    ...(state.document_attachments.length > 0 ? { document_attachments: state.document_attachments } : {}),
    ...(state.toolgroups ? { toolgroups: state.toolgroups } : {}),
    ...(state.tool_config ? { tool_config: state.tool_config } : {}),
  };
  return JSON.parse(JSON.stringify(resume)) as JsonValue;
}
