/**
 * ISO-8601 UTC timestamps with microseconds (as Llama Stack writes them) that strictly increase, so a step
 * always starts after the previous one completed and turns keep their order when sorted by `started_at`.
 * Calls within one millisecond count up in microseconds, so the clock does not run ahead of real time
 * unless it is read more than a million times a second.
 */
export function monotonicClock(now: () => Date): () => string {
  let lastMicros = 0;
  return () => {
    const micros = Math.max(now().getTime() * 1000, lastMicros + 1);
    lastMicros = micros;
    const iso = new Date(Math.floor(micros / 1000)).toISOString();
    return `${iso.slice(0, -1)}${String(micros % 1000).padStart(3, '0')}Z`;
  };
}
