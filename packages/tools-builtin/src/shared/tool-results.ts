import { CancelledError, type JsonObject, type ToolResult } from '@llama-stack-ts/api-types';
import type { JsonResponse } from './fetch-json.js';

export type ToolErrorCode =
  | 'invalid_arguments'
  | 'missing_api_key'
  | 'http_error'
  | 'timeout'
  | 'network_error'
  | 'malformed_response'
  | 'upstream_error'
  | 'provider_unavailable'
  | 'internal_error';

/** A failed tool call as the model sees it: the message is the content, so the model can react. */
export function toolError(code: ToolErrorCode, message: string, metadata?: JsonObject): ToolResult {
  return { content: message, error: { message, code }, ...(metadata ? { metadata } : {}) };
}

/** The tool error for a failed JSON request to a named service. */
export function toolErrorFromResponse(
  service: string,
  response: Exclude<JsonResponse, { ok: true }>,
): ToolResult {
  switch (response.kind) {
    case 'http':
      return toolError(
        'http_error',
        `${service} answered HTTP ${response.status}${response.detail ? `: ${response.detail}` : ''}`,
        { status: response.status },
      );
    case 'timeout':
      return toolError('timeout', `${service} did not answer within ${response.timeoutMs} ms`);
    case 'network':
      return toolError('network_error', `${service} could not be reached: ${response.detail}`);
    case 'malformed':
      return toolError(
        'malformed_response',
        `${service} sent an answer that could not be read: ${response.detail}`,
      );
  }
}

/** The `query` argument, or the error to return when it is missing. */
export function queryArgument(args: JsonObject): { query: string } | { error: ToolResult } {
  const query = args.query;
  if (typeof query === 'string' && query.trim() !== '') return { query };
  return {
    error: toolError('invalid_arguments', 'The tool needs a non-empty string argument "query".'),
  };
}

/** A string from per-request provider data (X-LlamaStack-Provider-Data), trying each key in order. */
export function providerDataString(
  providerData: JsonObject | undefined,
  keys: readonly string[],
): string | undefined {
  if (!providerData) return undefined;
  for (const key of keys) {
    const value = providerData[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Runs a tool body so that it keeps the ToolProvider promise: a result always, a throw only on
 * abort. Anything else that escapes becomes an `internal_error` result.
 */
export async function settleAsToolResult(
  signal: AbortSignal | undefined,
  body: () => Promise<ToolResult>,
): Promise<ToolResult> {
  try {
    return await body();
  } catch (error) {
    if (signal?.aborted || error instanceof CancelledError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    return toolError('internal_error', `The tool failed: ${message}`);
  }
}
