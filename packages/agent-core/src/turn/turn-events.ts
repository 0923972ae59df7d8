import type {
  ContentDelta,
  JsonObject,
  Step,
  StepType,
  Turn,
  TurnEventPayload,
  TurnStreamChunk,
} from '@llama-stack-ts/api-types';

/** One constructor per event kind: nothing else builds event payloads. */
export const turnEvents = {
  stepStart(stepType: StepType, stepId: string, metadata: JsonObject = {}): TurnEventPayload {
    return { event_type: 'step_start', step_type: stepType, step_id: stepId, metadata };
  },
  stepProgress(stepType: StepType, stepId: string, delta: ContentDelta): TurnEventPayload {
    return { event_type: 'step_progress', step_type: stepType, step_id: stepId, delta };
  },
  stepComplete(step: Step): TurnEventPayload {
    return {
      event_type: 'step_complete',
      step_type: step.step_type,
      step_id: step.step_id,
      step_details: step,
    };
  },
  turnComplete(turn: Turn): TurnEventPayload {
    return { event_type: 'turn_complete', turn };
  },
  turnAwaitingInput(turn: Turn): TurnEventPayload {
    return { event_type: 'turn_awaiting_input', turn };
  },
};

/** The wire frame `{event:{payload}}` around a payload. */
export function streamChunk(payload: TurnEventPayload): TurnStreamChunk {
  return { event: { payload } };
}
