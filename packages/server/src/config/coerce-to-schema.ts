import type { z } from 'zod';

type AnySchema = z.core.$ZodType;
type Definition = AnySchema['_zod']['def'] & {
  innerType?: AnySchema;
  in?: AnySchema;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  options?: readonly AnySchema[];
};

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'nonoptional', 'readonly', 'catch']);

/**
 * `${env.NAME}` in run.yaml always gives a string; where the schema wants a number or a boolean, this turns
 * `"5"` into 5 and `"true"`/`"false"` into booleans, following the schema, so a string field (an API key made
 * of digits) stays a string. Anything it cannot convert is left for the schema to reject with its own message.
 */
export function coerceToSchema(schema: AnySchema, value: unknown): unknown {
  const def = schema._zod.def as Definition;
  if (WRAPPERS.has(def.type) && def.innerType) return coerceToSchema(def.innerType, value);
  if (def.type === 'pipe' && def.in) return coerceToSchema(def.in, value);
  switch (def.type) {
    case 'number':
      return typeof value === 'string' && NUMBER.test(value.trim()) ? Number(value.trim()) : value;
    case 'boolean':
      if (value === 'true') return true;
      if (value === 'false') return false;
      return value;
    case 'object':
      if (!def.shape || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, item]) => {
          const field = def.shape![key];
          return [key, field ? coerceToSchema(field, item) : item];
        }),
      );
    case 'array':
      return Array.isArray(value) && def.element
        ? value.map((item) => coerceToSchema(def.element!, item))
        : value;
    case 'union':
      for (const option of def.options ?? []) {
        const coerced = coerceToSchema(option, value);
        if (coerced !== value) return coerced;
      }
      return value;
    default:
      return value;
  }
}
