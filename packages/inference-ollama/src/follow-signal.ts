/**
 * A signal for one request that follows the caller's. fetch keeps its abort listener on the signal it is
 * given until the request is garbage-collected, so one long-lived signal (a server's shutdown signal) used
 * for many requests piles up listeners, and Node warns past 1500. The caller's signal gets one listener here,
 * removed by `release()` when the request is over.
 */
export function followSignal(signal: AbortSignal | undefined): {
  signal: AbortSignal | undefined;
  release: () => void;
} {
  if (!signal) return { signal: undefined, release: noop };
  const controller = new AbortController();
  if (signal.aborted) {
    controller.abort(signal.reason);
    return { signal: controller.signal, release: noop };
  }
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, release: () => signal.removeEventListener('abort', onAbort) };
}

function noop(): void {}
