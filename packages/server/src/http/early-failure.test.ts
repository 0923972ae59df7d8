import { describe, expect, it } from 'vitest';
import { withEarlyFailure } from './early-failure.js';

async function read<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

describe('withEarlyFailure', () => {
  it('throws a failure that comes at once, so it can become an HTTP status', async () => {
    const failing: AsyncIterable<number> = {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new Error('unknown model')) }),
    };
    await expect(withEarlyFailure(failing, 1_000)).rejects.toThrow('unknown model');
  });

  it('keeps the first item it waited for', async () => {
    async function* items() {
      yield 1;
      yield 2;
    }
    expect(await read(await withEarlyFailure(items(), 1_000))).toEqual([1, 2]);
  });

  it('gives up waiting after waitMs when the first item is slow, and still delivers it', async () => {
    async function* slow() {
      await new Promise((resolve) => setTimeout(resolve, 100));
      yield 'late';
    }
    const started = Date.now();
    const stream = await withEarlyFailure(slow(), 10);
    expect(Date.now() - started).toBeLessThan(90);
    expect(await read(stream)).toEqual(['late']);
  });
});
