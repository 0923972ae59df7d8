import { InvalidRequestError, parseOrThrow } from '@llama-stack-ts/api-types';
import type { Context } from 'hono';
import type { z } from 'zod';

/** The JSON body validated by a zod schema; 400 naming the field otherwise. */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const text = await c.req.text();
  if (text.trim() === '') throw new InvalidRequestError('The request needs a JSON body', 'body');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(`Request body is not valid JSON: ${(error as Error).message}`, 'body', {
      cause: error,
    });
  }
  return parseOrThrow(schema, value);
}

/** Query parameters validated by a zod schema (repeated keys become arrays only where `lists` says so). */
export function readQuery<S extends z.ZodType>(
  c: Context,
  schema: S,
  lists: readonly string[] = [],
): z.output<S> {
  const single = c.req.query();
  const value: Record<string, unknown> = { ...single };
  for (const name of lists) {
    const all = c.req.queries(name);
    if (all) value[name] = all;
  }
  return parseOrThrow(schema, value);
}

/**
 * `turn_ids` as llama-stack-client sends it (`turn_ids=a%2Cb`, comma-joined) and as FastAPI clients do
 * (`turn_ids=a&turn_ids=b`), or both mixed.
 */
export function splitListParam(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const ids = values
    .flatMap((value) => value.split(','))
    .map((id) => id.trim())
    .filter((id) => id !== '');
  return ids;
}

/** A path parameter the route pattern guarantees. */
export function pathParam(c: Context, name: string): string {
  const value = c.req.param(name);
  if (value === undefined) throw new InvalidRequestError(`Missing path parameter ${name}`, name);
  return value;
}
