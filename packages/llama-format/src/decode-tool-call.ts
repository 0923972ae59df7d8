import type { JsonObject, JsonValue } from '@llama-stack-ts/api-types';
import { parseBuiltinCalls, parsePythonCallList, type PythonCall } from './python-list-parser.js';

/** The syntax a tool call was written in. */
export type ToolCallSyntax = 'function_tag' | 'json' | 'python_list' | 'builtin' | 'code';

export type ExtractResult =
  | { found: true; syntax: ToolCallSyntax; calls: PythonCall[] }
  | { found: false; problem?: string };

/**
 * Finds the tool calls in an assistant body (python tag, header and stop token already removed), in Llama
 * Stack's order: `<function=…>` tags, then a body that is JSON call(s), then a python list of calls, then
 * builtin `name.call(query=…)` calls. A body after `<|python_tag|>` that is none of these is code for
 * code_interpreter. Unlike Llama Stack, every call of a message is returned, not only the first.
 */
export function extractToolCalls(body: string, options: { pythonTag: boolean }): ExtractResult {
  const trimmed = body.trim();
  const problems: string[] = [];

  const tagged = extractFunctionTags(body);
  if (tagged.calls.length > 0) return { found: true, syntax: 'function_tag', calls: tagged.calls };
  if (tagged.problem) problems.push(tagged.problem);

  if (trimmed.startsWith('{') || trimmed.startsWith('[{')) {
    const json = extractJsonCalls(trimmed);
    if (json.calls) return { found: true, syntax: 'json', calls: json.calls };
    if (json.problem) problems.push(json.problem);
  }

  if (trimmed.startsWith('[')) {
    const list = parsePythonCallList(trimmed);
    if (list.ok) return { found: true, syntax: 'python_list', calls: list.calls };
    if (/^\[\s*[A-Za-z_][\w]*\s*\(/.test(trimmed))
      problems.push(`not a valid python list of calls: ${list.error}`);
  }

  if (/^[A-Za-z_]\w*\.call\s*\(/.test(trimmed)) {
    const builtin = parseBuiltinCalls(trimmed);
    if (builtin.ok) return { found: true, syntax: 'builtin', calls: builtin.calls };
    problems.push(`not a valid builtin tool call: ${builtin.error}`);
  }

  if (options.pythonTag && trimmed !== '') {
    return { found: true, syntax: 'code', calls: [{ name: 'code_interpreter', args: { code: body } }] };
  }
  return problems.length > 0 ? { found: false, problem: problems.join('; ') } : { found: false };
}

const FUNCTION_TAG = /<function=([^>}\n]+)>/g;

/** Every `<function=name>{json}</function>` (closing tag optional), arguments read as balanced JSON. */
function extractFunctionTags(body: string): { calls: PythonCall[]; problem?: string } {
  const calls: PythonCall[] = [];
  let problem: string | undefined;
  let consumedUpTo = 0;
  for (const match of body.matchAll(FUNCTION_TAG)) {
    // A tag inside the arguments of the previous call is text of that call.
    if (match.index < consumedUpTo) continue;
    const name = match[1]!.trim().replace(/^"(.*)"$/, '$1');
    const start = match.index + match[0].length;
    const json = balancedJson(body, start);
    consumedUpTo = start + (json?.length ?? 0);
    const args =
      json === undefined ? undefined : (parseJsonObject(json) ?? parseJsonObject(json.replaceAll("'", '"')));
    if (args) calls.push({ name, args });
    else problem = `the arguments of <function=${name}> are not a JSON object`;
  }
  return problem === undefined ? { calls } : { calls, problem };
}

/**
 * A body made of JSON tool calls: one object, a list of objects, or objects separated by `;` / newlines.
 * Each is `{"type": "function", "name", "parameters"}` or `{"name", "parameters"}` (`arguments` accepted).
 */
function extractJsonCalls(body: string): { calls?: PythonCall[]; problem?: string } {
  const values: JsonValue[] = [];
  const whole = parseJson(body);
  if (whole !== undefined) {
    if (Array.isArray(whole)) values.push(...whole);
    else values.push(whole);
  } else {
    let position = 0;
    while (position < body.length) {
      while (position < body.length && /[\s;,]/.test(body[position]!)) position++;
      if (position >= body.length) break;
      const json = body[position] === '{' ? balancedJson(body, position) : undefined;
      const value = json === undefined ? undefined : parseJson(json);
      if (json === undefined || value === undefined) return {};
      values.push(value);
      position += json.length;
    }
  }
  if (values.length === 0) return {};
  const calls: PythonCall[] = [];
  for (const value of values) {
    if (!isObject(value)) return {};
    const callKeys = Object.keys(value).every((key) => CALL_KEYS.has(key));
    const looksLikeCall = value.type === 'function' || (typeof value.name === 'string' && callKeys);
    if (!looksLikeCall) return {};
    const args = value.parameters ?? value.arguments;
    if (typeof value.name !== 'string') return { problem: 'a JSON tool call has no "name"' };
    if (args === undefined) return { problem: `the JSON tool call ${value.name} has no "parameters"` };
    const parsedArgs = typeof args === 'string' ? parseJsonObject(args) : args;
    if (!isObject(parsedArgs))
      return { problem: `the parameters of the JSON tool call ${value.name} are not an object` };
    calls.push({ name: value.name, args: parsedArgs });
  }
  return { calls };
}

const CALL_KEYS = new Set(['type', 'name', 'parameters', 'arguments']);

/** The JSON object starting at `start` (after optional spaces), up to its balanced closing brace. */
export function balancedJson(text: string, start: number): string | undefined {
  let position = start;
  while (position < text.length && /\s/.test(text[position]!)) position++;
  if (text[position] !== '{') return undefined;
  const begin = position;
  let depth = 0;
  let quote: string | undefined;
  for (; position < text.length; position++) {
    const char = text[position]!;
    if (quote) {
      if (char === '\\') position++;
      else if (char === quote) quote = undefined;
      continue;
    }
    if (char === '"' || char === "'") quote = char;
    else if (char === '{' || char === '[') depth++;
    else if (char === '}' || char === ']') {
      depth--;
      if (depth === 0) return text.slice(begin, position + 1);
    }
  }
  return undefined;
}

function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

function parseJsonObject(text: string): JsonObject | undefined {
  const value = parseJson(text);
  return isObject(value) ? value : undefined;
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
