import { createServer } from 'node:net';
import {
  CancelledError,
  ChatCompletionRequest,
  type ChatCompletionChunk,
  collectChatCompletion,
  InvalidRequestError,
  ModelNotFoundError,
  ProviderUnavailableError,
  UpstreamError,
} from '@llama-stack-ts/api-types';
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { anyRequestTo, errorFrom, generateChunks } from './test-support/scripted.js';
import { drain } from './test-support/recordings.js';
import { type ReplayServer, type ReplayServerOptions, startReplayServer } from './testing/index.js';

const servers: ReplayServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function replay(options: ReplayServerOptions): Promise<ReplayServer> {
  const server = await startReplayServer({ recordingsDir: false, ...options });
  servers.push(server);
  return server;
}

const hello = (model = 'llama3.2:3b', stream = true) =>
  ChatCompletionRequest.parse({ model_id: model, messages: [{ role: 'user', content: 'Hello' }], stream });

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('errors a user can act on', () => {
  it('says Ollama is not reachable, naming the URL and `ollama serve`', async () => {
    const baseUrl = `http://127.0.0.1:${await closedPort()}`;
    const provider = new OllamaInferenceProvider({ baseUrl });
    const error = await drain(provider.chatCompletion(hello())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderUnavailableError);
    expect((error as Error).message).toContain(baseUrl);
    expect((error as Error).message).toContain('ollama serve');
    expect((error as Error).message).toContain('ECONNREFUSED');
    await expect(provider.listModels()).rejects.toBeInstanceOf(ProviderUnavailableError);
  });

  it('says which model to pull when Ollama does not have it', async () => {
    const server = await replay({ models: ['llama3.2:3b'] });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const error = await drain(provider.chatCompletion(hello('meta-llama/Llama-3.1-8B-Instruct'))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelNotFoundError);
    expect((error as ModelNotFoundError).model).toBe('llama3.1:8b-instruct-fp16');
    expect((error as Error).message).toContain('ollama pull llama3.1:8b-instruct-fp16');
    expect((error as Error).message).toContain('not found, try pulling it first');
  });

  it('throws from the iterator when the connection drops mid-stream, after the deltas already read', async () => {
    const server = await replay({
      recordings: [anyRequestTo('/api/generate', generateChunks(['Hel', 'lo', ' there', '!']))],
      cutStream: { afterChunks: 2 },
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const seen: ChatCompletionChunk[] = [];
    const error = await (async () => {
      for await (const chunk of provider.chatCompletion(hello())) seen.push(chunk);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/broke while reading \/api\/generate/);
    expect(seen[0]?.event.event_type).toBe('start');
    expect(seen.some((chunk) => chunk.event.event_type === 'complete')).toBe(false);
  });

  it('never answers with a silent short answer when the stream ends without its done chunk', async () => {
    const server = await replay({
      recordings: [anyRequestTo('/api/generate', generateChunks(['Hel', 'lo', ' there', '!']))],
      cutStream: { afterChunks: 2, how: 'end' },
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const error = await collectChatCompletion(provider.chatCompletion(hello())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/ended before it was complete \(2 chunk\(s\)/);
  });

  it('carries Ollama’s message on an HTTP error', async () => {
    const server = await replay({
      recordings: [errorFrom('/api/generate', 500, 'llama runner process has terminated: signal: killed')],
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const error = await drain(provider.chatCompletion(hello())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toBe(
      'Ollama answered POST /api/generate with HTTP 500: llama runner process has terminated: signal: killed',
    );
    expect((error as UpstreamError).details).toMatchObject({ status: 500 });
  });

  it('reports a 400 as an invalid request with Ollama’s reason', async () => {
    const server = await replay({
      recordings: [errorFrom('/api/chat', 400, 'registry.ollama.ai/library/gemma:2b does not support tools')],
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const error = await drain(provider.chatCompletion(hello('gemma:2b'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toContain('does not support tools');
  });

  it('throws an error Ollama reports in the middle of a stream', async () => {
    const chunks = [
      ...generateChunks(['Hi']).slice(0, 1),
      { error: 'an error was encountered while running the model' },
    ];
    const server = await replay({ recordings: [anyRequestTo('/api/generate', chunks)] });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const error = await drain(provider.chatCompletion(hello())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toContain('an error was encountered while running the model');
  });

  it('makes a replay miss visible as an upstream error with the diff', async () => {
    const server = await replay({
      recordings: [
        {
          id: 'other-prompt',
          request: {
            method: 'POST',
            path: '/api/generate',
            body: { model: 'llama3.2:3b', raw: true, prompt: 'x' },
          },
          response: { streaming: false, body: { response: 'x', done: true } },
        },
      ],
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const error = await drain(provider.chatCompletion(hello())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toContain('replay miss');
    expect(server.misses).toHaveLength(1);
  });

  it('rejects a grammar response format before calling Ollama', async () => {
    const server = await replay({});
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const request = ChatCompletionRequest.parse({
      ...hello(),
      response_format: { type: 'grammar', bnf: { root: 'x' } },
    });
    await expect(drain(provider.chatCompletion(request))).rejects.toBeInstanceOf(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });
});

describe('abort', () => {
  const longAnswer = generateChunks(Array.from({ length: 40 }, (_, i) => `word${i} `));

  it('closes the HTTP request mid-stream and settles the iterator with CancelledError', async () => {
    const server = await replay({
      recordings: [anyRequestTo('/api/generate', longAnswer)],
      chunkDelayMs: 20,
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const controller = new AbortController();
    const seen: ChatCompletionChunk[] = [];
    const outcome = (async () => {
      for await (const chunk of provider.chatCompletion(hello(), { signal: controller.signal })) {
        seen.push(chunk);
        if (seen.length === 3) controller.abort();
      }
    })().catch((e: unknown) => e);
    const error = await outcome;
    expect(error).toBeInstanceOf(CancelledError);
    expect(await server.requests[0]!.settled).toBe('aborted');
    expect(seen.length).toBeLessThan(10);
  });

  it('keeps the abort reason', async () => {
    const server = await replay({
      recordings: [anyRequestTo('/api/generate', longAnswer)],
      chunkDelayMs: 20,
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const controller = new AbortController();
    const iterator = provider.chatCompletion(hello(), { signal: controller.signal })[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort(new Error('client went away'));
    const error = await iterator.next().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect((error as Error).message).toBe('Cancelled: client went away');
    expect(await server.requests[0]!.settled).toBe('aborted');
  });

  it('sends nothing when the signal is already aborted', async () => {
    const server = await replay({ recordings: [anyRequestTo('/api/generate', longAnswer)] });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    await expect(
      drain(provider.chatCompletion(hello(), { signal: AbortSignal.abort() })),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(server.requests).toHaveLength(0);
  });

  it('closes the connection when the consumer stops reading early', async () => {
    const server = await replay({
      recordings: [anyRequestTo('/api/generate', longAnswer)],
      chunkDelayMs: 20,
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    for await (const chunk of provider.chatCompletion(hello())) {
      if (chunk.event.event_type === 'progress') break;
    }
    expect(await server.requests[0]!.settled).toBe('aborted');
  });
});

describe('context window', () => {
  it('always sends num_ctx and warns when the prompt filled it', async () => {
    const server = await replay({
      recordings: [anyRequestTo('/api/generate', generateChunks(['Hi'], { prompt_eval_count: 2048 }))],
    });
    const warnings: string[] = [];
    const provider = new OllamaInferenceProvider({
      baseUrl: server.url,
      numCtx: 2048,
      logger: { debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) },
    });
    await collectChatCompletion(provider.chatCompletion(hello()));
    expect((server.requests[0]!.body as { options: { num_ctx: number } }).options.num_ctx).toBe(2048);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('2048 of num_ctx 2048');
    expect(warnings[0]).toContain('Raise numCtx');
  });

  it('stays quiet when the prompt fits', async () => {
    const server = await replay({
      recordings: [anyRequestTo('/api/generate', generateChunks(['Hi'], { prompt_eval_count: 1000 }))],
    });
    const warnings: string[] = [];
    const provider = new OllamaInferenceProvider({
      baseUrl: server.url,
      logger: { debug() {}, info() {}, error() {}, warn: (message) => warnings.push(message) },
    });
    await collectChatCompletion(provider.chatCompletion(hello()));
    expect(warnings).toEqual([]);
  });
});

describe('stop reasons and extras', () => {
  it('reports out_of_tokens when Ollama stopped at num_predict', async () => {
    const server = await replay({
      recordings: [
        anyRequestTo('/api/generate', generateChunks(['The answer is'], { done_reason: 'length' })),
      ],
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const response = await collectChatCompletion(provider.chatCompletion(hello()));
    expect(response.completion_message).toMatchObject({
      content: 'The answer is',
      stop_reason: 'out_of_tokens',
    });
  });

  it('sends keep_alive when configured', async () => {
    const server = await replay({ recordings: [anyRequestTo('/api/generate', generateChunks(['Hi']))] });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url, keepAlive: '30m' });
    await collectChatCompletion(provider.chatCompletion(hello()));
    expect(server.requests[0]!.body).toMatchObject({ keep_alive: '30m', raw: true });
  });

  it('checks health through /api/version', async () => {
    const server = await replay({ version: '0.11.4' });
    expect(await new OllamaInferenceProvider({ baseUrl: server.url }).checkHealth()).toEqual({
      version: '0.11.4',
    });
    const down = new OllamaInferenceProvider({ baseUrl: `http://127.0.0.1:${await closedPort()}` });
    await expect(down.checkHealth()).rejects.toBeInstanceOf(ProviderUnavailableError);
  });
});
