/** Keeps the first `limit` bytes of a stream and remembers whether more arrived. */
export class OutputCapture {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  truncated = false;

  constructor(private readonly limit: number) {}

  /** Returns false once the limit is passed. */
  push(chunk: Buffer): boolean {
    const room = this.limit - this.kept;
    if (chunk.byteLength > room) {
      if (room > 0) this.chunks.push(chunk.subarray(0, room));
      this.kept = this.limit;
      this.truncated = true;
      return false;
    }
    this.chunks.push(chunk);
    this.kept += chunk.byteLength;
    return true;
  }

  text(): string {
    // A cut in the middle of a UTF-8 sequence becomes U+FFFD instead of an exception.
    return new TextDecoder('utf-8', { fatal: false }).decode(Buffer.concat(this.chunks));
  }
}

/** Splits a byte stream into lines, dropping everything after `limit` bytes. */
export class LineCollector {
  private buffer = '';
  private received = 0;
  readonly lines: string[] = [];
  overflowed = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.received += chunk.byteLength;
    if (this.received > this.limit) {
      this.overflowed = true;
      return;
    }
    this.buffer += chunk.toString('utf8');
    let newline = this.buffer.indexOf('\n');
    while (newline !== -1) {
      this.lines.push(this.buffer.slice(0, newline));
      this.buffer = this.buffer.slice(newline + 1);
      newline = this.buffer.indexOf('\n');
    }
  }
}
