import { getEventListeners } from 'node:events';
import { ChatCompletionRequest } from '@llama-stack-ts/api-types';
import { afterEach, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { drain } from './test-support/recordings.js';
import { anyRequestTo, generateChunks } from './test-support/scripted.js';
import { type ReplayServer, startReplayServer } from './testing/index.js';

let server: ReplayServer | undefined;
afterEach(async () => {
  await server?.close();
});

const hello = ChatCompletionRequest.parse({
  model_id: 'llama3.2:3b',
  messages: [{ role: 'user', content: 'Hello' }],
  stream: true,
});

describe('connections and signals', () => {
  it('closes the connection when the consumer stops right after the start chunk', async () => {
    server = await startReplayServer({
      recordingsDir: false,
      recordings: [anyRequestTo('/api/generate', generateChunks(Array.from({ length: 40 }, () => 'word ')))],
      chunkDelayMs: 20,
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    for await (const chunk of provider.chatCompletion(hello)) {
      expect(chunk.event.event_type).toBe('start');
      break;
    }
    expect(await server.requests[0]!.settled).toBe('aborted');
  });

  it('lets a body that Ollama ended close by itself instead of cancelling it', async () => {
    server = await startReplayServer({
      recordingsDir: false,
      recordings: [anyRequestTo('/api/generate', generateChunks(['Hi', ' there']))],
    });
    let cancels = 0;
    const countingCancels: typeof globalThis.fetch = async (input, init) => {
      const response = await globalThis.fetch(input, init);
      const reader = response.body!.getReader();
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) controller.close();
          else controller.enqueue(value);
        },
        cancel(reason) {
          cancels++;
          return reader.cancel(reason);
        },
      });
      return new Response(body, { status: response.status, headers: response.headers });
    };
    const provider = new OllamaInferenceProvider({ baseUrl: server.url, fetch: countingCancels });
    const chunks = await drain(provider.chatCompletion(hello));
    expect(chunks.at(-1)!.event.event_type).toBe('complete');
    expect(cancels).toBe(0);
    expect(await server.requests[0]!.settled).toBe('replayed');
  });

  it('gives fetch no signal when the caller gave none (undici would link one per request)', async () => {
    server = await startReplayServer({
      recordingsDir: false,
      recordings: [anyRequestTo('/api/generate', generateChunks(['Hi']))],
    });
    const signals: (AbortSignal | null | undefined)[] = [];
    const recordingSignals: typeof globalThis.fetch = (input, init) => {
      signals.push(init?.signal);
      return globalThis.fetch(input, init);
    };
    const provider = new OllamaInferenceProvider({ baseUrl: server.url, fetch: recordingSignals });
    await drain(provider.chatCompletion(hello));
    await provider.listModels().catch(() => {});
    expect(signals).toEqual([undefined, undefined]);
  });

  it('leaves no listener on a long-lived signal once each request is over', async () => {
    server = await startReplayServer({
      recordingsDir: false,
      recordings: [anyRequestTo('/api/generate', generateChunks(['Hi']))],
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const shutdown = new AbortController();
    for (let i = 0; i < 20; i++) await drain(provider.chatCompletion(hello, { signal: shutdown.signal }));
    await provider.listModels({ signal: shutdown.signal }).catch(() => {});
    expect(getEventListeners(shutdown.signal, 'abort')).toHaveLength(0);
  });
});
