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
  private partial: Buffer[] = [];
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
    // Only the new chunk is searched, so a long line (a big figure) costs linear time.
    let start = 0;
    let newline = chunk.indexOf(0x0a);
    while (newline !== -1) {
      this.partial.push(chunk.subarray(start, newline));
      this.lines.push(Buffer.concat(this.partial).toString('utf8'));
      this.partial = [];
      start = newline + 1;
      newline = chunk.indexOf(0x0a, start);
    }
    if (start < chunk.byteLength) this.partial.push(chunk.subarray(start));
  }
}
