import type {
  CallOptions,
  JsonObject,
  ProvidedTool,
  ToolInvocation,
  ToolProvider,
  ToolResult,
} from '@llama-stack-ts/api-types';
import { type ResolvedWebSearchConfig, WebSearchConfig } from '../config.js';
import { type FetchFunction, fetchJson } from '../shared/fetch-json.js';
import { pythonJsonDumps } from '../shared/python-json.js';
import {
  isRecord,
  providerDataString,
  queryArgument,
  settleAsToolResult,
  toolError,
  toolErrorFromResponse,
} from '../shared/tool-results.js';
import { matchesTool, WEB_SEARCH_TOOL } from '../tool-definitions.js';
import { cleanBraveResponse } from './clean-brave-response.js';
import { cleanTavilyResponse } from './clean-tavily-response.js';

export interface WebSearchProviderOptions extends WebSearchConfig {
  fetch?: FetchFunction;
}

const BRAVE_BASE_URL = 'https://api.search.brave.com';
const TAVILY_BASE_URL = 'https://api.tavily.com';

/** Provider-data keys each search service's key may arrive under (Llama Stack's names first). */
const PROVIDER_DATA_KEYS = {
  brave: ['brave_search_api_key', 'api_key'],
  tavily: ['tavily_search_api_key', 'api_key'],
} as const;

const SERVICE_NAMES = { brave: 'Brave Search', tavily: 'Tavily' } as const;

/** `web_search` (the `brave_search` builtin for Llama models) over Brave Search or Tavily. */
export class WebSearchProvider implements ToolProvider {
  readonly id = 'builtin-web-search';
  private readonly config: ResolvedWebSearchConfig;
  private readonly fetch: FetchFunction | undefined;

  constructor(options: WebSearchProviderOptions = {}) {
    const { fetch, ...config } = options;
    this.config = WebSearchConfig.parse(config);
    this.fetch = fetch;
  }

  get provider(): 'brave' | 'tavily' {
    return this.config.provider;
  }

  async listTools(): Promise<ProvidedTool[]> {
    return [WEB_SEARCH_TOOL];
  }

  invoke(invocation: ToolInvocation, options: CallOptions = {}): Promise<ToolResult> {
    return settleAsToolResult(options.signal, () => this.search(invocation, options));
  }

  private async search(invocation: ToolInvocation, options: CallOptions): Promise<ToolResult> {
    if (!matchesTool(WEB_SEARCH_TOOL, invocation.tool_name)) {
      return toolError(
        'invalid_arguments',
        `Unknown tool ${invocation.tool_name}; this provider runs web_search.`,
      );
    }
    const parsed = queryArgument(invocation.arguments);
    if ('error' in parsed) return parsed.error;
    const { provider } = this.config;
    const apiKey =
      providerDataString(invocation.provider_data, PROVIDER_DATA_KEYS[provider]) ?? this.config.apiKey;
    if (!apiKey) {
      return toolError(
        'missing_api_key',
        `No ${SERVICE_NAMES[provider]} API key: set webSearch.apiKey in the config or send ` +
          `X-LlamaStack-Provider-Data {"${PROVIDER_DATA_KEYS[provider][0]}": "<key>"} with the request.`,
      );
    }
    const topK = resultCount(invocation.arguments.max_results) ?? this.config.topK;
    return provider === 'brave'
      ? this.searchBrave(parsed.query, apiKey, topK, options.signal)
      : this.searchTavily(parsed.query, apiKey, topK, options.signal);
  }

  private async searchBrave(
    query: string,
    apiKey: string,
    topK: number,
    signal: AbortSignal | undefined,
  ): Promise<ToolResult> {
    const url = new URL('/res/v1/web/search', this.config.baseUrl ?? BRAVE_BASE_URL);
    url.searchParams.set('q', query);
    const response = await fetchJson({
      url: url.toString(),
      headers: { 'x-subscription-token': apiKey, 'accept-encoding': 'gzip' },
      timeoutMs: this.config.timeoutMs,
      signal,
      fetch: this.fetch,
    });
    if (!response.ok) return toolErrorFromResponse(SERVICE_NAMES.brave, response);
    if (!isRecord(response.json)) return malformed(SERVICE_NAMES.brave, 'expected a JSON object');
    if (response.json.type === 'ErrorResponse') {
      return toolError(
        'upstream_error',
        `Brave Search answered with an error: ${describeBraveError(response.json)}`,
      );
    }
    if (!isRecord(response.json.query) && !isRecord(response.json.mixed)) {
      return malformed(SERVICE_NAMES.brave, 'neither "query" nor "mixed" is in the answer');
    }
    const cleaned = cleanBraveResponse(response.json, topK);
    return {
      content: pythonJsonDumps(cleaned),
      metadata: { provider: 'brave', results: cleaned.top_k.length },
    };
  }

  private async searchTavily(
    query: string,
    apiKey: string,
    topK: number,
    signal: AbortSignal | undefined,
  ): Promise<ToolResult> {
    const url = new URL('/search', this.config.baseUrl ?? TAVILY_BASE_URL);
    const response = await fetchJson({
      url: url.toString(),
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}` },
      body: { query, max_results: topK, search_depth: 'basic' },
      timeoutMs: this.config.timeoutMs,
      signal,
      fetch: this.fetch,
    });
    if (!response.ok) return toolErrorFromResponse(SERVICE_NAMES.tavily, response);
    if (!isRecord(response.json) || !Array.isArray(response.json.results)) {
      return malformed(SERVICE_NAMES.tavily, 'expected an object with a "results" list');
    }
    const cleaned = cleanTavilyResponse(response.json, topK);
    return {
      content: pythonJsonDumps(cleaned),
      metadata: { provider: 'tavily', results: cleaned.top_k.length },
    };
  }
}

/** `max_results` from the toolgroup's args (`{name: 'builtin::websearch', args: {max_results: 5}}`), 1–20. */
function resultCount(value: unknown): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value)) return undefined;
  return Math.min(20, Math.max(1, Math.trunc(value)));
}

function malformed(service: string, detail: string): ToolResult {
  return toolError('malformed_response', `${service} sent an answer that could not be read: ${detail}`);
}

function describeBraveError(body: JsonObject | Record<string, unknown>): string {
  const error = body.error;
  if (isRecord(error)) {
    const detail = typeof error.detail === 'string' ? error.detail : undefined;
    const code = typeof error.code === 'string' ? error.code : undefined;
    if (detail || code) return [code, detail].filter(Boolean).join(': ');
  }
  return 'unknown error';
}
