import { cancelledFrom } from '@llama-stack-ts/api-types';

export function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw cancelledFrom(signal);
}

/**
 * Settles with the promise, or rejects with a CancelledError as soon as the signal aborts, so the turn
 * settles even when a provider ignores its signal.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => {});
    return Promise.reject(cancelledFrom(signal));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => {});
      reject(cancelledFrom(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(signal.aborted ? cancelledFrom(signal) : error);
      },
    );
  });
}

/** How long closing a stream waits for a provider that ignores its signal. */
const CLOSE_WAIT_MS = 50;

/**
 * Iterates a provider's stream, ending with a CancelledError on abort and closing the stream. Every read
 * settles as soon as the signal aborts, even when the provider ignores it.
 */
export function iterateWithAbort<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncIterableIterator<T> {
  return new AbortableStream(source[Symbol.asyncIterator](), signal);
}

type Settle<T> = { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void };

/**
 * A stream is read once per token, so this is the hot path: one abort listener for the whole stream (not
 * one per read), and each read forwards the provider's promise to one this reader can reject on abort.
 * The callbacks are bound once; a read allocates only its promise. Behaves like an async generator: after
 * the stream ends, fails or is closed, reads answer done.
 */
class AbortableStream<T> implements AsyncIterableIterator<T> {
  readonly #source: AsyncIterator<T>;
  readonly #signal: AbortSignal;
  /** The read in flight, if any. */
  #pending: Settle<T> | undefined;
  /** The provider's stream ended by itself: nothing to close. */
  #sourceDone = false;
  /** Reads answer done from now on. */
  #finished = false;
  #closing: Promise<void> | undefined;

  readonly #capture = (resolve: Settle<T>['resolve'], reject: Settle<T>['reject']) => {
    this.#pending = { resolve, reject };
  };
  readonly #onResult = (result: IteratorResult<T>) => {
    const pending = this.#take();
    if (result.done) {
      this.#sourceDone = true;
      this.#finished = true;
      this.#stopListening();
    }
    pending?.resolve(result);
  };
  readonly #onError = (error: unknown) => {
    this.#fail(this.#signal.aborted ? cancelledFrom(this.#signal) : error);
  };
  readonly #onAbort = () => {
    this.#fail(cancelledFrom(this.#signal));
  };

  constructor(source: AsyncIterator<T>, signal: AbortSignal) {
    this.#source = source;
    this.#signal = signal;
    if (!signal.aborted) signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#finished) return Promise.resolve({ done: true, value: undefined });
    if (this.#signal.aborted) {
      this.#finished = true;
      const error = cancelledFrom(this.#signal);
      return this.#close().then(() => Promise.reject(error));
    }
    const read = new Promise<IteratorResult<T>>(this.#capture);
    this.#source.next().then(this.#onResult, this.#onError);
    return read;
  }

  async return(): Promise<IteratorResult<T>> {
    this.#finished = true;
    await this.#close();
    return { done: true, value: undefined };
  }

  #take(): Settle<T> | undefined {
    const pending = this.#pending;
    this.#pending = undefined;
    return pending;
  }

  /**
   * The provider's stream is closed at once; a read in flight fails once it is closed (as a generator's
   * finally would run first). Aborted between reads, the next read fails.
   */
  #fail(error: unknown): void {
    const pending = this.#take();
    const closing = this.#close();
    if (!pending) return;
    this.#finished = true;
    void closing.then(() => pending.reject(error));
  }

  #stopListening(): void {
    this.#signal.removeEventListener('abort', this.#onAbort);
  }

  #close(): Promise<void> {
    this.#closing ??= this.#closeSource();
    return this.#closing;
  }

  /** Closes the provider's stream unless it ended; does not wait long on one that ignores its signal. */
  async #closeSource(): Promise<void> {
    this.#stopListening();
    if (this.#sourceDone) return;
    const source = this.#source;
    const closing = (async () => {
      try {
        await source.return?.();
      } catch {
        // A stream that fails while closing is closed.
      }
    })();
    await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
  }
}
