import { describe, expect, it } from 'vitest';
import { readNdjson } from './ndjson.js';
import { readSseData } from './sse.js';

function bodyOf(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('readNdjson', () => {
  it('parses lines split anywhere across reads, and a last line without a newline', async () => {
    const lines = await collect(readNdjson(bodyOf('{"a":1}\n{"a"', ':2}\n\n{"a":3}')));
    expect(lines).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
  });
});

describe('readSseData', () => {
  it('yields each event data, joining multi-line data, skipping comments, across split reads', async () => {
    const events = await collect(
      readSseData(bodyOf(': ping\n\ndata: {"x":1}\n\nda', 'ta: a\r\ndata: b\r\n\r\ndata:[DONE]\n\n')),
    );
    expect(events).toEqual(['{"x":1}', 'a\nb', '[DONE]']);
  });
});
