import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from './python-json.js';

describe('pythonJsonDumps', () => {
  it('uses the separators of json.dumps', () => {
    expect(pythonJsonDumps({ a: [1, 2.5, 'x'], b: { c: null, d: true } })).toBe(
      '{"a": [1, 2.5, "x"], "b": {"c": null, "d": true}}',
    );
  });

  it('escapes non-ASCII characters as json.dumps does with ensure_ascii', () => {
    expect(pythonJsonDumps({ digit: '100th digit | π', smile: '😀' })).toBe(
      '{"digit": "100th digit | \\u03c0", "smile": "\\ud83d\\ude00"}',
    );
  });

  it('escapes DEL like Python and keeps quotes and control characters escaped', () => {
    expect(pythonJsonDumps('a"b\n\u007f')).toBe('"a\\"b\\n\\u007f"');
  });
});
