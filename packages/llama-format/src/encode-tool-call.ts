import {
  type JsonObject,
  type JsonValue,
  type ToolCall,
  type ToolPromptFormat,
  toolCallArguments,
} from '@llama-stack-ts/api-types';
import { pythonJsonDumps, pythonNumber } from './python-literals.js';

/**
 * A tool call as the assistant wrote it, for re-encoding history. Builtin search tools use their
 * `name.call(query="…")` syntax, code_interpreter its raw code, custom tools the given format.
 */
export function encodeToolCall(call: ToolCall, format: ToolPromptFormat): string {
  switch (call.tool_name) {
    case 'brave_search':
    case 'wolfram_alpha':
    case 'photogen':
      return `${call.tool_name}.call(query=${pythonQuote(queryOf(call))})`;
    case 'code_interpreter':
      return codeOf(call);
  }
  const args = toolCallArguments(call);
  switch (format) {
    case 'json':
      return pythonJsonDumps({ type: 'function', name: call.tool_name, parameters: args });
    case 'function_tag':
      return `<function=${call.tool_name}>${pythonJsonDumps(args)}</function>`;
    case 'python_list':
      return `[${pythonCall(call.tool_name, args)}]`;
  }
}

/**
 * The tool calls of one assistant message. Consecutive custom calls in python_list form share one list,
 * `[a(x=1), b(y=2)]`, which is how the model writes several calls (Llama Stack v0.2 wrote `[a(x=1)][b(y=2)]`).
 */
export function encodeToolCalls(calls: readonly ToolCall[], format: ToolPromptFormat): string {
  if (format !== 'python_list') return calls.map((call) => encodeToolCall(call, format)).join('');
  let out = '';
  let pending: string[] = [];
  const flush = () => {
    if (pending.length > 0) out += `[${pending.join(', ')}]`;
    pending = [];
  };
  for (const call of calls) {
    if (isBuiltinCall(call)) {
      flush();
      out += encodeToolCall(call, format);
    } else {
      pending.push(pythonCall(call.tool_name, toolCallArguments(call)));
    }
  }
  flush();
  return out;
}

function isBuiltinCall(call: ToolCall): boolean {
  return ['brave_search', 'wolfram_alpha', 'photogen', 'code_interpreter'].includes(call.tool_name);
}

/** `name(k1="v", k2=3, k3=True)`: strings double-quoted, other values as Python literals. */
export function pythonCall(name: string, args: JsonObject): string {
  const rendered = Object.entries(args).map(([key, value]) => `${key}=${pythonValue(value)}`);
  return `${name}(${rendered.join(', ')})`;
}

function pythonValue(value: JsonValue): string {
  if (value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pythonNumber(value, 'python');
  // JSON string escapes are valid Python escapes; a plain string prints exactly as Llama Stack's `"{value}"`.
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonValue).join(', ')}]`;
  const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonValue(item)}`);
  return `{${entries.join(', ')}}`;
}

function queryOf(call: ToolCall): string {
  const args = toolCallArguments(call);
  const query = args.query ?? Object.values(args)[0] ?? '';
  return typeof query === 'string' ? query : JSON.stringify(query);
}

/** `"query"`; quotes and backslashes escaped so the call parses back (Llama Stack wrote them raw). */
function pythonQuote(text: string): string {
  return JSON.stringify(text);
}

function codeOf(call: ToolCall): string {
  if (typeof call.arguments === 'string') {
    const args = toolCallArguments(call);
    return typeof args.code === 'string' ? args.code : call.arguments;
  }
  const code = call.arguments.code;
  return typeof code === 'string' ? code : '';
}
