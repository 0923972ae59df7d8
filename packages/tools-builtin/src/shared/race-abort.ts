import { cancelledFrom } from '@llama-stack-ts/api-types';

/** Waits for a shared promise, but gives up with a CancelledError when this caller's signal aborts. */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelledFrom(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledFrom(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
