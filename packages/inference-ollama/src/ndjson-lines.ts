/**
 * Splits NDJSON bytes into JSON values, synchronously: every line a network read completes is parsed in one
 * loop. Decodes UTF-8 across reads (a character may be split between two of them) and skips blank lines. A
 * line that is not JSON is reported, not skipped: the values before it are returned, then `failure` is set
 * and nothing more is read.
 */
export class NdjsonSplitter {
  private readonly utf8 = new TextDecoder('utf-8');
  private rest = '';
  failure: InvalidNdjsonLineError | undefined;

  /** The values of the lines these bytes complete, in order (often none, or many). */
  push(bytes: Uint8Array): unknown[] {
    if (this.failure) return [];
    const text = this.rest + this.utf8.decode(bytes, { stream: true });
    const values: unknown[] = [];
    let start = 0;
    // The rest of the last read has no newline: a long line split over many reads is not searched again.
    let newline = text.indexOf('\n', this.rest.length);
    while (newline >= 0) {
      if (!this.add(text.slice(start, newline), values)) return values;
      start = newline + 1;
      newline = text.indexOf('\n', start);
    }
    this.rest = start === 0 ? text : text.slice(start);
    return values;
  }

  /** The body ended: the value of a last line that had no newline, if any. */
  end(): unknown[] {
    if (this.failure) return [];
    const values: unknown[] = [];
    this.add(this.rest + this.utf8.decode(), values);
    this.rest = '';
    return values;
  }

  private add(text: string, values: unknown[]): boolean {
    const line = text.trim();
    if (line === '') return true;
    try {
      values.push(JSON.parse(line));
      return true;
    } catch {
      this.failure = new InvalidNdjsonLineError(line);
      this.rest = '';
      return false;
    }
  }
}

/**
 * The JSON values of an NDJSON body, a batch per network read (one await per read, not per line). A read
 * error, or a line that is not JSON, goes through `mapError` before it is thrown. Stopping early (abort, an
 * error, a consumer that breaks) closes the connection.
 */
export async function* ndjsonBatches(
  body: ReadableStream<Uint8Array>,
  mapError: (error: unknown) => unknown = (error) => error,
): AsyncGenerator<unknown[], void, undefined> {
  const splitter = new NdjsonSplitter();
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      finished = done;
      const values = done ? splitter.end() : splitter.push(value);
      if (values.length > 0) yield values;
      if (splitter.failure) throw splitter.failure;
      if (done) return;
    }
  } catch (error) {
    throw mapError(error);
  } finally {
    // A body read to its end is closed already; cancelling it anyway costs undici a DOMException per request.
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/** The JSON values of an NDJSON body, one by one. */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  for await (const values of ndjsonBatches(body)) yield* values;
}

export class InvalidNdjsonLineError extends Error {
  constructor(readonly line: string) {
    super(`not a JSON line: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
  }
}
