import { z } from 'zod';
import { ContentDelta } from './inference.js';
import { JsonObject } from './json.js';
import { Step, StepType } from './steps.js';
import { Turn } from './turn.js';

export const StepStartPayload = z.object({
  event_type: z.literal('step_start'),
  step_type: StepType,
  step_id: z.string(),
  metadata: JsonObject.default({}),
});
export type StepStartPayload = z.infer<typeof StepStartPayload>;

export const StepProgressPayload = z.object({
  event_type: z.literal('step_progress'),
  step_type: StepType,
  step_id: z.string(),
  delta: ContentDelta,
});
export type StepProgressPayload = z.infer<typeof StepProgressPayload>;

export const StepCompletePayload = z.object({
  event_type: z.literal('step_complete'),
  step_type: StepType,
  step_id: z.string(),
  step_details: Step,
});
export type StepCompletePayload = z.infer<typeof StepCompletePayload>;

export const TurnStartPayload = z.object({ event_type: z.literal('turn_start'), turn_id: z.string() });
export type TurnStartPayload = z.infer<typeof TurnStartPayload>;

export const TurnCompletePayload = z.object({ event_type: z.literal('turn_complete'), turn: Turn });
export type TurnCompletePayload = z.infer<typeof TurnCompletePayload>;

export const TurnAwaitingInputPayload = z.object({
  event_type: z.literal('turn_awaiting_input'),
  turn: Turn,
});
export type TurnAwaitingInputPayload = z.infer<typeof TurnAwaitingInputPayload>;

export const TurnEventPayload = z.discriminatedUnion('event_type', [
  StepStartPayload,
  StepProgressPayload,
  StepCompletePayload,
  TurnStartPayload,
  TurnCompletePayload,
  TurnAwaitingInputPayload,
]);
export type TurnEventPayload = z.infer<typeof TurnEventPayload>;

/** One SSE frame of an agent turn stream. */
export const TurnStreamChunk = z.object({ event: z.object({ payload: TurnEventPayload }) });
export type TurnStreamChunk = z.infer<typeof TurnStreamChunk>;

/** The frame sent when a stream fails after it started; also the body of every HTTP error. */
export const ErrorFrame = z.object({
  error: z.object({
    message: z.string(),
    code: z.string().optional(),
    details: JsonObject.optional(),
  }),
});
export type ErrorFrame = z.infer<typeof ErrorFrame>;

export function isTerminalPayload(payload: TurnEventPayload): boolean {
  return payload.event_type === 'turn_complete' || payload.event_type === 'turn_awaiting_input';
}
