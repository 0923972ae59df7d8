import type { JsonObject, JsonValue } from '@llama-stack-ts/api-types';

/** One call as the model wrote it: `get_weather(city='SF')` → { name: 'get_weather', args: { city: 'SF' } }. */
export interface PythonCall {
  name: string;
  args: JsonObject;
}

export type PythonParseResult = { ok: true; calls: PythonCall[] } | { ok: false; error: string };

/**
 * Parses a Llama 3.2 tool-call list, `[f(a='x', b=True), g(c=[1, 2])]`: one non-empty list of calls to
 * plain names with keyword arguments only, the values Python literals (strings in either quote style,
 * numbers, True/False/None, lists, tuples, dicts). JSON's true/false/null are accepted too.
 *
 * Like Llama Stack's own parser, a bare word where a value belongs (`location=Paris`) is read as the string
 * it spells, unless `strict`; every argument must still be a keyword argument.
 */
export function parsePythonCallList(text: string, options: { strict?: boolean } = {}): PythonParseResult {
  const strict = attempt(text, (parser) => parser.callList());
  if (strict.ok || options.strict) return strict;
  const lenient = attempt(text, (parser) => parser.callList(), { bareWords: true });
  return lenient.ok ? lenient : strict;
}

/**
 * Parses builtin-tool calls, `brave_search.call(query="…")`, one or more separated by whitespace or `;`.
 * The tool name is the part before `.call`.
 */
export function parseBuiltinCalls(text: string): PythonParseResult {
  return attempt(text, (parser) => {
    const calls: PythonCall[] = [];
    do {
      const call = parser.call({ dotted: true });
      if (!call.name.endsWith('.call')) parser.fail(`expected name.call(...), got ${call.name}(...)`);
      calls.push({ name: call.name.slice(0, -'.call'.length), args: call.args });
      parser.take(';');
    } while (!parser.atEnd());
    return calls;
  });
}

/** Parses one Python literal (`'x'`, `3.5`, `True`, `[1, {'a': None}]`) into JSON. */
export function parsePythonLiteral(
  text: string,
): { ok: true; value: JsonValue } | { ok: false; error: string } {
  try {
    const parser = new Parser(text);
    const value = parser.value();
    parser.end();
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

function attempt(
  text: string,
  parse: (parser: Parser) => PythonCall[],
  options: { bareWords?: boolean } = {},
): PythonParseResult {
  try {
    const parser = new Parser(text, options.bareWords ?? false);
    const calls = parse(parser);
    parser.end();
    return { ok: true, calls };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /[+-]?(?:0[xX][0-9a-fA-F_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)/y;
const STRING_PREFIX = /[rRuU]?(?="|')/y;
const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  a: '\x07',
  '0': '\0',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '\n': '',
};

class Parser {
  private position = 0;
  constructor(
    private readonly text: string,
    private readonly bareWords = false,
  ) {}

  callList(): PythonCall[] {
    this.expect('[');
    const calls: PythonCall[] = [this.call({ dotted: false })];
    while (this.take(',')) {
      if (this.peek() === ']') break;
      calls.push(this.call({ dotted: false }));
    }
    this.expect(']');
    return calls;
  }

  fail(message: string): never {
    throw new SyntaxError(`${message} at offset ${this.position}`);
  }

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) this.position++;
  }

  peek(): string | undefined {
    this.skipSpace();
    return this.text[this.position];
  }

  take(token: string): boolean {
    this.skipSpace();
    if (this.text.startsWith(token, this.position)) {
      this.position += token.length;
      return true;
    }
    return false;
  }

  expect(token: string): void {
    if (!this.take(token)) this.fail(`expected '${token}'`);
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.position >= this.text.length;
  }

  end(): void {
    if (!this.atEnd()) this.fail('unexpected text after the expression');
  }

  private identifier(): string | undefined {
    this.skipSpace();
    IDENTIFIER.lastIndex = this.position;
    const match = IDENTIFIER.exec(this.text);
    if (!match) return undefined;
    this.position += match[0].length;
    return match[0];
  }

  call(options: { dotted: boolean }): PythonCall {
    let name = this.identifier() ?? this.fail('expected a function name');
    while (options.dotted && this.text[this.position] === '.') {
      this.position++;
      name += `.${this.identifier() ?? this.fail('expected a name after "."')}`;
    }
    this.expect('(');
    const args: JsonObject = {};
    while (!this.take(')')) {
      const key =
        this.identifier() ?? this.fail('expected a keyword argument (positional arguments are not allowed)');
      if (!this.take('=') || this.text[this.position] === '=') this.fail(`expected '=' after ${key}`);
      if (Object.hasOwn(args, key)) this.fail(`keyword argument ${key} repeated`);
      args[key] = this.value();
      if (!this.take(',')) {
        this.expect(')');
        break;
      }
    }
    return { name, args };
  }

  value(): JsonValue {
    const next = this.peek();
    if (next === undefined) this.fail('expected a value');
    if (next === '[') return this.sequence('[', ']');
    if (next === '(') return this.sequence('(', ')');
    if (next === '{') return this.dict();
    STRING_PREFIX.lastIndex = this.position;
    const prefix = STRING_PREFIX.exec(this.text);
    if (prefix) return this.string(prefix[0].toLowerCase() === 'r', prefix[0].length);
    NUMBER.lastIndex = this.position;
    const number = NUMBER.exec(this.text);
    if (number && number[0] !== '+' && number[0] !== '-') {
      this.position += number[0].length;
      const literal = number[0].replaceAll('_', '');
      const value = /^[+-]?0[xX]/.test(literal) ? Number.parseInt(literal, 16) : Number(literal);
      if (Number.isNaN(value)) this.fail(`invalid number ${number[0]}`);
      return value;
    }
    if (this.bareWords) {
      const bare = /[^,()[\]{}'"=]+/y;
      bare.lastIndex = this.position;
      const match = bare.exec(this.text);
      const word = match?.[0].trim();
      if (match && word && !['True', 'False', 'None', 'true', 'false', 'null'].includes(word)) {
        this.position += match[0].length;
        return word;
      }
    }
    const word = this.identifier();
    switch (word) {
      case 'True':
      case 'true':
        return true;
      case 'False':
      case 'false':
        return false;
      case 'None':
      case 'null':
        return null;
    }
    return this.fail(word ? `${word} is not a literal` : 'expected a value');
  }

  private sequence(open: string, close: string): JsonValue[] {
    this.expect(open);
    const items: JsonValue[] = [];
    while (!this.take(close)) {
      items.push(this.value());
      if (!this.take(',')) {
        this.expect(close);
        break;
      }
    }
    return items;
  }

  private dict(): JsonObject {
    this.expect('{');
    const out: JsonObject = {};
    while (!this.take('}')) {
      const key = this.value();
      if (key !== null && typeof key === 'object') this.fail('dict keys must be literals');
      this.expect(':');
      out[typeof key === 'string' ? key : JSON.stringify(key)] = this.value();
      if (!this.take(',')) {
        this.expect('}');
        break;
      }
    }
    return out;
  }

  private string(raw: boolean, prefixLength: number): string {
    this.position += prefixLength;
    const quote = this.text[this.position]!;
    const triple = this.text.startsWith(quote.repeat(3), this.position);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.position += delimiter.length;
    let out = '';
    while (true) {
      if (this.position >= this.text.length) this.fail('unterminated string');
      if (this.text.startsWith(delimiter, this.position)) {
        this.position += delimiter.length;
        return out;
      }
      const char = this.text[this.position]!;
      if (char === '\n' && !triple) this.fail('newline in string');
      if (char !== '\\' || raw) {
        out += char;
        this.position++;
        continue;
      }
      out += this.escape();
    }
  }

  private escape(): string {
    const next = this.text[this.position + 1];
    if (next === undefined) this.fail('unterminated escape');
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      this.position += 2;
      return simple;
    }
    const width = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = this.text.slice(this.position + 2, this.position + 2 + width);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== width) this.fail(`invalid \\${next} escape`);
      this.position += 2 + width;
      return String.fromCodePoint(Number.parseInt(hex, 16));
    }
    // Python keeps unknown escapes as written.
    this.position += 2;
    return `\\${next}`;
  }
}
