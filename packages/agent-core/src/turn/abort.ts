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

/** Iterates a provider's stream, ending with a CancelledError on abort and closing the stream. */
export async function* iterateWithAbort<T>(source: AsyncIterable<T>, signal: AbortSignal): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let finished = false;
  try {
    for (;;) {
      const result = await raceAbort(iterator.next(), signal);
      if (result.done) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (!finished && iterator.return) {
      // Close the provider's stream; do not wait on a provider that ignores its signal.
      const closing = Promise.resolve(iterator.return()).catch(() => {});
      await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 50).unref())]);
    }
  }
}
