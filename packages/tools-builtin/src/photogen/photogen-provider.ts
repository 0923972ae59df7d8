import {
  type CallOptions,
  type FileStore,
  type ProvidedTool,
  type ToolInvocation,
  type ToolProvider,
  type ToolResult,
  cancelledFrom,
} from '@llama-stack-ts/api-types';
import OpenAI from 'openai';
import { PhotogenConfig, type ResolvedPhotogenConfig } from '../config.js';
import type { FetchFunction } from '../shared/fetch-json.js';
import { sniffImageType, storeImage } from '../shared/store-image.js';
import { providerDataString, queryArgument, settleAsToolResult, toolError } from '../shared/tool-results.js';
import { matchesTool, PHOTOGEN_TOOL } from '../tool-definitions.js';

export interface PhotogenProviderOptions extends PhotogenConfig {
  /** Where generated images go; without one they are returned inline as base64. */
  fileStore?: FileStore;
  fetch?: FetchFunction;
}

const PROVIDER_DATA_KEYS = ['photogen_api_key', 'openai_api_key', 'api_key'] as const;
const MAX_IMAGE_BYTES = 32 * 1024 * 1024;

/** `photogen`: an image from a text prompt through any OpenAI-compatible `/images/generations` endpoint. */
export class PhotogenProvider implements ToolProvider {
  readonly id = 'builtin-photogen';
  private readonly config: ResolvedPhotogenConfig;
  private readonly fileStore: FileStore | undefined;
  private readonly fetch: FetchFunction | undefined;

  constructor(options: PhotogenProviderOptions = {}) {
    const { fileStore, fetch, ...config } = options;
    this.config = PhotogenConfig.parse(config);
    this.fileStore = fileStore;
    this.fetch = fetch;
  }

  async listTools(): Promise<ProvidedTool[]> {
    return [PHOTOGEN_TOOL];
  }

  invoke(invocation: ToolInvocation, options: CallOptions = {}): Promise<ToolResult> {
    return settleAsToolResult(options.signal, () => this.generate(invocation, options));
  }

  private async generate(invocation: ToolInvocation, options: CallOptions): Promise<ToolResult> {
    const { signal } = options;
    if (!matchesTool(PHOTOGEN_TOOL, invocation.tool_name)) {
      return toolError(
        'invalid_arguments',
        `Unknown tool ${invocation.tool_name}; this provider runs photogen.`,
      );
    }
    const parsed = queryArgument(invocation.arguments);
    if ('error' in parsed) return parsed.error;
    const apiKey = providerDataString(invocation.provider_data, PROVIDER_DATA_KEYS) ?? this.config.apiKey;
    if (!apiKey && new URL(this.config.baseUrl).hostname === 'api.openai.com') {
      return toolError(
        'missing_api_key',
        'No API key for the image endpoint: set photogen.apiKey in the config or send ' +
          'X-LlamaStack-Provider-Data {"photogen_api_key": "<key>"} with the request.',
      );
    }

    const client = new OpenAI({
      baseURL: this.config.baseUrl,
      // Local OpenAI-compatible servers take any key; the SDK insists on one.
      apiKey: apiKey ?? 'not-needed',
      maxRetries: this.config.maxRetries,
      timeout: this.config.timeoutMs,
      ...(this.fetch ? { fetch: this.fetch } : {}),
    });

    let generated: OpenAI.Images.ImagesResponse;
    try {
      generated = await client.images.generate(
        {
          model: this.config.model,
          prompt: parsed.query,
          n: 1,
          size: this.config.size as OpenAI.Images.ImageGenerateParams['size'],
          // gpt-image models always answer with b64_json and reject the parameter.
          ...(this.config.model.startsWith('gpt-image') ? {} : { response_format: 'b64_json' as const }),
        },
        { signal },
      );
    } catch (error) {
      if (signal?.aborted) throw cancelledFrom(signal);
      return errorResult(error, this.config.timeoutMs);
    }

    const first = Array.isArray(generated?.data) ? generated.data[0] : undefined;
    const base64 = typeof first?.b64_json === 'string' ? first.b64_json : undefined;
    if (!base64) {
      return toolError(
        'malformed_response',
        typeof first?.url === 'string'
          ? 'The image endpoint sent a URL instead of base64 image data; use an endpoint and model that support response_format b64_json.'
          : 'The image endpoint sent no image: expected data[0].b64_json in the answer.',
      );
    }
    const data = Buffer.from(base64, 'base64');
    const mimeType = sniffImageType(data);
    if (!mimeType || data.byteLength > MAX_IMAGE_BYTES) {
      return toolError(
        'malformed_response',
        mimeType
          ? `The image endpoint sent an image larger than ${MAX_IMAGE_BYTES} bytes.`
          : 'The image endpoint sent data[0].b64_json that is not a PNG, JPEG, WebP or GIF image.',
      );
    }

    const extension = mimeType.split('/')[1];
    const stored = await storeImage(
      {
        data,
        mimeType,
        filename: `photogen-${invocation.call_id || 'image'}.${extension}`,
        ...(invocation.session_id ? { sessionId: invocation.session_id } : {}),
      },
      { fileStore: this.fileStore, publicBaseUrl: this.config.publicBaseUrl },
      { signal },
    );
    const where = stored.url ? ` at ${stored.url}` : '';
    return {
      content: `Generated an image for "${parsed.query}"; it is attached as ${mimeType}${where}.`,
      attachments: [stored.attachment],
      metadata: {
        model: this.config.model,
        mime_type: mimeType,
        bytes: data.byteLength,
        ...(stored.fileId ? { file_id: stored.fileId } : {}),
        ...(stored.url ? { url: stored.url } : {}),
        ...(typeof first?.revised_prompt === 'string' ? { revised_prompt: first.revised_prompt } : {}),
      },
    };
  }
}

function errorResult(error: unknown, timeoutMs: number): ToolResult {
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return toolError('timeout', `The image endpoint did not answer within ${timeoutMs} ms.`);
  }
  if (error instanceof OpenAI.APIConnectionError) {
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return toolError('network_error', `The image endpoint could not be reached${cause}.`);
  }
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    return toolError(
      'http_error',
      `The image endpoint answered HTTP ${error.status}: ${errorDetail(error)}`,
      {
        status: error.status,
      },
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return toolError(
    'malformed_response',
    `The image endpoint sent an answer that could not be read: ${message}`,
  );
}

function errorDetail(error: InstanceType<typeof OpenAI.APIError>): string {
  const body = error.error as { message?: unknown } | undefined;
  if (body && typeof body.message === 'string') return body.message;
  return error.message.replace(/^\d{3}\s*/, '');
}
