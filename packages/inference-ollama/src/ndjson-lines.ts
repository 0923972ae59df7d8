/**
 * The JSON values of an NDJSON body, one per line. Decodes UTF-8 across chunk boundaries (a character may be
 * split between two network reads) and reports a line that is not JSON instead of skipping it.
 */
export async function* ndjsonLines(body: ReadableStream<Uint8Array>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder('utf-8');
  const reader = body.getReader();
  let buffer = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line !== '') yield parseLine(line);
        newline = buffer.indexOf('\n');
      }
      if (done) break;
    }
    const rest = buffer.trim();
    if (rest !== '') yield parseLine(rest);
  } finally {
    // Stopping early (abort, an error, or a consumer that breaks) closes the connection.
    await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

export class InvalidNdjsonLineError extends Error {
  constructor(readonly line: string) {
    super(`not a JSON line: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`);
  }
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new InvalidNdjsonLineError(line);
  }
}
