import { InvalidRequestError, type JsonObject } from '@llama-stack-ts/api-types';
import type { Context } from 'hono';

export const PROVIDER_DATA_HEADER = 'X-LlamaStack-Provider-Data';

/** How the OpenAPI document describes the header on the routes that read it. */
export const providerDataHeaderDoc = {
  name: PROVIDER_DATA_HEADER,
  description:
    'Per-request tool keys as a JSON object, e.g. {"brave_search_api_key": "…"}; passed to every tool call, never stored or logged',
};

const notAnObject = () =>
  new InvalidRequestError(
    `${PROVIDER_DATA_HEADER} must be a JSON object, e.g. {"brave_search_api_key": "…"}`,
    PROVIDER_DATA_HEADER,
  );

/**
 * Per-request secrets for tools (a Brave, Tavily or Wolfram Alpha key) as Llama Stack clients send them: a JSON
 * object in a header. Undefined when the header is absent; a 400 naming the header when it is not a JSON object.
 * Never log what this returns.
 */
export function readProviderData(c: Context): JsonObject | undefined {
  const header = c.req.header(PROVIDER_DATA_HEADER);
  if (header === undefined || header.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(header);
  } catch {
    throw notAnObject();
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw notAnObject();
  return value as JsonObject;
}
