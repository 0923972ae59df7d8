import { describe, expect, it } from 'vitest';
import { InvalidNdjsonLineError, ndjsonLines } from './ndjson-lines.js';

function bodyOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
}

async function collect(body: ReadableStream<Uint8Array>): Promise<unknown[]> {
  const values: unknown[] = [];
  for await (const value of ndjsonLines(body)) values.push(value);
  return values;
}

describe('ndjsonLines', () => {
  it('keeps a character split between two network reads', async () => {
    const bytes = new TextEncoder().encode('{"response":"-100°C"}\n{"done":true}\n');
    const split = bytes.indexOf(0xc2) + 1; // inside the two bytes of "°"
    expect(await collect(bodyOf([bytes.slice(0, split), bytes.slice(split)]))).toEqual([
      { response: '-100°C' },
      { done: true },
    ]);
  });

  it('reads a last line without a newline and skips blank lines', async () => {
    const text = '{"a":1}\n\n{"b":2}';
    expect(await collect(bodyOf([new TextEncoder().encode(text)]))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reports a line that is not JSON', async () => {
    await expect(
      collect(bodyOf([new TextEncoder().encode('{"a":1}\n<html>oops</html>\n')])),
    ).rejects.toBeInstanceOf(InvalidNdjsonLineError);
  });
});
