import type { JsonValue } from '@llama-stack-ts/api-types';

export interface PythonJsonOptions {
  /** `sort_keys=True` (jinja's `tojson` sorts). */
  sortKeys?: boolean;
  /** jinja's `tojson`: `<`, `>`, `&` and `'` written as `\u003c` … so the JSON is safe inside HTML. */
  htmlSafe?: boolean;
  /** `indent=N`: one item per line. Without it Python separates with `, ` and `: `. */
  indent?: number;
}

/**
 * Python's `json.dumps` (ensure_ascii on, default separators), which is what Llama Stack puts in prompts.
 * It differs from `JSON.stringify` in spacing, in escaping every non-ASCII character, and in float text.
 */
export function pythonJsonDumps(value: JsonValue | undefined, options: PythonJsonOptions = {}): string {
  const text = dump(value ?? null, options, 0);
  return options.htmlSafe ? htmlSafe(text) : text;
}

function dump(value: JsonValue, options: PythonJsonOptions, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return pythonNumber(value, 'json');
  if (typeof value === 'string') return pythonJsonString(value);
  const { indent } = options;
  const open = indent === undefined ? '' : `\n${' '.repeat(indent * (depth + 1))}`;
  const close = indent === undefined ? '' : `\n${' '.repeat(indent * depth)}`;
  const separator = indent === undefined ? ', ' : `,${open}`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[${open}${value.map((item) => dump(item, options, depth + 1)).join(separator)}${close}]`;
  }
  const keys = Object.keys(value);
  if (options.sortKeys) keys.sort();
  const entries = keys.flatMap((key) => {
    const item = value[key];
    return item === undefined ? [] : [`${pythonJsonString(key)}: ${dump(item, options, depth + 1)}`];
  });
  if (entries.length === 0) return '{}';
  return `{${open}${entries.join(separator)}${close}}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal with ensure_ascii: everything outside printable ASCII as `\uXXXX` (lower-case hex). */
export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const code = text.charCodeAt(i);
    const short = SHORT_ESCAPES[char];
    if (short) out += short;
    else if (code >= 0x20 && code <= 0x7e) out += char;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

function htmlSafe(text: string): string {
  return text
    .replaceAll('<', '\\u003c')
    .replaceAll('>', '\\u003e')
    .replaceAll('&', '\\u0026')
    .replaceAll("'", '\\u0027');
}

/**
 * A number as Python prints it. JSON numbers lose the int/float distinction, so integral values print as
 * ints; other values use Python's float repr (exponent below 1e-4 and from 1e16, `1e-05` style).
 */
export function pythonNumber(value: number, flavour: 'json' | 'python'): string {
  if (Number.isNaN(value)) return flavour === 'json' ? 'NaN' : 'nan';
  if (!Number.isFinite(value)) {
    if (flavour === 'json') return value > 0 ? 'Infinity' : '-Infinity';
    return value > 0 ? 'inf' : '-inf';
  }
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return String(value);
  return pythonFloatRepr(value);
}

function pythonFloatRepr(value: number): string {
  const [mantissa = '', exponentText = '0'] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exponent < -4 || exponent >= 16) {
    const rest = digits.slice(1);
    const expSign = exponent < 0 ? '-' : '+';
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${rest ? `.${rest}` : ''}e${expSign}${expDigits}`;
  }
  if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1);
  return `${sign}${intPart}.${fraction || '0'}`;
}

/** Python's `str()` of a JSON value: `True`, `None`, `['a', 1]`, `{'k': 'v'}`; strings as they are. */
export function pythonStr(value: JsonValue): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

/** Python's `repr()` of a JSON value. */
export function pythonRepr(value: JsonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value, 'python');
  if (typeof value === 'string') return pythonStringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`);
  return `{${entries.join(', ')}}`;
}

function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char < ' ' || char === '\x7f') out += `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += char;
  }
  return out + quote;
}
