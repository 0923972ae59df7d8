import {
  type CallOptions,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type InferenceProvider,
  type JsonObject,
  type Logger,
  type Model,
  silentLogger,
  UpstreamError,
} from '@llama-stack-ts/api-types';
import { modelFamilyOf } from '@llama-stack-ts/llama-format';
import { defaultBaseUrl, normaliseBaseUrl } from './base-url.js';
import { ChatAnswerDecoder, CHAT_PATH, type ChatBody, chatBody } from './chat-transport.js';
import { chatCompletionRequestOf } from './chat-completion-request.js';
import { startChunk } from './completion-chunks.js';
import {
  GENERATE_PATH,
  GenerateAnswerDecoder,
  type GenerateBody,
  generateBody,
} from './generate-transport.js';
import { ollamaModelEntry, resolveOllamaModel } from './model-names.js';
import { type Fetch, OllamaHttp } from './ollama-http.js';
import type { OllamaFinalStats } from './ollama-wire.js';
import { type OllamaOptions, samplingOptions } from './sampling-options.js';
import { effectiveToolConfig } from './tool-choice.js';

export interface OllamaInferenceProviderOptions {
  /** Where Ollama listens. Default: `OLLAMA_HOST` if set, else http://localhost:11434. */
  baseUrl?: string;
  /**
   * Context window sent as `options.num_ctx` with every request. Ollama's own default is small (2048 tokens in
   * older releases, 4096 in newer ones) and it silently cuts longer prompts from the start, which drops the tool definitions
   * of an agent's system prompt; keep one value for all requests, as a change reloads the model.
   */
  numCtx?: number;
  /** The fetch to use (tests, proxies). Default: the global fetch. */
  fetch?: Fetch;
  logger?: Logger;
  /** Your own names for models: `{ 'fast': 'llama3.2:1b' }`. Looked up before Llama SKUs. */
  modelAliases?: Record<string, string>;
  /** Provider id in model listings. Default `ollama`. */
  id?: string;
  /** The clock for "Today Date" in prompts. */
  now?: () => Date;
  /** Makes ids for tool calls. Default `crypto.randomUUID()`. */
  newCallId?: () => string;
  /** Ollama's `keep_alive` (`'30m'`, seconds, `-1` for ever): how long the model stays loaded. Not sent by default. */
  keepAlive?: string | number;
}

export const DEFAULT_NUM_CTX = 4096;

/** Tokens of headroom under num_ctx below which a prompt counts as having filled (and been cut to) the window. */
const TRUNCATION_MARGIN = 16;

export type OllamaRequest =
  | { transport: 'generate'; path: typeof GENERATE_PATH; model: string; body: GenerateBody }
  | { transport: 'chat'; path: typeof CHAT_PATH; model: string; body: ChatBody };

/**
 * Llama Stack's Ollama inference provider. Llama 3.x models (and Llama Guard) get the exact Llama prompt on
 * `/api/generate` with `raw: true`, decoded back into text and tool calls as they stream; other models, and
 * requests with images, go through `/api/chat` with native tools.
 */
export class OllamaInferenceProvider implements InferenceProvider {
  readonly id: string;
  readonly baseUrl: string;
  readonly numCtx: number;
  private readonly http: OllamaHttp;
  private readonly logger: Logger;
  private readonly modelAliases: Record<string, string>;
  private readonly now: () => Date;
  private readonly newCallId: () => string;
  private readonly keepAlive: string | number | undefined;

  constructor(options: OllamaInferenceProviderOptions = {}) {
    this.id = options.id ?? 'ollama';
    this.baseUrl = options.baseUrl ? normaliseBaseUrl(options.baseUrl) : defaultBaseUrl();
    this.numCtx = options.numCtx ?? DEFAULT_NUM_CTX;
    this.http = new OllamaHttp(this.baseUrl, options.fetch);
    this.logger = options.logger ?? silentLogger;
    this.modelAliases = options.modelAliases ?? {};
    this.now = options.now ?? (() => new Date());
    this.newCallId = options.newCallId ?? (() => globalThis.crypto.randomUUID());
    this.keepAlive = options.keepAlive;
  }

  /** Ollama's version, or a ProviderUnavailableError saying how to start it. */
  async checkHealth(options: CallOptions = {}): Promise<{ version: string }> {
    const answer = (await this.http.get('/api/version', options.signal)) as { version?: unknown };
    return { version: typeof answer?.version === 'string' ? answer.version : 'unknown' };
  }

  /** The Ollama tag a model name resolves to (alias, Llama SKU, or the tag itself). */
  resolveModel(name: string): string {
    return resolveOllamaModel(name, this.modelAliases);
  }

  /** The HTTP request this provider sends to Ollama for a chat request: which endpoint, and the exact body. */
  ollamaRequest(request: ChatCompletionRequest): OllamaRequest {
    return this.plan(chatCompletionRequestOf(request));
  }

  private plan(parsed: ChatCompletionRequest): OllamaRequest {
    const model = this.resolveModel(parsed.model_id);
    const options: OllamaOptions = { ...samplingOptions(parsed.sampling_params), num_ctx: this.numCtx };
    const guard = isLlamaGuard(model);
    const keepAlive = this.keepAlive === undefined ? {} : { keep_alive: this.keepAlive };
    if ((modelFamilyOf(model) || guard) && !hasImages(parsed)) {
      const body = generateBody(parsed, model, { options, date: this.now(), plainChatFormat: guard });
      return { transport: 'generate', path: GENERATE_PATH, model, body: { ...body, ...keepAlive } };
    }
    return {
      transport: 'chat',
      path: CHAT_PATH,
      model,
      body: { ...chatBody(parsed, model, options), ...keepAlive },
    };
  }

  chatCompletion(
    request: ChatCompletionRequest,
    options: CallOptions = {},
  ): AsyncIterable<ChatCompletionChunk> {
    return this.streamChatCompletion(request, options.signal);
  }

  /** One async generator per call: a network read's lines are decoded in one synchronous loop. */
  private async *streamChatCompletion(
    request: ChatCompletionRequest,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ChatCompletionChunk> {
    const parsed = chatCompletionRequestOf(request);
    const plan = this.plan(parsed);
    const answer =
      plan.transport === 'generate'
        ? new GenerateAnswerDecoder({
            // Calls to tools the request did not offer are reported (failed deltas, a warning), never run.
            // Their names are taken now: the request is the caller's object, not a copy.
            tools:
              effectiveToolConfig(parsed).toolChoice === 'none'
                ? []
                : parsed.tools.map((tool) => tool.tool_name),
            newCallId: this.newCallId,
          })
        : new ChatAnswerDecoder(this.newCallId);
    const stream = await this.http.postForBatches(plan.path, plan.body, plan.model, signal);
    try {
      yield startChunk();
      const chunks: ChatCompletionChunk[] = [];
      let answered = false;
      for await (const values of stream.batches) {
        // Ollama ends the body right after the final line; the read that sees the end lets the body close
        // by itself (cancelling costs undici a DOMException). Anything sent after the final line is dropped.
        if (answered) break;
        for (let i = 0; i < values.length; i++) {
          answered = answer.push(values[i], chunks);
          for (let j = 0; j < chunks.length; j++) yield chunks[j]!;
          chunks.length = 0;
          if (answered) break;
        }
      }
    } finally {
      await stream.close();
    }
    for (const chunk of answer.finish()) yield chunk;
    if (answer instanceof GenerateAnswerDecoder) {
      for (const problem of answer.message?.problems ?? []) {
        this.logger.warn(`ollama: ${problem.message}`, { model: plan.model, kind: problem.kind });
      }
    }
    this.warnIfCut(plan.model, answer.final);
  }

  /** Ollama cuts a prompt longer than num_ctx to exactly num_ctx tokens, from the start, and says nothing. */
  private warnIfCut(model: string, final: OllamaFinalStats | undefined): void {
    const promptTokens = final?.prompt_eval_count;
    if (promptTokens === undefined || promptTokens < this.numCtx - TRUNCATION_MARGIN) return;
    this.logger.warn(
      `ollama: the prompt filled the whole context window (${promptTokens} of num_ctx ${this.numCtx} tokens), ` +
        'so Ollama has probably cut its beginning (system prompt and tool definitions included). ' +
        'Raise numCtx or shorten the conversation.',
      { model, prompt_eval_count: promptTokens, num_ctx: this.numCtx },
    );
  }

  /** The models Ollama has pulled (`/api/tags`), plus each Llama SKU whose tag is among them. */
  async listModels(options: CallOptions = {}): Promise<Model[]> {
    const answer = await this.http.get('/api/tags', options.signal);
    const entries = (answer as { models?: unknown })?.models;
    if (!Array.isArray(entries)) {
      throw new UpstreamError(`Ollama's /api/tags answer has no models list: ${JSON.stringify(answer)}`);
    }
    const models: Model[] = [];
    for (const entry of entries as OllamaTagEntry[]) {
      const tag = entry.model ?? entry.name;
      if (typeof tag !== 'string') continue;
      const known = ollamaModelEntry(tag);
      const embedding = known ? known.modelType === 'embedding' : isEmbeddingModel(entry);
      const metadata: JsonObject = { ...(known?.metadata ?? {}), ...tagMetadata(entry) };
      const model = (identifier: string): Model => ({
        identifier,
        provider_resource_id: tag,
        provider_id: this.id,
        type: 'model',
        model_type: embedding ? 'embedding' : 'llm',
        metadata,
      });
      models.push(model(tag));
      if (known?.sku && !models.some((m) => m.identifier === known.sku)) models.push(model(known.sku));
    }
    return models;
  }
}

interface OllamaTagEntry {
  name?: string;
  model?: string;
  size?: number;
  details?: { family?: string; families?: string[]; parameter_size?: string; quantization_level?: string };
}

function tagMetadata(entry: OllamaTagEntry): JsonObject {
  const details = entry.details ?? {};
  return {
    ...(details.family ? { family: details.family } : {}),
    ...(details.parameter_size ? { parameter_size: details.parameter_size } : {}),
    ...(details.quantization_level ? { quantization_level: details.quantization_level } : {}),
  };
}

/** BERT-family GGUFs (all-minilm, nomic-embed-text, mxbai-embed-large, bge-m3) are embedding models. */
function isEmbeddingModel(entry: OllamaTagEntry): boolean {
  const families = [entry.details?.family, ...(entry.details?.families ?? [])];
  if (families.some((family) => family !== undefined && /bert/i.test(family))) return true;
  return /embed/i.test(entry.model ?? entry.name ?? '');
}

function isLlamaGuard(model: string): boolean {
  return /(^|\/)llama-guard/i.test(model);
}

function hasImages(request: ChatCompletionRequest): boolean {
  return request.messages.some((message) => {
    if (message.role === 'assistant' || typeof message.content === 'string') return false;
    const items = Array.isArray(message.content) ? message.content : [message.content];
    return items.some((item) => item.type === 'image');
  });
}
