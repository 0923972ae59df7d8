/**
 * ISO timestamps that strictly increase, even within one millisecond, so a step always starts after the
 * previous one completed and turns keep their order when sorted by `started_at`.
 */
export function monotonicClock(now: () => Date): () => string {
  let last = 0;
  return () => {
    const time = Math.max(now().getTime(), last + 1);
    last = time;
    return new Date(time).toISOString();
  };
}
