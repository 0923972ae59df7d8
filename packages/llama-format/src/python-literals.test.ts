import { describe, expect, it } from 'vitest';
import { pythonJsonDumps, pythonNumber, pythonRepr, pythonStr } from './python-literals.js';

describe("pythonJsonDumps (Python's json.dumps)", () => {
  it('separates with ", " and ": " and keeps key order', () => {
    expect(pythonJsonDumps({ b: [1, 2], a: { c: null, d: true } })).toBe(
      '{"b": [1, 2], "a": {"c": null, "d": true}}',
    );
  });

  it('escapes everything outside printable ASCII, as ensure_ascii does', () => {
    expect(pythonJsonDumps('café 🙂 \u007f\n"\\')).toBe('"caf\\u00e9 \\ud83d\\ude42 \\u007f\\n\\"\\\\"');
  });

  it("sorts keys and escapes HTML characters as jinja's tojson does", () => {
    expect(pythonJsonDumps({ b: "<'&>", a: 1 }, { sortKeys: true, htmlSafe: true })).toBe(
      '{"a": 1, "b": "\\u003c\\u0027\\u0026\\u003e"}',
    );
  });

  it('indents like json.dumps(indent=4)', () => {
    expect(pythonJsonDumps({ a: [1], b: {}, c: [] }, { indent: 4 })).toBe(
      '{\n    "a": [\n        1\n    ],\n    "b": {},\n    "c": []\n}',
    );
  });
});

describe('pythonNumber', () => {
  it.each([
    [10, '10'],
    [-3, '-3'],
    [3.14, '3.14'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e16, '1e+16'],
    [1.25e20, '1.25e+20'],
    [123456.789, '123456.789'],
  ])('prints %d as Python does: %s', (value, text) => {
    expect(pythonNumber(value, 'python')).toBe(text);
  });

  it('prints non-finite numbers per flavour', () => {
    expect(pythonNumber(Number.NaN, 'json')).toBe('NaN');
    expect(pythonNumber(Number.POSITIVE_INFINITY, 'python')).toBe('inf');
  });
});

describe('pythonRepr and pythonStr', () => {
  it('prints JSON values as Python literals', () => {
    expect(pythonRepr({ a: [1, 'x', true, null], "it's": 'say "hi"' })).toBe(
      `{'a': [1, 'x', True, None], "it's": 'say "hi"'}`,
    );
    expect(pythonRepr('a\nb\\')).toBe("'a\\nb\\\\'");
  });

  it('prints strings bare and everything else as repr, like str()', () => {
    expect(pythonStr('celsius')).toBe('celsius');
    expect(pythonStr(true)).toBe('True');
    expect(pythonStr(['a'])).toBe("['a']");
  });
});
