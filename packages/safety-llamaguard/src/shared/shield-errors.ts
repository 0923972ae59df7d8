import {
  cancelledFrom,
  InvalidRequestError,
  isStackError,
  NotFoundError,
  type RunShieldRequest,
  UpstreamError,
} from '@llama-stack-ts/api-types';

/** A failure of the model behind a shield, as a typed error: abort → CancelledError, typed errors as they are. */
export function shieldModelError(error: unknown, model: string, signal: AbortSignal | undefined): Error {
  if (signal?.aborted) return cancelledFrom(signal);
  if (isStackError(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new UpstreamError(`The safety model ${model} could not be run: ${reason}`, { cause: error });
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledFrom(signal);
}

/** The checks every shield makes before judging: it is the shield asked for, and there is something to judge. */
export function checkShieldRequest(request: RunShieldRequest, shieldId: string): void {
  if (request.shield_id !== shieldId) throw new NotFoundError('Shield', request.shield_id);
  if (request.messages.length === 0) {
    throw new InvalidRequestError('A shield needs at least one message to check', 'messages');
  }
}
