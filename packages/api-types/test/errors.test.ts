import { describe, expect, it } from 'vitest';
import {
  CancelledError,
  cancelledFrom,
  ConflictError,
  isStackError,
  ModelNotFoundError,
  NotFoundError,
  PayloadTooLargeError,
  ProviderUnavailableError,
  StackError,
  UnauthorizedError,
} from '../src/index.js';

describe('typed errors', () => {
  it.each([
    [new NotFoundError('Session', 's1'), 'not_found', 404, 'Session s1 not found'],
    [new ConflictError('A turn is already running in session s1'), 'conflict', 409, undefined],
    [new UnauthorizedError('Missing bearer token'), 'unauthorized', 401, undefined],
    [new PayloadTooLargeError('Body over 1 MiB'), 'payload_too_large', 413, undefined],
    [new ProviderUnavailableError('Ollama is not reachable'), 'provider_unavailable', 503, undefined],
    [
      new ModelNotFoundError('llama3.2:3b', 'Run: ollama pull llama3.2:3b'),
      'model_not_found',
      404,
      'Model llama3.2:3b is not available. Run: ollama pull llama3.2:3b',
    ],
  ])('%s has a stable code and status', (error, code, status, message) => {
    expect(error).toBeInstanceOf(StackError);
    expect(isStackError(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.name).toBe(error.constructor.name);
    if (message) expect(error.message).toBe(message);
    expect(error.toJSON()).toEqual({ error: { message: error.message, code } });
  });

  it('turns an abort reason into a CancelledError keeping the cause', () => {
    const controller = new AbortController();
    controller.abort(new Error('client disconnected'));
    const error = cancelledFrom(controller.signal);
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.message).toBe('Cancelled: client disconnected');
    expect((error.cause as Error).message).toBe('client disconnected');
  });

  it('is not confused with plain errors', () => {
    expect(isStackError(new Error('x'))).toBe(false);
  });
});
