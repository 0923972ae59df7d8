import { describe, expect, it } from 'vitest';
import { parseBuiltinCalls, parsePythonCallList, parsePythonLiteral } from './python-list-parser.js';

describe('parsePythonCallList (the official is_valid_python_list / parse_python_list_for_function_calls cases)', () => {
  it.each([
    '[get_boiling_point(liquid_name="water", celcius=True)]',
    '[get_boiling_point(liquid_name="water", celcius=True), get_melting_point(substance="ice", kelvin=False)]',
    '[get_boiling_point(liquid_name="water", celcius=True, precise=False)]',
    '[calculate_volume(radius=5.2, height=10)]',
  ])('accepts %s', (text) => {
    expect(parsePythonCallList(text).ok).toBe(true);
  });

  it.each([
    '[]',
    '[get_boiling_point(liquid_name="water"), 42]',
    '[get_boiling_point("water", True)]',
    '[[get_boiling_point(liquid_name="water")]]',
    '{"func": get_boiling_point(liquid_name="water")}',
    '[get_boiling_point(liquid_name="water", celcius=True',
    'get_boiling_point(liquid_name="water")',
    '[(get_boiling_point(liquid_name="water"),)]',
  ])('rejects %s', (text) => {
    expect(parsePythonCallList(text).ok).toBe(false);
  });

  it('parses values as Python literals', () => {
    expect(parsePythonCallList('[calculate_volume(radius=5.2, height=10)]')).toEqual({
      ok: true,
      calls: [{ name: 'calculate_volume', args: { radius: 5.2, height: 10 } }],
    });
    expect(parsePythonCallList('[process_data(name="sample", value=42, active=True, ratio=3.14)]')).toEqual({
      ok: true,
      calls: [{ name: 'process_data', args: { name: 'sample', value: 42, active: true, ratio: 3.14 } }],
    });
    expect(parsePythonCallList('[initialize()]')).toEqual({
      ok: true,
      calls: [{ name: 'initialize', args: {} }],
    });
    expect(parsePythonCallList('[analyze_text(content="Hello, world!", language="en")]')).toEqual({
      ok: true,
      calls: [{ name: 'analyze_text', args: { content: 'Hello, world!', language: 'en' } }],
    });
    expect(
      parsePythonCallList(
        '[get_boiling_point(liquid={"name":"water", "color":"translucent"}), convert_temperature(value=[100, 101], from_unit="C", to_unit="F")]',
      ),
    ).toEqual({
      ok: true,
      calls: [
        { name: 'get_boiling_point', args: { liquid: { name: 'water', color: 'translucent' } } },
        { name: 'convert_temperature', args: { value: [100, 101], from_unit: 'C', to_unit: 'F' } },
      ],
    });
  });

  it('reads both quote styles, escapes, None, negative and exponent numbers, tuples, a trailing comma', () => {
    expect(
      parsePythonCallList(
        `[f(a='it\\'s', b="say \\"hi\\"", c=None, d=-3, e=1e-3, f=(1, 2), g='\\u00e9\\n', h=r'\\d+', i=1_000,)]`,
      ),
    ).toEqual({
      ok: true,
      calls: [
        {
          name: 'f',
          args: {
            a: "it's",
            b: 'say "hi"',
            c: null,
            d: -3,
            e: 0.001,
            f: [1, 2],
            g: 'é\n',
            h: '\\d+',
            i: 1000,
          },
        },
      ],
    });
  });

  it('reads a bare word as the string it spells, as Llama Stack does, unless strict', () => {
    expect(parsePythonCallList('[get_weather(location=San Francisco, days=2)]')).toEqual({
      ok: true,
      calls: [{ name: 'get_weather', args: { location: 'San Francisco', days: 2 } }],
    });
    expect(parsePythonCallList('[f(x=y)]', { strict: true })).toEqual({
      ok: false,
      error: 'y is not a literal at offset 6',
    });
  });

  it('reports why a list is not a call list', () => {
    expect(parsePythonCallList('[f(x=1, 2)]')).toEqual({
      ok: false,
      error: 'expected a keyword argument (positional arguments are not allowed) at offset 8',
    });
  });
});

describe('parseBuiltinCalls', () => {
  it('reads name.call(query="…") calls', () => {
    expect(parseBuiltinCalls('brave_search.call(query="Who won NBA in 2024?")')).toEqual({
      ok: true,
      calls: [{ name: 'brave_search', args: { query: 'Who won NBA in 2024?' } }],
    });
  });

  it('rejects a call without .call', () => {
    expect(parseBuiltinCalls('brave_search(query="x")').ok).toBe(false);
  });
});

describe('parsePythonLiteral', () => {
  it('reads nested literals', () => {
    expect(parsePythonLiteral("{'a': [1, 2.5, True, None], 'b': {'c': 'd'}}")).toEqual({
      ok: true,
      value: { a: [1, 2.5, true, null], b: { c: 'd' } },
    });
  });
});
