import {
  type ErrorFrame,
  InternalError,
  InvalidRequestError,
  isStackError,
  invalidRequestFromZod,
  type StackError,
} from '@llama-stack-ts/api-types';
import { ZodError } from 'zod';

/** Any thrown value as the StackError the client should see. Unknown errors hide their message. */
export function toStackError(error: unknown): StackError {
  if (isStackError(error)) return error;
  if (error instanceof ZodError) return invalidRequestFromZod(error);
  if (error instanceof SyntaxError) {
    return new InvalidRequestError(`Request body is not valid JSON: ${error.message}`, undefined, {
      cause: error,
    });
  }
  return new InternalError(
    'Internal server error: an unexpected error occurred. The server log has the details.',
    {
      cause: error,
    },
  );
}

export function errorFrame(error: StackError): ErrorFrame {
  return error.toJSON();
}

/** HTTP status for an error; 499 (cancelled) is not a real status, so clients get it only in logs. */
export function httpStatusOf(error: StackError): number {
  return error.status >= 400 && error.status <= 599 ? error.status : 500;
}
