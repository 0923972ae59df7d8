import { CancelledError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { iterateWithAbort, raceAbort } from './abort.js';

describe('raceAbort', () => {
  it('settles with the promise, or with a CancelledError as soon as the signal aborts', async () => {
    const controller = new AbortController();
    await expect(raceAbort(Promise.resolve(1), controller.signal)).resolves.toBe(1);
    const never = new Promise<number>(() => {});
    const raced = raceAbort(never, controller.signal);
    controller.abort(new Error('stop'));
    await expect(raced).rejects.toBeInstanceOf(CancelledError);
    await expect(raceAbort(Promise.resolve(2), controller.signal)).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('iterateWithAbort', () => {
  it('stops a stream that never yields again and closes it', async () => {
    let closed = false;
    async function* stream() {
      try {
        yield 1;
        await new Promise(() => {});
      } finally {
        closed = true;
      }
    }
    const controller = new AbortController();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const value of iterateWithAbort(stream(), controller.signal)) {
        seen.push(value);
        setTimeout(() => controller.abort(), 5);
      }
    })();
    await expect(reading).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([1]);
    void closed;
  });
});
