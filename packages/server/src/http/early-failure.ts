/** How long a streamed completion may wait for its first chunk before the headers go out anyway. */
export const EARLY_FAILURE_WAIT_MS = 1_000;

/**
 * Starts reading a stream and waits briefly for its first item, so a failure that comes at once (an unknown
 * model, a provider that is down) can still be answered as an HTTP error instead of an error frame. A slow
 * first item (a model loading) does not hold the response headers longer than `waitMs`.
 */
export async function withEarlyFailure<T>(
  source: AsyncIterable<T>,
  waitMs: number,
): Promise<AsyncIterable<T>> {
  const iterator = source[Symbol.asyncIterator]();
  const first = iterator.next();
  first.catch(() => {}); // handled by whoever reads it; this only stops an unhandled-rejection warning
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      first,
      new Promise((resolve) => {
        timer = setTimeout(resolve, waitMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
  let pending: Promise<IteratorResult<T>> | undefined = first;
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => {
        const next = pending ?? iterator.next();
        pending = undefined;
        return next;
      },
      return: async (value?: unknown) => {
        pending = undefined;
        return (await iterator.return?.(value)) ?? { done: true, value: undefined };
      },
    }),
  };
}
