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

describe('iterateWithAbort, one listener per stream', () => {
  function countingSignal(controller: AbortController) {
    const counts = { added: 0, removed: 0 };
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof add>) => {
      counts.added += 1;
      add(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof remove>) => {
      counts.removed += 1;
      remove(...args);
    }) as typeof signal.removeEventListener;
    return counts;
  }

  it('reads a whole stream with one abort listener, removed when the stream ends', async () => {
    async function* stream() {
      for (let i = 0; i < 100; i++) yield i;
    }
    const controller = new AbortController();
    const counts = countingSignal(controller);
    const seen: number[] = [];
    for await (const value of iterateWithAbort(stream(), controller.signal)) seen.push(value);
    expect(seen).toHaveLength(100);
    expect(counts).toEqual({ added: 1, removed: 1 });
  });

  it('passes a provider error through and closes the stream', async () => {
    let closed = false;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new Error('model server went away')),
        return: async () => {
          closed = true;
          return { done: true, value: undefined };
        },
      }),
    };
    const reading = (async () => {
      for await (const _ of iterateWithAbort(source, new AbortController().signal)) {
      }
    })();
    await expect(reading).rejects.toThrow('model server went away');
    expect(closed).toBe(true);
  });

  it('settles a read in flight on abort when the provider ignores its signal, and asks it to close', async () => {
    let returnCalls = 0;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: () => new Promise<IteratorResult<number>>(() => {}),
        return: () => {
          returnCalls += 1;
          return new Promise<IteratorResult<number>>(() => {});
        },
      }),
    };
    const controller = new AbortController();
    const iterator = iterateWithAbort(source, controller.signal);
    const read = iterator.next();
    setTimeout(() => controller.abort(new Error('stop')), 5);
    await expect(read).rejects.toBeInstanceOf(CancelledError);
    expect(returnCalls).toBe(1);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
  });

  it('fails the next read after an abort between reads, closing the stream once', async () => {
    let returnCalls = 0;
    let value = 0;
    const source: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: value++ }),
        return: async () => {
          returnCalls += 1;
          return { done: true, value: undefined };
        },
      }),
    };
    const controller = new AbortController();
    const iterator = iterateWithAbort(source, controller.signal);
    await expect(iterator.next()).resolves.toEqual({ done: false, value: 0 });
    controller.abort(new Error('stop'));
    await expect(iterator.next()).rejects.toBeInstanceOf(CancelledError);
    await expect(iterator.next()).resolves.toEqual({ done: true, value: undefined });
    expect(returnCalls).toBe(1);
  });

  it('closes the stream when the reader stops early, and not when the stream ended by itself', async () => {
    let closes = 0;
    async function* stream() {
      try {
        yield 1;
        yield 2;
      } finally {
        closes += 1;
      }
    }
    const signal = new AbortController().signal;
    for await (const value of iterateWithAbort(stream(), signal)) if (value === 1) break;
    expect(closes).toBe(1);
    const all: number[] = [];
    for await (const value of iterateWithAbort(stream(), signal)) all.push(value);
    expect(all).toEqual([1, 2]);
    expect(closes).toBe(2);
  });
});
