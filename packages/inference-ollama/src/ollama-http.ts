import {
  CancelledError,
  cancelledFrom,
  InvalidRequestError,
  ModelNotFoundError,
  ProviderUnavailableError,
  UpstreamError,
} from '@llama-stack-ts/api-types';
import { followSignal } from './follow-signal.js';
import { InvalidNdjsonLineError, ndjsonBatches } from './ndjson-lines.js';

export type Fetch = typeof globalThis.fetch;

/** A streamed answer's JSON values, and how to let go of its connection. */
export interface OllamaAnswerStream {
  batches: AsyncIterable<unknown[]>;
  close(): Promise<void>;
}

/** Plain fetch against Ollama's API, with every failure turned into an error a user can act on. */
export class OllamaHttp {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: Fetch = globalThis.fetch,
  ) {}

  async get(path: string, signal?: AbortSignal): Promise<unknown> {
    return this.request('GET', path, undefined, undefined, signal);
  }

  async post(path: string, body: unknown, model: string | undefined, signal?: AbortSignal): Promise<unknown> {
    return this.request('POST', path, body, model, signal);
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    model: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const link = followSignal(signal);
    try {
      const response = await this.send(method, path, body, model, signal, link.signal);
      return await this.json(response, path, signal);
    } finally {
      link.release();
    }
  }

  /**
   * POST and wait for the answer's headers, then its JSON values, a batch per network read: the NDJSON lines
   * of a streamed answer, or the single body of a non-streamed one. A broken connection or a bad line is an
   * UpstreamError, an abort a CancelledError. Call `close()` when done, read to the end or not: it closes the
   * connection if the batches were not read to the end, and lets go of the caller's signal.
   */
  async postForBatches(
    path: string,
    body: { stream: boolean },
    model: string | undefined,
    signal?: AbortSignal,
  ): Promise<OllamaAnswerStream> {
    const link = followSignal(signal);
    let response: Response;
    try {
      response = await this.send('POST', path, body, model, signal, link.signal);
      if (!body.stream) {
        const value = await this.json(response, path, signal);
        link.release();
        return { batches: oneBatch([value]), close: async () => {} };
      }
    } catch (error) {
      link.release();
      throw error;
    }
    const responseBody = response.body;
    if (!responseBody) {
      link.release();
      throw new UpstreamError(`Ollama sent no body for POST ${path}`);
    }
    return {
      batches: ndjsonBatches(responseBody, (error) => this.readError(error, path, signal)),
      close: async () => {
        link.release();
        // Read to the end, the batches have let go of the body already; never read, it is still open.
        if (!responseBody.locked) await responseBody.cancel().catch(() => {});
      },
    };
  }

  private async send(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    model: string | undefined,
    signal: AbortSignal | undefined,
    fetchSignal: AbortSignal | undefined,
  ): Promise<Response> {
    if (signal?.aborted) throw cancelledFrom(signal);
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers:
          body === undefined
            ? { accept: 'application/json' }
            : { 'content-type': 'application/json', accept: 'application/x-ndjson, application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        ...(fetchSignal ? { signal: fetchSignal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw cancelledFrom(signal);
      throw new ProviderUnavailableError(
        `Ollama is not reachable at ${this.baseUrl} (${networkReason(error)}). ` +
          'Start it with `ollama serve`, or point baseUrl (or OLLAMA_HOST) at the address where it runs.',
        { cause: error, details: { base_url: this.baseUrl } },
      );
    }
    if (!response.ok) throw await this.httpError(response, method, path, model, signal);
    return response;
  }

  private async json(response: Response, path: string, signal: AbortSignal | undefined): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.readError(error, path, signal);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new UpstreamError(`Ollama answered ${path} with something that is not JSON: ${clip(text)}`, {
        cause: error,
      });
    }
  }

  private async httpError(
    response: Response,
    method: string,
    path: string,
    model: string | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Error> {
    let text = '';
    try {
      text = await response.text();
    } catch {
      if (signal?.aborted) return cancelledFrom(signal);
    }
    const message = ollamaErrorMessage(text) || response.statusText || 'no message';
    const details = { status: response.status, ollama_error: message, path };
    if (response.status === 404 && model !== undefined && /not found/i.test(message)) {
      return new ModelNotFoundError(
        model,
        `Ollama at ${this.baseUrl} says: ${message}. Run \`ollama pull ${model}\`, then try again.`,
      );
    }
    if (response.status === 400) {
      return new InvalidRequestError(`Ollama rejected ${method} ${path}: ${message}`, undefined, { details });
    }
    return new UpstreamError(`Ollama answered ${method} ${path} with HTTP ${response.status}: ${message}`, {
      details,
    });
  }

  private readError(error: unknown, path: string, signal: AbortSignal | undefined): Error {
    if (signal?.aborted) return cancelledFrom(signal);
    if (error instanceof CancelledError || error instanceof UpstreamError) return error;
    if (error instanceof InvalidNdjsonLineError) {
      return new UpstreamError(`Ollama's stream from ${path} had a line that is not JSON: ${error.line}`, {
        cause: error,
      });
    }
    return new UpstreamError(
      `The connection to Ollama at ${this.baseUrl} broke while reading ${path} (${networkReason(error)}); ` +
        'the answer is incomplete. Check that Ollama is still running (it may have crashed or run out of memory).',
      { cause: error },
    );
  }
}

/** Ollama's error bodies are `{"error": "…"}`; anything else is shown as text. */
function ollamaErrorMessage(text: string): string {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string') {
      return (parsed as { error: string }).error;
    }
  } catch {
    // not JSON: fall through
  }
  return clip(text.trim());
}

/** `ECONNREFUSED`, `ENOTFOUND`, `terminated`, … from undici's error and its causes. */
function networkReason(error: unknown): string {
  const reasons: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    reasons.push(typeof code === 'string' ? code : current.message);
    current = current.cause;
  }
  return [...new Set(reasons)].join(': ') || String(error);
}

function clip(text: string): string {
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}

async function* oneBatch(values: unknown[]): AsyncGenerator<unknown[]> {
  yield values;
}
