import { z } from 'zod';

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const JsonValue: z.ZodType<JsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.null(),
    z.array(JsonValue),
    z.record(z.string(), JsonValue),
  ]),
);

export const JsonObject = z.record(z.string(), JsonValue);

/** ISO-8601 UTC timestamp, as Llama Stack writes it (`2025-08-01T12:00:00.000Z`). */
export const Timestamp = z.string().min(1);
export type Timestamp = z.infer<typeof Timestamp>;

export function nowTimestamp(): string {
  return new Date().toISOString();
}
