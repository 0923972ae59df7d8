import type {
  CallOptions,
  ProvidedTool,
  ToolInvocation,
  ToolProvider,
  ToolResult,
} from '@llama-stack-ts/api-types';
import { type ResolvedWolframAlphaConfig, WolframAlphaConfig } from '../config.js';
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
import { matchesTool, WOLFRAM_ALPHA_TOOL } from '../tool-definitions.js';
import { cleanWolframResponse } from './clean-wolfram-response.js';

export interface WolframAlphaProviderOptions extends WolframAlphaConfig {
  fetch?: FetchFunction;
}

const WOLFRAM_BASE_URL = 'https://api.wolframalpha.com';
const PROVIDER_DATA_KEYS = ['wolfram_alpha_api_key', 'api_key'] as const;
const SERVICE = 'Wolfram Alpha';

/** `wolfram_alpha` over the Wolfram Alpha Full Results API (v2, JSON output), as the seed called it. */
export class WolframAlphaProvider implements ToolProvider {
  readonly id = 'builtin-wolfram-alpha';
  private readonly config: ResolvedWolframAlphaConfig;
  private readonly fetch: FetchFunction | undefined;

  constructor(options: WolframAlphaProviderOptions = {}) {
    const { fetch, ...config } = options;
    this.config = WolframAlphaConfig.parse(config);
    this.fetch = fetch;
  }

  async listTools(): Promise<ProvidedTool[]> {
    return [WOLFRAM_ALPHA_TOOL];
  }

  invoke(invocation: ToolInvocation, options: CallOptions = {}): Promise<ToolResult> {
    return settleAsToolResult(options.signal, () => this.ask(invocation, options));
  }

  private async ask(invocation: ToolInvocation, options: CallOptions): Promise<ToolResult> {
    if (!matchesTool(WOLFRAM_ALPHA_TOOL, invocation.tool_name)) {
      return toolError(
        'invalid_arguments',
        `Unknown tool ${invocation.tool_name}; this provider runs wolfram_alpha.`,
      );
    }
    const parsed = queryArgument(invocation.arguments);
    if ('error' in parsed) return parsed.error;
    const apiKey = providerDataString(invocation.provider_data, PROVIDER_DATA_KEYS) ?? this.config.apiKey;
    if (!apiKey) {
      return toolError(
        'missing_api_key',
        `No ${SERVICE} app id: set wolframAlpha.apiKey in the config or send ` +
          `X-LlamaStack-Provider-Data {"${PROVIDER_DATA_KEYS[0]}": "<app id>"} with the request.`,
      );
    }
    const url = new URL('/v2/query', this.config.baseUrl ?? WOLFRAM_BASE_URL);
    url.searchParams.set('input', parsed.query);
    url.searchParams.set('appid', apiKey);
    url.searchParams.set('format', 'plaintext');
    url.searchParams.set('output', 'json');
    const response = await fetchJson({
      url: url.toString(),
      timeoutMs: this.config.timeoutMs,
      signal: options.signal,
      fetch: this.fetch,
    });
    if (!response.ok) return toolErrorFromResponse(SERVICE, response);
    const body = response.json;
    if (!isRecord(body) || !isRecord(body.queryresult)) {
      return toolError(
        'malformed_response',
        `${SERVICE} sent an answer that could not be read: no "queryresult" object`,
      );
    }
    const upstreamError = body.queryresult.error;
    if (isRecord(upstreamError)) {
      const message = typeof upstreamError.msg === 'string' ? upstreamError.msg : 'unknown error';
      return toolError('upstream_error', `${SERVICE} answered with an error: ${message}`, {
        code: typeof upstreamError.code === 'string' ? upstreamError.code : null,
      });
    }
    return {
      content: pythonJsonDumps(cleanWolframResponse(body)),
      metadata: { success: body.queryresult.success === true },
    };
  }
}
