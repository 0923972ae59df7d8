import {
  CancelledError,
  ConflictError,
  InternalError,
  type TurnEventPayload,
  type TurnLeaseRequest,
  type TurnStreamChunk,
} from '@llama-stack-ts/api-types';
import { OpenSteps } from './open-steps.js';
import type { TurnContext } from './turn-context.js';
import { streamChunk, turnEvents } from './turn-events.js';
import { runTurnLoop, turnOf } from './turn-loop.js';
import type { TurnState } from './turn-state.js';

/** How long a created turn waits for its first read before it cancels itself, by default. */
export const DEFAULT_UNREAD_TURN_TIMEOUT_MS = 30_000;

export interface TurnRunOptions {
  /**
   * Cancel the turn (stored as cancelled, session lease released) when nobody pulls its first chunk within
   * this many milliseconds. Default 30 s; 0 or Infinity turns the guard off.
   */
  unreadTimeoutMs?: number;
  /** Told when the guard cancels the turn (for a log line). */
  onUnread?: (timeoutMs: number) => void;
}

/**
 * A turn that has passed its checks and holds the session's lease. Read it once as an async iterable of
 * wire chunks (`{event:{payload}}`); the last chunk is `turn_complete` or `turn_awaiting_input`.
 * Closing the iteration early (or `cancel()`) cancels the turn, which is then stored as cancelled; so does
 * leaving it unread for longer than `unreadTimeoutMs`.
 */
export class TurnRun implements AsyncIterable<TurnStreamChunk> {
  readonly turnId: string;
  readonly agentId: string;
  readonly sessionId: string;
  readonly #controller: AbortController;
  readonly #events: () => AsyncGenerator<TurnStreamChunk, void>;
  #generator: AsyncGenerator<TurnStreamChunk, void> | undefined;
  #unreadGuard: ReturnType<typeof setTimeout> | undefined;
  #cancelledUnread: CancelledError | undefined;

  constructor(
    ids: { turnId: string; agentId: string; sessionId: string },
    controller: AbortController,
    events: () => AsyncGenerator<TurnStreamChunk, void>,
    options: TurnRunOptions = {},
  ) {
    this.turnId = ids.turnId;
    this.agentId = ids.agentId;
    this.sessionId = ids.sessionId;
    this.#controller = controller;
    this.#events = events;
    const timeoutMs = options.unreadTimeoutMs ?? DEFAULT_UNREAD_TURN_TIMEOUT_MS;
    if (Number.isFinite(timeoutMs) && timeoutMs > 0) {
      // Without this a turn that was created and then forgotten would hold its session until restart.
      this.#unreadGuard = setTimeout(() => {
        this.#unreadGuard = undefined;
        options.onUnread?.(timeoutMs);
        this.#cancelledUnread = new CancelledError(
          `Turn ${this.turnId} was cancelled because nobody read its stream within ${timeoutMs} ms; read a TurnRun as soon as you create it`,
        );
        void this.cancel(this.#cancelledUnread);
      }, timeoutMs);
      this.#unreadGuard.unref?.();
    }
  }

  #disarmUnreadGuard(): void {
    if (this.#unreadGuard) clearTimeout(this.#unreadGuard);
    this.#unreadGuard = undefined;
  }

  /** Aborts the turn. A turn nobody reads is still settled: stored as cancelled, its lease released. */
  async cancel(reason: unknown = new CancelledError('The turn was cancelled')): Promise<void> {
    this.#disarmUnreadGuard();
    this.#controller.abort(reason);
    this.#generator ??= this.#events();
    const generator = this.#generator;
    for (;;) {
      const result = await generator.next().catch(() => ({ done: true as const, value: undefined }));
      if (result.done) return;
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<TurnStreamChunk> {
    if (this.#cancelledUnread) throw this.#cancelledUnread;
    if (this.#generator)
      throw new InternalError(`Turn ${this.turnId} is already being read; a TurnRun is read once`);
    const generator = this.#events();
    this.#generator = generator;
    return {
      // The generator's own promise, not another async hop: this runs once per streamed token.
      next: () => {
        this.#disarmUnreadGuard();
        return generator.next();
      },
      return: async () => {
        await this.cancel(new CancelledError('The turn stream was closed before the turn ended'));
        return { done: true, value: undefined };
      },
    };
  }
}

export interface TurnLease {
  request: TurnLeaseRequest;
  renewEveryMs: number;
}

const EMPTY_ANSWER = { role: 'assistant', content: '', stop_reason: 'end_of_turn', tool_calls: [] } as const;

/**
 * Runs the loop under the session lease: renews it while running, releases it at the end. On abort the
 * steps that started are completed with what they had, the turn is stored as cancelled, and their
 * step_complete events then a final turn_complete (status cancelled) end the stream; on any other
 * error it is stored as failed and the error propagates (the server sends an error frame).
 */
export async function* runLeasedTurn(
  ctx: TurnContext,
  controller: AbortController,
  state: TurnState,
  lease: TurnLease,
  prelude: readonly TurnEventPayload[] = [],
): AsyncGenerator<TurnStreamChunk, void> {
  const renewal = setInterval(() => {
    ctx.store.renewTurnLease(lease.request).then(
      (held) => {
        if (!held) {
          ctx.logger.warn('turn lease lost; cancelling the turn', { turn_id: ctx.turnId });
          controller.abort(new ConflictError(`Turn ${ctx.turnId} lost its session lease to another turn`));
        }
      },
      (error: unknown) =>
        ctx.logger.warn('turn lease renewal failed', { turn_id: ctx.turnId, error: String(error) }),
    );
  }, lease.renewEveryMs);
  renewal.unref();
  const open = new OpenSteps(ctx.clock);
  let loop: AsyncGenerator<TurnEventPayload, unknown> | undefined;
  try {
    for (const payload of prelude) {
      open.observe(payload);
      yield streamChunk(payload);
    }
    loop = runTurnLoop(ctx, state);
    for (let next = await loop.next(); !next.done; next = await loop.next()) {
      open.observe(next.value);
      yield streamChunk(next.value);
    }
  } catch (error) {
    const cancelled = ctx.signal.aborted;
    const status = cancelled ? 'cancelled' : 'failed';
    // The steps the client saw start end here, with what they had, so the stream and the stored turn agree.
    const closed = cancelled ? open.close(ctx.turnId) : [];
    state.steps.push(...closed);
    const turn = turnOf(ctx, state, { ...EMPTY_ANSWER, tool_calls: [] }, status);
    if (!cancelled) ctx.logger.error('turn failed', { turn_id: ctx.turnId, error: String(error) });
    try {
      await ctx.store.saveTurn({ agent_id: ctx.agentId, session_id: ctx.sessionId, turn, status });
    } catch (saveError) {
      ctx.logger.error('could not store the ended turn', { turn_id: ctx.turnId, error: String(saveError) });
    }
    if (!cancelled) throw error;
    for (const step of closed) yield streamChunk(turnEvents.stepComplete(step));
    yield streamChunk(turnEvents.turnComplete(turn));
  } finally {
    // Closes the loop (running its finally blocks) should this generator itself be closed mid-turn.
    await loop?.return(undefined).catch(() => {});
    clearInterval(renewal);
    try {
      await ctx.store.releaseTurnLease(lease.request);
    } catch (error) {
      ctx.logger.warn('could not release the turn lease', { turn_id: ctx.turnId, error: String(error) });
    }
  }
}
