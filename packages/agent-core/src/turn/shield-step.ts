import {
  InternalError,
  type Message,
  type SafetyViolation,
  type ShieldCallStep,
  type TurnEventPayload,
} from '@llama-stack-ts/api-types';
import { raceAbort } from './abort.js';
import type { TurnContext } from './turn-context.js';
import { turnEvents } from './turn-events.js';
import type { TurnState } from './turn-state.js';

export type ShieldTouchpoint = 'user-input' | 'assistant-output' | 'tool-output';

export interface ShieldOutcome {
  /** The most severe violation (error, then warn, then info; first shield first), if any. */
  violation: SafetyViolation | null;
  /** An error-level violation: the turn ends with its user_message. */
  blocking: boolean;
}

const SEVERITY = { error: 3, warn: 2, info: 1 } as const;

/**
 * Runs shields in parallel on a copy of the messages. A shield that cannot decide throws (never "safe"),
 * which fails the turn.
 */
export async function runShields(
  ctx: TurnContext,
  shieldIds: readonly string[],
  messages: readonly Message[],
  touchpoint: ShieldTouchpoint,
): Promise<ShieldOutcome> {
  const safety = ctx.safety;
  if (!safety) {
    throw new InternalError(`Shields ${shieldIds.join(', ')} are configured but no safety provider is set`);
  }
  const responses = await raceAbort(
    Promise.all(
      shieldIds.map((shieldId) =>
        safety.runShield(
          { shield_id: shieldId, messages: structuredClone([...messages]), params: {} },
          { signal: ctx.signal },
        ),
      ),
    ),
    ctx.signal,
  );
  let violation: SafetyViolation | null = null;
  for (const [index, response] of responses.entries()) {
    const found = response.violation;
    if (!found) continue;
    if (found.violation_level !== 'error') {
      ctx.logger.warn('shield raised a warning', {
        shield_id: shieldIds[index],
        touchpoint,
        level: found.violation_level,
      });
    }
    if (!violation || SEVERITY[found.violation_level] > SEVERITY[violation.violation_level])
      violation = found;
  }
  return { violation, blocking: violation?.violation_level === 'error' };
}

export function shieldCallStep(
  ctx: TurnContext,
  stepId: string,
  startedAt: string,
  outcome: ShieldOutcome,
): ShieldCallStep {
  return {
    turn_id: ctx.turnId,
    step_id: stepId,
    step_type: 'shield_call',
    violation: outcome.violation,
    started_at: startedAt,
    completed_at: ctx.clock(),
  };
}

/** A shield_call step on the wire: start (with its touchpoint), run, complete. */
export async function* shieldStep(
  ctx: TurnContext,
  state: TurnState,
  shieldIds: readonly string[],
  messages: readonly Message[],
  touchpoint: ShieldTouchpoint,
): AsyncGenerator<TurnEventPayload, ShieldOutcome> {
  const stepId = ctx.newId();
  const startedAt = ctx.clock();
  yield turnEvents.stepStart('shield_call', stepId, { touchpoint });
  const outcome = await runShields(ctx, shieldIds, messages, touchpoint);
  const step = shieldCallStep(ctx, stepId, startedAt, outcome);
  state.steps.push(step);
  yield turnEvents.stepComplete(step);
  return outcome;
}
