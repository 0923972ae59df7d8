import { describe, expect, it } from 'vitest';
import { LineCollector, OutputCapture } from './output-capture.js';

describe('OutputCapture', () => {
  it('keeps the first bytes up to the limit and says it cut the rest', () => {
    const capture = new OutputCapture(5);
    expect(capture.push(Buffer.from('abc'))).toBe(true);
    expect(capture.push(Buffer.from('defg'))).toBe(false);
    expect(capture.text()).toBe('abcde');
    expect(capture.truncated).toBe(true);
  });

  it('does not throw on a UTF-8 character cut in half', () => {
    const capture = new OutputCapture(4);
    capture.push(Buffer.from('abcé'));
    expect(capture.text()).toBe('abc\ufffd');
  });
});

describe('LineCollector', () => {
  it('joins lines split across chunks', () => {
    const lines = new LineCollector(1_000);
    lines.push(Buffer.from('{"a"'));
    lines.push(Buffer.from(':1}\n{"b":2}\n{"c"'));
    lines.push(Buffer.from(':3}\n'));
    expect(lines.lines).toEqual(['{"a":1}', '{"b":2}', '{"c":3}']);
  });

  it('stops collecting past its limit', () => {
    const lines = new LineCollector(8);
    lines.push(Buffer.from('one\n'));
    lines.push(Buffer.from('two\nthree\n'));
    expect(lines.lines).toEqual(['one']);
    expect(lines.overflowed).toBe(true);
  });
});
