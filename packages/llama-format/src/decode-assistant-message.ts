import type { CompletionMessage, JsonObject, StopReason, ToolCall } from '@llama-stack-ts/api-types';
import { extractToolCalls, type ToolCallSyntax } from './decode-tool-call.js';
import { pythonJsonDumps } from './python-literals.js';
import { messageHeader, SpecialToken } from './special-tokens.js';
import { isBuiltinTool, type ToolDefinitionLike } from './tool-definition.js';

export interface DecodeOptions {
  /**
   * The tools offered to the model (definitions or names). Calls to any other name are reported in
   * `unknown_tool_calls` instead of `tool_calls`. Omit to accept every name; `[]` means no tools were offered.
   */
  tools?: readonly (ToolDefinitionLike | string)[];
  /** Makes call ids; default `crypto.randomUUID()`. */
  newCallId?: () => string;
}

export type DecodeProblem =
  | { kind: 'unknown_tool'; tool_name: string; message: string }
  | { kind: 'unparsed_tool_call'; message: string };

/** A decoded assistant message, plus what the decoder refused to guess. */
export interface DecodedAssistantMessage extends CompletionMessage {
  content: string;
  tool_calls: ToolCall[];
  /** Calls to tools that were not offered: not run, reported here. */
  unknown_tool_calls: ToolCall[];
  problems: DecodeProblem[];
  /** The syntax the tool calls were written in, when there were any. */
  tool_call_syntax?: ToolCallSyntax;
}

/**
 * Decodes raw Llama 3.x output into a message: plain text, builtin calls after `<|python_tag|>`
 * (`brave_search.call(query="…")`, raw code for code_interpreter), `<function=name>{…}</function>`, JSON
 * calls and python-list calls `[f(a='x'), g(b=True)]` — every call of a message. A trailing `<|eot_id|>` sets
 * `end_of_turn`, `<|eom_id|>` `end_of_message`; otherwise the provider's stop reason stands (`out_of_tokens`
 * when there is none). When any call is dropped as unknown, `content` keeps the raw text, as Llama Stack does.
 */
export function decodeAssistantMessage(
  text: string,
  stopReason: StopReason | undefined,
  options: DecodeOptions = {},
): DecodedAssistantMessage {
  const { body, pythonTag, stopReason: finalStopReason } = splitAssistantText(text, stopReason);
  let extracted = extractToolCalls(body, { pythonTag });
  const lateTag = pythonTag ? -1 : body.indexOf(SpecialToken.pythonTag);
  if (!extracted.found && lateTag >= 0) {
    // "Let me look that up.<|python_tag|>brave_search.call(…)": the call after a preamble.
    extracted = extractToolCalls(body.slice(lateTag + SpecialToken.pythonTag.length), { pythonTag: true });
  }
  const problems: DecodeProblem[] = [];
  const message = (content: string, calls: ToolCall[], unknown: ToolCall[]): DecodedAssistantMessage => ({
    role: 'assistant',
    content,
    stop_reason: finalStopReason,
    tool_calls: calls,
    unknown_tool_calls: unknown,
    problems,
    ...(extracted.found ? { tool_call_syntax: extracted.syntax } : {}),
  });
  if (!extracted.found) {
    if (extracted.problem) problems.push({ kind: 'unparsed_tool_call', message: extracted.problem });
    return message(body, [], []);
  }
  const newCallId = options.newCallId ?? (() => globalThis.crypto.randomUUID());
  const offered = options.tools?.map((tool) => (typeof tool === 'string' ? tool : tool.tool_name));
  const known: ToolCall[] = [];
  const unknown: ToolCall[] = [];
  for (const call of extracted.calls) {
    const toolCall = toToolCall(call.name, call.args, extracted.syntax, newCallId());
    if (offered === undefined || offered.includes(toolCall.tool_name)) known.push(toolCall);
    else {
      unknown.push(toolCall);
      problems.push({
        kind: 'unknown_tool',
        tool_name: toolCall.tool_name,
        message: `The model called ${toolCall.tool_name}, which is not among the offered tools (${offered.join(', ') || 'none'})`,
      });
    }
  }
  return message(unknown.length > 0 ? body : '', known, unknown);
}

/** Removes the assistant header, `<|python_tag|>` and the stop token; the stop token sets the stop reason. */
export function splitAssistantText(
  text: string,
  stopReason: StopReason | undefined,
): { body: string; pythonTag: boolean; stopReason: StopReason } {
  let body = text.replace(/^ +| +$/g, '');
  const header = messageHeader('assistant');
  if (body.startsWith(header)) body = body.slice(header.length);
  const pythonTag = body.startsWith(SpecialToken.pythonTag);
  if (pythonTag) body = body.slice(SpecialToken.pythonTag.length);
  let reason = stopReason ?? 'out_of_tokens';
  if (body.endsWith(SpecialToken.endOfTurn)) {
    body = body.slice(0, -SpecialToken.endOfTurn.length);
    reason = 'end_of_turn';
  } else if (body.endsWith(SpecialToken.endOfMessage)) {
    body = body.slice(0, -SpecialToken.endOfMessage.length);
    reason = 'end_of_message';
  }
  return { body, pythonTag, stopReason: reason };
}

/**
 * A builtin tool written in a custom syntax (`<function=brave_search>{"query": "x"}`) becomes the builtin
 * with its first argument as `query`, as Llama Stack does.
 */
function toToolCall(name: string, args: JsonObject, syntax: ToolCallSyntax, callId: string): ToolCall {
  let argumentsObject = args;
  if (isBuiltinTool(name) && name !== 'code_interpreter' && syntax !== 'builtin' && !('query' in args)) {
    const first = Object.values(args)[0];
    argumentsObject = first === undefined ? {} : { query: first };
  }
  return {
    call_id: callId,
    tool_name: name,
    arguments: argumentsObject,
    // Llama Stack fills arguments_json with Python's json.dumps.
    arguments_json: pythonJsonDumps(argumentsObject),
  };
}
