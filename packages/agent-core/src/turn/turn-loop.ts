import type {
  ChatCompletionRequest,
  CompletionMessage,
  InferenceStep,
  SafetyViolation,
  ToolCall,
  Turn,
  TurnEventPayload,
  TurnStatus,
} from '@llama-stack-ts/api-types';
import { iterateWithAbort, throwIfAborted } from './abort.js';
import { withDocumentTexts } from './documents.js';
import { refusalMessage } from './history.js';
import { ModelResponse } from './inference-step.js';
import { runShields, shieldCallStep, shieldStep } from './shield-step.js';
import { toolsForChoice } from './tool-choice.js';
import { runServerTools } from './tool-step.js';
import type { TurnContext } from './turn-context.js';
import { turnEvents } from './turn-events.js';
import { type PendingClientTools, type TurnState, resumeStateOf } from './turn-state.js';

/** What a stored inference step holds instead of an answer the output shields blocked (policy `buffer`). */
export const BLOCKED_ANSWER = '[answer withheld: blocked by an output shield]';

/**
 * An inference step whose events wait for the output shields (policy `buffer`): the answer, which may span
 * several steps when the model stops with end_of_message and goes on.
 */
interface HeldInference {
  /** Sent at once when nothing was held before it; held otherwise, to keep the steps in order. */
  start: TurnEventPayload | undefined;
  progress: TurnEventPayload[];
  step: InferenceStep;
}

export type NextStep =
  | { type: 'infer' }
  | { type: 'run_tools'; message: CompletionMessage; calls: ToolCall[]; clientCalls: ToolCall[] }
  | { type: 'await_client_tools'; message: CompletionMessage }
  | { type: 'finish'; message: CompletionMessage }
  | { type: 'refuse'; violation: SafetyViolation };

/**
 * The turn loop: input shields, then one step at a time until the turn finishes, refuses or waits for
 * client tools. Yields wire payloads; the last one is the terminal event, sent after the turn is saved.
 */
export async function* runTurnLoop(
  ctx: TurnContext,
  state: TurnState,
): AsyncGenerator<TurnEventPayload, Turn> {
  throwIfAborted(ctx.signal);
  const held: HeldInference[] = [];
  let next: NextStep = yield* checkInput(ctx, state);
  for (;;) {
    throwIfAborted(ctx.signal);
    switch (next.type) {
      case 'infer':
        next = yield* infer(ctx, state, held);
        break;
      case 'run_tools': {
        const violation = yield* runServerTools(ctx, state, next.calls);
        if (violation) next = { type: 'refuse', violation };
        else if (next.clientCalls.length > 0)
          next = { type: 'await_client_tools', message: clientToolMessage(next.message, next.clientCalls) };
        else next = { type: 'infer' };
        break;
      }
      case 'await_client_tools': {
        const violation = yield* checkOutput(ctx, state, next.message, held);
        if (violation) {
          next = { type: 'refuse', violation };
          break;
        }
        return yield* pause(ctx, state, next.message);
      }
      case 'finish': {
        const violation = yield* checkOutput(ctx, state, next.message, held);
        if (violation) {
          next = { type: 'refuse', violation };
          break;
        }
        return yield* complete(ctx, state, next.message);
      }
      case 'refuse':
        return yield* complete(ctx, state, refusalMessage(next.violation.user_message));
    }
  }
}

async function* checkInput(ctx: TurnContext, state: TurnState): AsyncGenerator<TurnEventPayload, NextStep> {
  const shields = ctx.config.input_shields;
  if (shields.length > 0) {
    const outcome = yield* shieldStep(ctx, state, shields, state.messages, 'user-input');
    if (outcome.blocking && outcome.violation) return { type: 'refuse', violation: outcome.violation };
  }
  if (state.document_texts.length > 0) {
    const lastInput = state.input_messages.length - 1;
    const lastMessage = state.messages.length - 1;
    const inlined = withDocumentTexts(state.input_messages[lastInput]!, state.document_texts);
    state.input_messages[lastInput] = inlined;
    state.messages[lastMessage] = inlined;
    state.document_texts = [];
  }
  if (state.attachment_notice) {
    state.messages.push(state.attachment_notice);
    state.attachment_notice = undefined;
  }
  return { type: 'infer' };
}

function inferenceRequest(ctx: TurnContext, state: TurnState): ChatCompletionRequest {
  return {
    model_id: ctx.config.model,
    messages: state.messages,
    sampling_params: ctx.config.sampling_params,
    tools: toolsForChoice(ctx.tools.definitions, ctx.toolConfig),
    tool_config: ctx.toolConfig,
    ...(ctx.config.response_format ? { response_format: ctx.config.response_format } : {}),
    stream: true,
  };
}

function isBuffering(ctx: TurnContext): boolean {
  return ctx.config.output_shields.length > 0 && ctx.config.output_shield_policy === 'buffer';
}

async function* infer(
  ctx: TurnContext,
  state: TurnState,
  held: HeldInference[],
): AsyncGenerator<TurnEventPayload, NextStep> {
  const stepId = ctx.newId();
  const startedAt = ctx.clock();
  const buffering = isBuffering(ctx);
  const startEvent = turnEvents.stepStart('inference', stepId);
  const startHeld = buffering && held.length > 0;
  if (!startHeld) yield startEvent;
  const progress: TurnEventPayload[] = [];
  const response = new ModelResponse();
  // Read right here, not through another generator: this loop runs once per streamed token.
  const stream = ctx.inference.chatCompletion(inferenceRequest(ctx, state), { signal: ctx.signal });
  for await (const chunk of iterateWithAbort(stream, ctx.signal)) {
    const delta = response.add(chunk);
    if (delta === undefined) continue;
    const event = turnEvents.stepProgress('inference', stepId, delta);
    if (buffering) progress.push(event);
    else yield event;
  }
  const message = response.message();
  state.infer_iters += 1;
  const step: InferenceStep = {
    turn_id: ctx.turnId,
    step_id: stepId,
    step_type: 'inference',
    model_response: message,
    started_at: startedAt,
    completed_at: ctx.clock(),
  };
  const next = afterInference(ctx, state, message);
  if (!buffering) {
    state.steps.push(step);
    yield turnEvents.stepComplete(step);
    return next;
  }
  held.push({ start: startHeld ? startEvent : undefined, progress, step });
  // The answer (or its next part after end_of_message) waits for the output shields; text before tool
  // calls is not the answer and goes out now.
  if (next.type !== 'run_tools') return next;
  yield* releaseHeld(state, held);
  return next;
}

async function* releaseHeld(state: TurnState, held: HeldInference[]): AsyncGenerator<TurnEventPayload> {
  for (const entry of held.splice(0)) {
    if (entry.start) yield entry.start;
    yield* entry.progress;
    state.steps.push(entry.step);
    yield turnEvents.stepComplete(entry.step);
  }
}

/** A blocked answer leaves as its steps' starts and completions, each holding only a redaction marker. */
async function* redactHeld(state: TurnState, held: HeldInference[]): AsyncGenerator<TurnEventPayload> {
  for (const entry of held.splice(0)) {
    if (entry.start) yield entry.start;
    const redacted: InferenceStep = {
      ...entry.step,
      model_response: { ...entry.step.model_response, content: BLOCKED_ANSWER, tool_calls: [] },
    };
    state.steps.push(redacted);
    yield turnEvents.stepComplete(redacted);
  }
}

/** Where the loop goes after a model response, in Llama Stack's order of checks. */
function afterInference(ctx: TurnContext, state: TurnState, message: CompletionMessage): NextStep {
  if (state.infer_iters >= ctx.config.max_infer_iters) {
    // The cap ends the turn: end_of_turn tells clients not to resume, and calls nobody will run are dropped.
    ctx.logger.info('max_infer_iters reached', { turn_id: ctx.turnId, infer_iters: state.infer_iters });
    return { type: 'finish', message: { ...message, stop_reason: 'end_of_turn', tool_calls: [] } };
  }
  if (message.stop_reason === 'out_of_tokens') {
    return { type: 'finish', message: { ...message, tool_calls: [] } };
  }
  if (message.tool_calls.length === 0) {
    if (message.stop_reason === 'end_of_turn') return { type: 'finish', message };
    state.messages.push(message);
    return { type: 'infer' };
  }
  state.messages.push(message);
  const clientCalls = message.tool_calls.filter((call) => ctx.tools.client.has(call.tool_name));
  const serverCalls = message.tool_calls.filter((call) => !ctx.tools.client.has(call.tool_name));
  if (serverCalls.length > 0) return { type: 'run_tools', message, calls: serverCalls, clientCalls };
  return { type: 'await_client_tools', message: clientToolMessage(message, clientCalls) };
}

/** The output of a paused turn: only the client's calls, end_of_message so the client knows to resume. */
function clientToolMessage(message: CompletionMessage, calls: ToolCall[]): CompletionMessage {
  return { ...message, tool_calls: calls, stop_reason: 'end_of_message' };
}

/**
 * Output shields on the conversation plus the final message. Under `stream` (or when nothing was held)
 * this is its own step after the answer streamed. Under `buffer` the shields run first and the held answer
 * is released only when they pass; a blocked answer leaves only as a redaction marker.
 */
async function* checkOutput(
  ctx: TurnContext,
  state: TurnState,
  message: CompletionMessage,
  held: HeldInference[],
): AsyncGenerator<TurnEventPayload, SafetyViolation | null> {
  const shields = ctx.config.output_shields;
  const messages = [...state.messages.slice(0, state.opening_length), message];
  if (held.length === 0) {
    if (shields.length === 0) return null;
    const outcome = yield* shieldStep(ctx, state, shields, messages, 'assistant-output');
    return outcome.blocking ? outcome.violation : null;
  }
  const stepId = ctx.newId();
  const startedAt = ctx.clock();
  const outcome = await runShields(ctx, shields, messages, 'assistant-output');
  const shieldStepDone = shieldCallStep(ctx, stepId, startedAt, outcome);
  if (outcome.blocking) yield* redactHeld(state, held);
  else yield* releaseHeld(state, held);
  yield turnEvents.stepStart('shield_call', stepId, { touchpoint: 'assistant-output' });
  state.steps.push(shieldStepDone);
  yield turnEvents.stepComplete(shieldStepDone);
  return outcome.blocking ? outcome.violation : null;
}

export function turnOf(
  ctx: TurnContext,
  state: TurnState,
  outputMessage: CompletionMessage,
  status: TurnStatus,
): Turn {
  return {
    turn_id: state.turn_id,
    session_id: state.session_id,
    input_messages: state.input_messages,
    steps: state.steps,
    output_message: outputMessage,
    output_attachments: state.output_attachments,
    started_at: state.started_at,
    completed_at: ctx.clock(),
    status,
  };
}

async function* complete(
  ctx: TurnContext,
  state: TurnState,
  message: CompletionMessage,
): AsyncGenerator<TurnEventPayload, Turn> {
  const turn = turnOf(ctx, state, message, 'completed');
  await ctx.store.saveTurn({ agent_id: ctx.agentId, session_id: ctx.sessionId, turn, status: 'completed' });
  yield turnEvents.turnComplete(turn);
  return turn;
}

async function* pause(
  ctx: TurnContext,
  state: TurnState,
  message: CompletionMessage,
): AsyncGenerator<TurnEventPayload, Turn> {
  const pending: PendingClientTools = {
    step_id: ctx.newId(),
    started_at: ctx.clock(),
    tool_calls: message.tool_calls,
  };
  const turn = turnOf(ctx, state, message, 'awaiting_input');
  await ctx.store.saveTurn({
    agent_id: ctx.agentId,
    session_id: ctx.sessionId,
    turn,
    status: 'awaiting_input',
    resume_state: resumeStateOf(state, pending),
  });
  yield turnEvents.turnAwaitingInput(turn);
  return turn;
}
