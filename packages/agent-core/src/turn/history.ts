import type { CompletionMessage, Message, Step, Turn, TurnStatus } from '@llama-stack-ts/api-types';

/** Turns that happened: cancelled and failed turns are left out of the model's history. */
const HISTORY_STATUSES: ReadonlySet<TurnStatus | undefined> = new Set([
  undefined,
  'completed',
  'awaiting_input',
]);

function isBlockingViolation(step: Step | undefined): boolean {
  return step?.step_type === 'shield_call' && step.violation?.violation_level === 'error';
}

/** Inference steps an output shield blocked: the run of inference steps right before a blocking shield step. */
function blockedAnswerSteps(steps: readonly Step[]): Set<number> {
  const blocked = new Set<number>();
  steps.forEach((step, index) => {
    if (!isBlockingViolation(step)) return;
    for (let i = index - 1; i >= 0 && steps[i]?.step_type === 'inference'; i--) blocked.add(i);
  });
  return blocked;
}

/**
 * The messages one turn contributes to the history, as Llama Stack rebuilds them: input messages (without
 * RAG context), each inference response, each tool response, and each blocking shield refusal. Two fixes:
 * an answer an output shield blocked (the inference steps right before a blocking shield step) is left out,
 * and tool calls that never got a response (a turn capped by max_infer_iters) are dropped so every call in
 * the history has its answer. `afterInput` messages (a paused turn's file notice) follow the input messages.
 */
export function turnToMessages(turn: Turn, options: { afterInput?: readonly Message[] } = {}): Message[] {
  const answered = new Set<string>();
  for (const step of turn.steps) {
    if (step.step_type === 'tool_execution') for (const r of step.tool_responses) answered.add(r.call_id);
  }
  const messages: Message[] = [];
  for (const input of turn.input_messages) {
    if (input.role === 'user') {
      messages.push({ role: 'user', content: input.content });
    } else if (!answered.has(input.call_id)) {
      messages.push(input);
    }
  }
  for (const m of messages) if (m.role === 'tool') answered.add(m.call_id);
  messages.push(...(options.afterInput ?? []));
  const blocked = blockedAnswerSteps(turn.steps);
  turn.steps.forEach((step, index) => {
    switch (step.step_type) {
      case 'inference': {
        if (blocked.has(index)) return;
        const response = step.model_response;
        const toolCalls = response.tool_calls.filter((call) => answered.has(call.call_id));
        if (toolCalls.length === 0 && response.tool_calls.length > 0 && isEmptyContent(response)) return;
        messages.push({ ...response, tool_calls: toolCalls });
        return;
      }
      case 'tool_execution':
        for (const response of step.tool_responses) {
          messages.push({ role: 'tool', call_id: response.call_id, content: response.content });
        }
        return;
      case 'shield_call':
        if (step.violation?.violation_level === 'error') {
          messages.push(refusalMessage(step.violation.user_message));
        }
        return;
      case 'memory_retrieval':
        return;
    }
  });
  return messages;
}

function isEmptyContent(message: CompletionMessage): boolean {
  const { content } = message;
  return content === '' || (Array.isArray(content) && content.length === 0);
}

export function refusalMessage(userMessage: string | undefined): CompletionMessage {
  return { role: 'assistant', content: userMessage ?? '', stop_reason: 'end_of_turn', tool_calls: [] };
}

/** The instructions as the system message, then every earlier turn that happened, in order. */
export function historyFromTurns(instructions: string, turns: readonly Turn[]): Message[] {
  const messages: Message[] = [];
  if (instructions !== '') messages.push({ role: 'system', content: instructions });
  for (const turn of turns) {
    if (HISTORY_STATUSES.has(turn.status)) messages.push(...turnToMessages(turn));
  }
  return messages;
}
