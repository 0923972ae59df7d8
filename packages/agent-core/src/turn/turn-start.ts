import {
  type AgentStore,
  ConflictError,
  InternalError,
  InvalidRequestError,
  NotFoundError,
  type StoredTurn,
  type ToolExecutionStep,
  type Attachment,
  type ToolResponse,
  type ToolResponseMessage,
  type Turn,
} from '@llama-stack-ts/api-types';
import type { TurnRequest } from '../turn-request.js';
import { attachmentNotice } from './document-attachments.js';
import { historyFromTurns, turnToMessages } from './history.js';
import { type PendingClientTools, ResumeState, type TurnState } from './turn-state.js';

/** The state a new turn starts from: the history, then the request's messages. */
export function newTurnState(input: {
  turnId: string;
  sessionId: string;
  startedAt: string;
  instructions: string;
  history: readonly Turn[];
  request: TurnRequest;
  documentTexts: string[];
  /** The documents as files for a code interpreter the turn offers; empty otherwise. */
  documentAttachments: Attachment[];
}): TurnState {
  const { request } = input;
  const messages = [...historyFromTurns(input.instructions, input.history), ...request.messages];
  return {
    turn_id: input.turnId,
    session_id: input.sessionId,
    started_at: input.startedAt,
    input_messages: structuredClone(request.messages),
    steps: [],
    messages,
    opening_length: messages.length,
    infer_iters: 0,
    output_attachments: [],
    document_texts: input.documentTexts,
    document_attachments: input.documentAttachments,
    attachment_notice:
      input.documentAttachments.length > 0 ? attachmentNotice(input.documentAttachments) : undefined,
    toolgroups: request.toolgroups,
    tool_config: request.tool_config,
  };
}

/** A paused turn and its resume state; 404 when missing, 409 when it is not waiting for tool responses. */
export async function readPausedTurn(
  store: AgentStore,
  agentId: string,
  sessionId: string,
  turnId: string,
): Promise<{ stored: StoredTurn; resume: ResumeState }> {
  const stored = await store.getTurn(agentId, sessionId, turnId);
  if (!stored) throw new NotFoundError('Turn', turnId);
  if (stored.status !== 'awaiting_input') {
    throw new ConflictError(
      `Turn ${turnId} is not waiting for tool responses (status: ${stored.status}); only a turn that ended with turn_awaiting_input can be resumed`,
    );
  }
  const parsed = ResumeState.safeParse(stored.resume_state);
  if (!parsed.success) {
    throw new InternalError(`Turn ${turnId} is paused but its stored resume state is unreadable`, {
      cause: parsed.error,
    });
  }
  return { stored, resume: parsed.data };
}

/** One response per call the turn waits for, no more, no less. */
export function checkToolResponses(pending: PendingClientTools, responses: readonly ToolResponse[]): void {
  const pendingIds = new Set(pending.tool_calls.map((call) => call.call_id));
  responses.forEach((response, index) => {
    if (!pendingIds.has(response.call_id)) {
      throw new InvalidRequestError(
        `Tool response for call ${response.call_id} does not match a call the turn waits for (${[...pendingIds].join(', ')})`,
        `tool_responses[${index}].call_id`,
      );
    }
  });
  const answered = new Set(responses.map((r) => r.call_id));
  const missing = [...pendingIds].filter((id) => !answered.has(id));
  if (missing.length > 0) {
    throw new InvalidRequestError(`Missing tool responses for calls ${missing.join(', ')}`, 'tool_responses');
  }
}

/**
 * The state a paused turn resumes from, as Llama Stack rebuilds it: the history before it, the turn so far,
 * and the tool_execution step the client's responses complete (its id announced when the turn paused).
 */
export function resumedTurnState(input: {
  paused: Turn;
  resume: ResumeState;
  responses: ToolResponse[];
  completedAt: string;
  instructions: string;
  sessionTurns: readonly Turn[];
  /** Whether the resumed turn still offers the code interpreter its documents were for. */
  offersCodeInterpreter: boolean;
}): { state: TurnState; resumeStep: ToolExecutionStep } {
  const { paused, resume } = input;
  const resumeStep: ToolExecutionStep = {
    turn_id: paused.turn_id,
    step_id: resume.pending.step_id,
    step_type: 'tool_execution',
    tool_calls: resume.pending.tool_calls,
    tool_responses: input.responses,
    started_at: resume.pending.started_at,
    completed_at: input.completedAt,
  };
  const steps = [...paused.steps, resumeStep];
  const earlier = input.sessionTurns.filter(
    (t) => t.turn_id !== paused.turn_id && t.started_at <= paused.started_at,
  );
  const documentAttachments = input.offersCodeInterpreter ? resume.document_attachments : [];
  // The model sees the file notice where it saw it before the pause: right after the turn's input.
  const notice: ToolResponseMessage[] =
    documentAttachments.length > 0 ? [attachmentNotice(documentAttachments)] : [];
  const messages = [
    ...historyFromTurns(input.instructions, earlier),
    ...turnToMessages({ ...paused, steps, status: 'completed' }, { afterInput: notice }),
  ];
  const state: TurnState = {
    turn_id: paused.turn_id,
    session_id: paused.session_id,
    started_at: paused.started_at,
    // A store may hand out frozen records (MemoryAgentStore does): the running turn's arrays are its own.
    input_messages: [...paused.input_messages],
    steps,
    messages,
    opening_length: messages.length,
    infer_iters: resume.infer_iters,
    output_attachments: resume.output_attachments,
    document_texts: [],
    document_attachments: documentAttachments,
    toolgroups: resume.toolgroups,
    tool_config: resume.tool_config,
  };
  return { state, resumeStep };
}
