import { describe, expect, it } from 'vitest';
import { InvalidNdjsonLineError, ndjsonBatches, NdjsonSplitter } from './ndjson-lines.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function bodyOf(parts: string[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(bytes(part));
      controller.close();
    },
  });
}

describe('ndjsonBatches', () => {
  it('gives every line a network read completes as one batch', async () => {
    const batches: unknown[][] = [];
    for await (const batch of ndjsonBatches(bodyOf(['{"a":1}\n{"a":2}\n{"a"', ':3}\n', '\n{"a":4}']))) {
      batches.push(batch);
    }
    expect(batches).toEqual([[{ a: 1 }, { a: 2 }], [{ a: 3 }], [{ a: 4 }]]);
  });

  it('hands over the lines before a bad one, then reports the bad one through mapError', async () => {
    const seen: unknown[] = [];
    const error = await (async () => {
      const mapped = (cause: unknown) => new Error('mapped', { cause });
      for await (const batch of ndjsonBatches(bodyOf(['{"a":1}\n<html>\n{"a":2}\n']), mapped)) {
        seen.push(...batch);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ a: 1 }]);
    expect((error as Error).message).toBe('mapped');
    expect((error as Error).cause).toBeInstanceOf(InvalidNdjsonLineError);
    expect(((error as Error).cause as InvalidNdjsonLineError).line).toBe('<html>');
  });

  it('cancels the body when the consumer stops early', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(bytes('{"a":1}\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _batch of ndjsonBatches(body)) break;
    expect(cancelled).toBe(true);
  });

  it('leaves a body read to its end alone (it is closed already)', async () => {
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes('{"a":1}\n'));
        controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    const seen: unknown[] = [];
    for await (const batch of ndjsonBatches(body)) seen.push(...batch);
    expect(seen).toEqual([{ a: 1 }]);
    expect(cancelled).toBe(false);
    expect(body.locked).toBe(false);
  });
});

describe('NdjsonSplitter', () => {
  it('keeps a line, and a character, split across reads until they are complete', () => {
    const splitter = new NdjsonSplitter();
    const encoded = bytes('{"t":"°"}\n');
    const inside = encoded.indexOf(0xc2) + 1;
    expect(splitter.push(encoded.slice(0, inside))).toEqual([]);
    expect(splitter.push(encoded.slice(inside))).toEqual([{ t: '°' }]);
    expect(splitter.push(bytes(' {"u":1} '))).toEqual([]);
    expect(splitter.end()).toEqual([{ u: 1 }]);
  });

  it('reads nothing after a line that is not JSON', () => {
    const splitter = new NdjsonSplitter();
    expect(splitter.push(bytes('1\nnope\n2\n'))).toEqual([1]);
    expect(splitter.failure?.line).toBe('nope');
    expect(splitter.push(bytes('3\n'))).toEqual([]);
    expect(splitter.end()).toEqual([]);
  });
});
