import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRecordingsDir, loadRecordings, type Recording } from './recording.js';
import { type ReplayServer, startReplayServer } from './replay-server.js';

const recordingsDir = path.resolve(import.meta.dirname, '../../../../../shared/fixtures/ollama-recordings');

async function recordingFile(file: string): Promise<Recording> {
  return { id: file, ...JSON.parse(await readFile(path.join(recordingsDir, file), 'utf8')) };
}

async function postJson(server: ReplayServer, endpoint: string, body: unknown) {
  return fetch(`${server.url}${endpoint}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function ndjson(response: Response): Promise<Array<Record<string, unknown>>> {
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

describe('replay server over the shared recordings', () => {
  let server: ReplayServer;
  beforeAll(async () => {
    server = await startReplayServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds the shared recordings folder from the package, whatever the cwd', () => {
    expect(defaultRecordingsDir()).toBe(recordingsDir);
  });

  it('loads every recording file, openai/ subfolders included', async () => {
    const recordings = await loadRecordings(recordingsDir);
    expect(recordings).toHaveLength(500);
    expect(recordings.some((r) => r.file === path.join('openai', 'vllm', '0681b375959a.json'))).toBe(true);
  });

  it('streams a recorded /api/generate answer chunk by chunk as NDJSON', async () => {
    const recording = await recordingFile('08a461641b5c.json');
    const response = await postJson(server, '/api/generate', recording.request.body);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const chunks = await ndjson(response);
    expect(chunks).toEqual(recording.response.streaming ? recording.response.chunks : []);
    expect(server.requests.at(-1)).toMatchObject({ path: '/api/generate', recordingId: '08a461641b5c' });
  });

  it('answers a non-streaming request with the recorded body', async () => {
    const recording = await recordingFile('2f2bd04a9cf6.json');
    const response = await postJson(server, '/api/generate', recording.request.body);
    expect(await response.json()).toEqual(recording.response.streaming ? undefined : recording.response.body);
  });

  it('joins a streamed recording into one body when the request does not stream', async () => {
    const recording = await recordingFile('08a461641b5c.json');
    const body = { ...(recording.request.body as object), stream: false };
    const answer = (await (await postJson(server, '/api/generate', body)).json()) as Record<string, unknown>;
    expect(answer).toMatchObject({ done: true, done_reason: 'stop', prompt_eval_count: 448 });
    const chunks = recording.response.streaming ? recording.response.chunks : [];
    expect(answer.response).toBe(chunks.map((chunk) => (chunk as { response: string }).response).join(''));
    expect(server.requests.at(-1)?.converted).toBe(true);
  });

  it('matches whatever num_ctx the client sends and records the body as sent', async () => {
    const recording = await recordingFile('2f2bd04a9cf6.json');
    const body = recording.request.body as { options: object };
    const sent = { ...body, options: { ...body.options, num_ctx: 8192 } };
    const response = await postJson(server, '/api/generate', sent);
    expect(response.status).toBe(200);
    expect(server.requests.at(-1)?.body).toEqual(sent);
    expect(server.requests.at(-1)?.rawBody).toBe(JSON.stringify(sent));
  });

  it('serves OpenAI-compatible streams as server-sent events ending with [DONE]', async () => {
    const recording = await recordingFile('openai/04e2c27942cd.json');
    const response = await postJson(server, '/v1/chat/completions', recording.request.body);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const frames = (await response.text()).split('\n\n').filter(Boolean);
    expect(frames.at(-1)).toBe('data: [DONE]');
    expect(JSON.parse(frames[0]!.slice('data: '.length)).choices[0].delta.tool_calls[0].function.name).toBe(
      'get_weather',
    );
  });

  it('answers /api/embed, /api/tags, /api/ps, /api/version and /api/show', async () => {
    const embed = await recordingFile('03e056c0d09f.json');
    const vectors = (await (await postJson(server, '/api/embed', embed.request.body)).json()) as {
      embeddings: number[][];
    };
    expect(vectors.embeddings[0]).toHaveLength(384);

    const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as {
      models: Array<{ name: string; model: string }>;
    };
    expect(tags.models.map((m) => m.name)).toContain('llama3.2:3b-instruct-fp16');
    expect(tags.models.every((m) => m.name === m.model)).toBe(true);

    expect((await fetch(`${server.url}/api/ps`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/api/version`)).json()).toEqual({ version: expect.any(String) });
    const show = await postJson(server, '/api/show', { model: 'llama3.2:3b-instruct-fp16' });
    expect(show.status).toBe(200);
    const unknown = await postJson(server, '/api/show', { model: 'qwen3:0.6b' });
    expect(unknown.status).toBe(404);
  });

  it('answers a model it never saw the way Ollama does for a model not pulled', async () => {
    const response = await postJson(server, '/api/generate', { model: 'llama3.1:405b', prompt: 'hi' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'model "llama3.1:405b" not found, try pulling it first' });
  });

  it('normalises the "Today Date" line so a prompt built today matches one recorded earlier', async () => {
    const recorded =
      '<|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 July 2025\n\n';
    const local = await startReplayServer({
      recordingsDir: false,
      recordings: [
        {
          id: 'dated',
          request: {
            method: 'POST',
            path: '/api/generate',
            body: { model: 'm:1b', raw: true, prompt: recorded },
          },
          response: { streaming: false, body: { response: 'ok', done: true } },
        },
      ],
    });
    try {
      const today = recorded.replace('26 July 2025', '27 November 2026');
      const response = await postJson(local, '/api/generate', {
        model: 'm:1b',
        raw: true,
        prompt: today,
        stream: false,
      });
      expect(await response.json()).toMatchObject({ response: 'ok' });
    } finally {
      await local.close();
    }
  });
});

describe('replay misses fail loudly', () => {
  it('answers 500 naming the closest recording with a readable diff, and records the miss', async () => {
    const server = await startReplayServer();
    try {
      const recording = await recordingFile('2f2bd04a9cf6.json');
      const body = recording.request.body as { prompt: string };
      const changed = {
        ...body,
        prompt: body.prompt.replace('Test metrics generation 0', 'Test metrics generation 42'),
      };
      const response = await postJson(server, '/api/generate', changed);
      expect(response.status).toBe(500);
      const answer = (await response.json()) as {
        error: string;
        replay_miss: { closest: string; diff: string };
      };
      expect(answer.replay_miss.closest).toMatch(/\.json$/);
      expect(answer.replay_miss.diff).toContain('-Test metrics generation');
      expect(answer.replay_miss.diff).toContain('+Test metrics generation 42');
      expect(server.misses).toHaveLength(1);
      expect(() => server.assertNoMisses()).toThrow(/Test metrics generation 42/);
    } finally {
      await server.close();
    }
  });
});

describe('scripted recordings and behaviour', () => {
  const chunks = ['The', ' answer', ' is', ' 42', '.'].map((response) => ({
    model: 'llama3.2:3b',
    created_at: '2025-08-01T00:00:00Z',
    response,
    done: false,
  }));
  const final = {
    model: 'llama3.2:3b',
    created_at: '2025-08-01T00:00:01Z',
    response: '',
    done: true,
    done_reason: 'stop',
  };
  const scripted: Recording = {
    id: 'scripted',
    request: { method: 'POST', path: '/api/generate' },
    response: { streaming: true, chunks: [...chunks, final] },
  };

  it('answers any request of a path from a scripted recording without a body', async () => {
    const server = await startReplayServer({ recordingsDir: false, recordings: [scripted] });
    try {
      const got = await ndjson(await postJson(server, '/api/generate', { model: 'anything', prompt: 'x' }));
      expect(got.map((chunk) => chunk.response).join('')).toBe('The answer is 42.');
    } finally {
      await server.close();
    }
  });

  it('cuts a stream mid-way by resetting the connection', async () => {
    const server = await startReplayServer({
      recordingsDir: false,
      recordings: [scripted],
      cutStream: { afterChunks: 2 },
    });
    try {
      const response = await postJson(server, '/api/generate', { model: 'm', prompt: 'x' });
      await expect(response.text()).rejects.toThrow();
      expect(await server.requests[0]!.settled).toBe('cut');
    } finally {
      await server.close();
    }
  });

  it('can end a stream cleanly without its done chunk', async () => {
    const server = await startReplayServer({ recordingsDir: false, recordings: [scripted] });
    server.behaviour.cutStream = { afterChunks: 3, how: 'end' };
    try {
      const got = await ndjson(await postJson(server, '/api/generate', { model: 'm', prompt: 'x' }));
      expect(got).toHaveLength(3);
      expect(got.some((chunk) => chunk.done)).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('sees the client close the connection mid-stream', async () => {
    const server = await startReplayServer({
      recordingsDir: false,
      recordings: [scripted],
      chunkDelayMs: 30,
    });
    try {
      const controller = new AbortController();
      const response = await fetch(`${server.url}/api/generate`, {
        method: 'POST',
        body: JSON.stringify({ model: 'm', prompt: 'x' }),
        signal: controller.signal,
      });
      const reader = response.body!.getReader();
      await reader.read();
      controller.abort();
      expect(await server.requests[0]!.settled).toBe('aborted');
    } finally {
      await server.close();
    }
  });

  it('lists the given models on /api/tags and knows no others', async () => {
    const server = await startReplayServer({
      recordingsDir: false,
      models: ['llama3.2:3b', { model: 'qwen3:0.6b' }],
    });
    try {
      const tags = (await (await fetch(`${server.url}/api/tags`)).json()) as {
        models: Array<{ name: string }>;
      };
      expect(tags.models.map((m) => m.name)).toEqual(['llama3.2:3b', 'qwen3:0.6b']);
      expect((await postJson(server, '/api/chat', { model: 'llama3.2:1b', messages: [] })).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
