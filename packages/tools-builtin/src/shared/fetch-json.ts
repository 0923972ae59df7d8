import { cancelledFrom } from '@llama-stack-ts/api-types';

export type FetchFunction = typeof globalThis.fetch;

export interface JsonRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: FetchFunction;
  /** Largest response body read, in bytes; a bigger body is a malformed answer. */
  maxBytes?: number;
}

export type JsonResponse =
  | { ok: true; status: number; json: unknown }
  | { ok: false; kind: 'http'; status: number; detail: string }
  | { ok: false; kind: 'timeout'; timeoutMs: number }
  | { ok: false; kind: 'network'; detail: string }
  | { ok: false; kind: 'malformed'; status: number; detail: string };

const DEFAULT_MAX_BYTES = 8 * 1024 * 1024;

/**
 * One HTTP request whose answer is JSON. Every failure is a value, never a throw, except the caller's
 * abort, which throws a CancelledError.
 */
export async function fetchJson(request: JsonRequest): Promise<JsonResponse> {
  const { signal } = request;
  if (signal?.aborted) throw cancelledFrom(signal);
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const doFetch = request.fetch ?? globalThis.fetch;
  const failed = (error: unknown): JsonResponse => {
    if (signal?.aborted) throw cancelledFrom(signal);
    if (timeout.aborted) return { ok: false, kind: 'timeout', timeoutMs: request.timeoutMs };
    return { ok: false, kind: 'network', detail: describeNetworkError(error) };
  };

  let response: Response;
  try {
    response = await doFetch(request.url, {
      method: request.method ?? 'GET',
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...request.headers,
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: combined,
    });
  } catch (error) {
    return failed(error);
  }

  let text: string;
  try {
    text = await readLimited(response, request.maxBytes ?? DEFAULT_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return { ok: false, kind: 'malformed', status: response.status, detail: error.message };
    }
    return failed(error);
  }

  if (!response.ok) return { ok: false, kind: 'http', status: response.status, detail: errorDetail(text) };
  try {
    return { ok: true, status: response.status, json: JSON.parse(text) };
  } catch {
    return {
      ok: false,
      kind: 'malformed',
      status: response.status,
      detail: `the body is not JSON (starts with ${JSON.stringify(text.slice(0, 60))})`,
    };
  }
}

class BodyTooLargeError extends Error {}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new BodyTooLargeError(`the body is larger than ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The error message a JSON error body carries, or the start of the body. */
function errorDetail(text: string): string {
  try {
    const found = findMessage(JSON.parse(text), 0);
    if (found) return found.slice(0, 300);
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.trim().replace(/\s+/g, ' ').slice(0, 200);
}

const MESSAGE_KEYS = ['detail', 'message', 'msg', 'error', 'error_description'];

function findMessage(value: unknown, depth: number): string | undefined {
  if (depth > 4 || value === null || typeof value !== 'object') return undefined;
  const record = value as Record<string, unknown>;
  for (const key of MESSAGE_KEYS) {
    const item = record[key];
    if (typeof item === 'string' && item.trim() !== '') return item;
  }
  for (const key of MESSAGE_KEYS) {
    const nested = findMessage(record[key], depth + 1);
    if (nested) return nested;
  }
  return undefined;
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}
