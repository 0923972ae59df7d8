import { InvalidRequestError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { deferred } from '../test-support/fake-inference.js';
import { sseResponse } from './sse-response.js';

async function* items(...values: unknown[]) {
  for (const value of values) yield value;
}

async function readChunks(response: Response): Promise<string[]> {
  const decoder = new TextDecoder();
  const reader = response.body!.getReader();
  const chunks: string[] = [];
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(decoder.decode(next.value));
  }
  return chunks;
}

describe('sseResponse', () => {
  it('writes one data frame per item with SSE headers and no terminator', async () => {
    const response = sseResponse(items({ a: 1 }, { b: 2 }), {
      abort: new AbortController(),
      keepaliveIntervalMs: 1000,
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    expect(response.headers.get('cache-control')).toContain('no-cache');
    expect(await response.text()).toBe('data: {"a":1}\n\ndata: {"b":2}\n\n');
  });

  it('ends with the terminator when given', async () => {
    const response = sseResponse(items({ a: 1 }), {
      abort: new AbortController(),
      keepaliveIntervalMs: 1000,
      terminator: '[DONE]',
    });
    expect(await response.text()).toBe('data: {"a":1}\n\ndata: [DONE]\n\n');
  });

  it('turns an error into one {error:{message, code}} frame', async () => {
    async function* failing() {
      yield { a: 1 };
      throw new InvalidRequestError('Tool foo not found');
    }
    const seen: string[] = [];
    const response = sseResponse(failing(), {
      abort: new AbortController(),
      keepaliveIntervalMs: 1000,
      onError: (error) => seen.push(error.code),
    });
    expect(await response.text()).toBe(
      'data: {"a":1}\n\ndata: {"error":{"message":"Tool foo not found","code":"invalid_request"}}\n\n',
    );
    expect(seen).toEqual(['invalid_request']);
  });

  it('sends : ping comments while the source is quiet', async () => {
    let release!: () => void;
    async function* slow() {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      yield { done: true };
    }
    const response = sseResponse(slow(), { abort: new AbortController(), keepaliveIntervalMs: 10 });
    setTimeout(() => release(), 60);
    const text = await response.text();
    expect(text).toMatch(/^(: ping\n\n)+data: \{"done":true\}\n\n$/);
  });

  it('sends frames produced together as one chunk, intact and in order', async () => {
    const values = Array.from({ length: 500 }, (_, index) => ({ index, text: `token ${index} "quoted" \n` }));
    const response = sseResponse(items(...values), {
      abort: new AbortController(),
      keepaliveIntervalMs: 1000,
      terminator: '[DONE]',
    });
    const chunks = await readChunks(response);
    expect(chunks).toHaveLength(1);
    const frames = chunks.join('').split('\n\n');
    expect(frames.pop()).toBe('');
    expect(frames.pop()).toBe('data: [DONE]');
    expect(frames.map((frame) => JSON.parse(frame.replace(/^data: /, '')))).toEqual(values);
  });

  it('sends a lone frame without waiting for the next one', async () => {
    const gate = deferred();
    async function* oneThenWait() {
      yield { first: true };
      await gate.promise;
      yield { second: true };
    }
    const response = sseResponse(oneThenWait(), { abort: new AbortController(), keepaliveIntervalMs: 1000 });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('data: {"first":true}\n\n');
    gate.resolve();
    const second = await reader.read();
    expect(new TextDecoder().decode(second.value)).toBe('data: {"second":true}\n\n');
    expect((await reader.read()).done).toBe(true);
  });

  it('flushes the frames before an error frame together with it', async () => {
    async function* failing() {
      yield { a: 1 };
      yield { b: 2 };
      throw new InvalidRequestError('Tool foo not found');
    }
    const chunks = await readChunks(
      sseResponse(failing(), { abort: new AbortController(), keepaliveIntervalMs: 1000 }),
    );
    expect(chunks).toEqual([
      'data: {"a":1}\n\ndata: {"b":2}\n\ndata: {"error":{"message":"Tool foo not found","code":"invalid_request"}}\n\n',
    ]);
  });

  it('aborts the producer when the reader cancels', async () => {
    const abort = new AbortController();
    let settled = false;
    async function* endless() {
      while (!abort.signal.aborted) {
        yield { tick: 1 };
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    }
    const response = sseResponse(endless(), {
      abort,
      keepaliveIntervalMs: 1000,
      onSettled: () => {
        settled = true;
      },
    });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(abort.signal.aborted).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(true);
  });
});
