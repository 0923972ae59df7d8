import { InvalidRequestError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { sseResponse } from './sse-response.js';

async function* items(...values: unknown[]) {
  for (const value of values) yield value;
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
