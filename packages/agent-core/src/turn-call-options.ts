import { type CallOptions, InvalidRequestError, type JsonObject } from '@llama-stack-ts/api-types';

/** What `createTurn` / `resumeTurn` take besides the request: the abort signal and per-request data. */
export interface TurnCallOptions extends CallOptions {
  /**
   * Per-request secrets for tools (Llama Stack's `X-LlamaStack-Provider-Data` header), such as
   * `brave_search_api_key`, `tavily_search_api_key`, `wolfram_alpha_api_key`. Every tool call of this
   * request gets it as `provider_data`; it is never stored, so a resumed turn uses the resume request's.
   */
  providerData?: JsonObject;
}

/** The provider data of a call, checked to be a JSON object (a 400 naming the header otherwise). */
export function providerDataOf(options: TurnCallOptions): JsonObject | undefined {
  const { providerData } = options;
  if (providerData === undefined) return undefined;
  if (typeof providerData !== 'object' || providerData === null || Array.isArray(providerData)) {
    throw new InvalidRequestError(
      'Provider data must be a JSON object, e.g. {"brave_search_api_key": "…"}',
      'X-LlamaStack-Provider-Data',
    );
  }
  return providerData;
}
