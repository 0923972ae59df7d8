/** Running turns, so shutdown can let them finish and cancel the ones that do not in time. */
export class TurnTracker {
  readonly #running = new Map<symbol, { abort: AbortController; settled: Promise<void> }>();
  #draining = false;

  get draining(): boolean {
    return this.#draining;
  }

  get size(): number {
    return this.#running.size;
  }

  /** Registers a run; call the returned function once when it is over. */
  start(abort: AbortController): () => void {
    const key = Symbol('turn');
    let done!: () => void;
    const settled = new Promise<void>((resolve) => {
      done = resolve;
    });
    this.#running.set(key, { abort, settled });
    return () => {
      this.#running.delete(key);
      done();
    };
  }

  /** Waits up to `timeoutMs` for running turns, then aborts the rest and waits for them to settle. */
  async drain(timeoutMs: number, reason = 'The server is shutting down'): Promise<{ cancelled: number }> {
    this.#draining = true;
    const all = () => Promise.all([...this.#running.values()].map((run) => run.settled));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = await Promise.race([
      all().then(() => false),
      new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    if (!timedOut) return { cancelled: 0 };
    const left = [...this.#running.values()];
    for (const run of left) run.abort.abort(new Error(reason));
    // A run that ignores its signal must not hold the process forever.
    await Promise.race([all(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    return { cancelled: left.length };
  }
}
