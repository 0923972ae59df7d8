import type { Step, StepType, ToolCall, TurnEventPayload } from '@llama-stack-ts/api-types';

interface OpenStep {
  stepType: StepType;
  stepId: string;
  startedAt: string;
  text: string;
  toolCalls: ToolCall[];
}

/**
 * The steps whose step_start went out without their step_complete, rebuilt from what the stream sent.
 * A cancelled turn closes them with exactly what the client saw (held, unchecked text never left, so it
 * is not in them either), so every step_start on the wire gets its step_complete.
 */
export class OpenSteps {
  readonly #open = new Map<string, OpenStep>();

  constructor(readonly clock: () => string) {}

  /** Follows one payload as it is sent. */
  observe(payload: TurnEventPayload): void {
    if (payload.event_type === 'step_start') {
      this.#open.set(payload.step_id, {
        stepType: payload.step_type,
        stepId: payload.step_id,
        startedAt: this.clock(),
        text: '',
        toolCalls: [],
      });
    } else if (payload.event_type === 'step_progress') {
      const step = this.#open.get(payload.step_id);
      const { delta } = payload;
      if (!step) return;
      if (delta.type === 'text') step.text += delta.text;
      else if (delta.type === 'tool_call' && typeof delta.tool_call !== 'string') {
        const isCallOfToolStep = step.stepType === 'tool_execution' && step.toolCalls.length === 0;
        if (delta.parse_status === 'succeeded' || isCallOfToolStep) step.toolCalls.push(delta.tool_call);
      }
    } else if (payload.event_type === 'step_complete') {
      this.#open.delete(payload.step_id);
    }
  }

  /** Ends every open step now, in the order they started: a partial answer, a call without response. */
  close(turnId: string): Step[] {
    const steps = [...this.#open.values()].map((open) => closedStep(turnId, open, this.clock()));
    this.#open.clear();
    return steps;
  }
}

function closedStep(turnId: string, open: OpenStep, completedAt: string): Step {
  const base = {
    turn_id: turnId,
    step_id: open.stepId,
    started_at: open.startedAt,
    completed_at: completedAt,
  };
  switch (open.stepType) {
    case 'inference':
      return {
        ...base,
        step_type: 'inference',
        // The model did not finish: out_of_tokens is the stop reason of an answer cut short.
        model_response: {
          role: 'assistant',
          // As for a finished answer: once tool calls parsed, their text is not the content.
          content: open.toolCalls.length > 0 ? '' : open.text,
          stop_reason: 'out_of_tokens',
          tool_calls: open.toolCalls,
        },
      };
    case 'tool_execution':
      return { ...base, step_type: 'tool_execution', tool_calls: open.toolCalls, tool_responses: [] };
    case 'shield_call':
      return { ...base, step_type: 'shield_call', violation: null };
    case 'memory_retrieval':
      return { ...base, step_type: 'memory_retrieval', vector_db_ids: '', inserted_context: '' };
  }
}
