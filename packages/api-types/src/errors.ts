import type { z } from 'zod';
import type { JsonObject } from './json.js';

/** Base of every error the stack raises on purpose. `code` is stable; `status` is what the server answers. */
export abstract class StackError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  readonly details?: JsonObject;

  constructor(message: string, options?: { cause?: unknown; details?: JsonObject }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    if (options?.details) this.details = options.details;
  }

  toJSON(): { error: { message: string; code: string; details?: JsonObject } } {
    return {
      error: { message: this.message, code: this.code, ...(this.details ? { details: this.details } : {}) },
    };
  }
}

export class InvalidRequestError extends StackError {
  readonly code = 'invalid_request';
  readonly status = 400;
  constructor(
    message: string,
    readonly field?: string,
    options?: { cause?: unknown; details?: JsonObject },
  ) {
    super(message, options);
  }
}

export class UnauthorizedError extends StackError {
  readonly code = 'unauthorized';
  readonly status = 401;
}

export class ForbiddenError extends StackError {
  readonly code = 'forbidden';
  readonly status = 403;
}

export class NotFoundError extends StackError {
  readonly code = 'not_found';
  readonly status = 404;
  constructor(
    readonly resource: string,
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`${resource} ${id} not found`, options);
  }
}

export class ModelNotFoundError extends StackError {
  readonly code = 'model_not_found';
  readonly status = 404;
  constructor(
    readonly model: string,
    readonly hint: string,
    options?: { cause?: unknown },
  ) {
    super(`Model ${model} is not available. ${hint}`, options);
  }
}

/** A second turn while one is running in the same session, or a resume of a turn that is not paused. */
export class ConflictError extends StackError {
  readonly code = 'conflict';
  readonly status = 409;
}

export class PayloadTooLargeError extends StackError {
  readonly code = 'payload_too_large';
  readonly status = 413;
}

export class NotImplementedError extends StackError {
  readonly code = 'not_implemented';
  readonly status = 501;
}

/** A provider (Ollama, a search API, the sandbox) could not be reached or is not installed. */
export class ProviderUnavailableError extends StackError {
  readonly code = 'provider_unavailable';
  readonly status = 503;
}

/** A provider answered with an error or something we could not read. */
export class UpstreamError extends StackError {
  readonly code = 'upstream_error';
  readonly status = 502;
}

export class TimeoutError extends StackError {
  readonly code = 'timeout';
  readonly status = 504;
}

/** The work was cancelled through its AbortSignal. 499 is the de-facto "client closed request". */
export class CancelledError extends StackError {
  readonly code = 'cancelled';
  readonly status = 499;
  constructor(message = 'The operation was cancelled', options?: { cause?: unknown }) {
    super(message, options);
  }
}

export class ConfigError extends StackError {
  readonly code = 'config_error';
  readonly status = 500;
}

export class InternalError extends StackError {
  readonly code = 'internal_error';
  readonly status = 500;
}

export function isStackError(error: unknown): error is StackError {
  return error instanceof StackError;
}

/** Path of a zod issue as `a.b[0].c`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

/** A 400 that names the first invalid field, with every issue in details. */
export function invalidRequestFromZod(error: z.ZodError, prefix?: string): InvalidRequestError {
  const issues = error.issues.map((issue) => {
    const path = formatIssuePath([...(prefix ? [prefix] : []), ...issue.path]);
    return { path, message: issue.message };
  });
  const first = issues[0];
  const message = first
    ? `Invalid value for ${first.path || 'request body'}: ${first.message}`
    : 'Invalid request';
  return new InvalidRequestError(message, first?.path, { cause: error, details: { issues } });
}

/** Parse or throw an InvalidRequestError naming the field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequestFromZod(result.error, prefix);
  return result.data;
}

/** The AbortSignal's reason as a CancelledError. */
export function cancelledFrom(signal: AbortSignal): CancelledError {
  const reason: unknown = signal.reason;
  if (reason instanceof CancelledError) return reason;
  const text = reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : undefined;
  return new CancelledError(text ? `Cancelled: ${text}` : undefined, { cause: reason });
}
