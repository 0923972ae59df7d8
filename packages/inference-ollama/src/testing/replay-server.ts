import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { findClosestRecording } from './closest-recording.js';
import { defaultRecordingsDir, loadRecordings } from './recording.js';
import { RecordingIndex, type ScriptedRecording } from './recording-index.js';
import { modelOf, wantsStream } from './request-key.js';
import { bodyToChunks, chunksToBody } from './stream-conversion.js';

/** A model as `/api/tags` lists it; a plain string becomes a Llama-family GGUF entry. */
export interface ReplayModel {
  model: string;
  size?: number;
  digest?: string;
  modified_at?: string;
  details?: Record<string, unknown>;
}

export interface ReplayBehaviour {
  /** Wait this long before each streamed chunk. */
  chunkDelayMs: number;
  /** Stop a stream after this many chunks: `reset` destroys the socket, `end` closes it cleanly without `done`. */
  cutStream?: { afterChunks: number; how?: 'reset' | 'end' };
}

export interface ReplayServerOptions {
  /** Folder of recordings; defaults to the shared fixtures. `false` serves only `recordings`. */
  recordingsDir?: string | false;
  /** Recordings passed in code; searched before the folder. One with no request body, or a `match`, is a wildcard. */
  recordings?: ScriptedRecording[];
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  chunkDelayMs?: number;
  cutStream?: ReplayBehaviour['cutStream'];
  /** What `/api/tags` lists, and the only models the server knows (others answer 404 like Ollama). */
  models?: Array<string | ReplayModel>;
  /** Served by `/api/version`. */
  version?: string;
}

export type ReplayOutcome =
  | 'pending'
  | 'replayed'
  | 'synthesised'
  | 'model_not_found'
  | 'miss'
  | 'bad_request'
  | 'cut'
  | 'aborted';

/** A request the server received, for assertions on what the client sent. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when empty). */
  body: unknown;
  /** The body exactly as sent. */
  rawBody: string;
  /** Id of the recording that answered. */
  recordingId?: string;
  /** The recording was streamed and the request was not, or the other way round. */
  converted?: boolean;
  status?: number;
  outcome: ReplayOutcome;
  /** Resolves once the response ended or the client went away (`aborted`). */
  settled: Promise<ReplayOutcome>;
}

export interface ReplayMiss {
  method: string;
  path: string;
  body: unknown;
  model?: string;
  closest?: { id: string; file?: string };
  /** Unified diff from the closest recording's request to the received one. */
  diff?: string;
  message: string;
}

export interface ReplayServer {
  /** `http://127.0.0.1:<port>`: pass as the provider's baseUrl. */
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  readonly misses: ReplayMiss[];
  /** Change per test: chunk delay, stream cut. */
  readonly behaviour: ReplayBehaviour;
  /** Script more recordings (searched before everything loaded so far). */
  add(...recordings: ScriptedRecording[]): void;
  /** Throws with every miss's closest recording and diff. */
  assertNoMisses(): void;
  /** Forget received requests and misses. */
  reset(): void;
  close(): Promise<void>;
}

/** A folder's recordings, loaded and indexed once per process: the index is never changed after this. */
const folderCache = new Map<string, Promise<RecordingIndex>>();

function folderIndex(dir: string): Promise<RecordingIndex> {
  let loaded = folderCache.get(dir);
  if (!loaded) {
    loaded = loadRecordings(dir).then((recordings) => new RecordingIndex(recordings));
    folderCache.set(dir, loaded);
    loaded.catch(() => folderCache.delete(dir));
  }
  return loaded;
}

const DEFAULT_VERSION = '0.11.4';
const JSON_TYPE = 'application/json; charset=utf-8';

/** Normalise `llama3.2` to `llama3.2:latest` as Ollama does. */
function withTag(name: string): string {
  return name.includes(':') ? name : `${name}:latest`;
}

function toReplayModel(entry: string | ReplayModel): ReplayModel {
  return typeof entry === 'string' ? { model: entry } : entry;
}

function tagEntry(model: ReplayModel): Record<string, unknown> {
  return {
    name: model.model,
    model: model.model,
    modified_at: model.modified_at ?? '2025-08-01T00:00:00Z',
    size: model.size ?? 0,
    digest: model.digest ?? '0'.repeat(64),
    details: model.details ?? {
      parent_model: '',
      format: 'gguf',
      family: 'llama',
      families: ['llama'],
      parameter_size: '',
      quantization_level: '',
    },
  };
}

/** Start an Ollama look-alike on 127.0.0.1 that answers from recordings. */
export async function startReplayServer(options: ReplayServerOptions = {}): Promise<ReplayServer> {
  const dir = options.recordingsDir === false ? undefined : (options.recordingsDir ?? defaultRecordingsDir());
  const folder = dir ? await folderIndex(dir) : new RecordingIndex();
  const scripted = new RecordingIndex(options.recordings ?? []);
  const listedModels = options.models?.map(toReplayModel);
  const behaviour: ReplayBehaviour = {
    chunkDelayMs: options.chunkDelayMs ?? 0,
    ...(options.cutStream ? { cutStream: options.cutStream } : {}),
  };
  const requests: ReceivedRequest[] = [];
  const misses: ReplayMiss[] = [];

  const knownModels = (): Set<string> => {
    if (listedModels) return new Set(listedModels.map((m) => withTag(m.model)));
    const names = new Set<string>();
    for (const index of [scripted, folder]) {
      for (const model of index.models) names.add(withTag(model));
      for (const entry of tagsFromRecordings(index)) names.add(withTag(entry.model));
    }
    return names;
  };

  const tagsFromRecordings = (index: RecordingIndex): ReplayModel[] => {
    let best: ReplayModel[] | undefined;
    for (const recording of index.all) {
      if (recording.request.path !== '/api/tags' || recording.response.streaming) continue;
      const models = ((recording.response.body as { models?: ReplayModel[] })?.models ?? []).filter(
        (m) => typeof m?.model === 'string',
      );
      if (!best || models.length >= best.length) best = models;
    }
    return best ?? [];
  };

  const tagsBody = (): unknown => {
    if (listedModels) return { models: listedModels.map(tagEntry) };
    for (const index of [scripted, folder]) {
      const models = tagsFromRecordings(index);
      if (models.length > 0) {
        // The recorder's Python client dropped `name`; Ollama sends it, so it is put back.
        return { models: models.map((m) => ({ name: m.model, ...m })) };
      }
    }
    return { models: [...knownModels()].map((model) => tagEntry({ model })) };
  };

  const handle = async (res: ServerResponse, received: ReceivedRequest) => {
    const path = received.path;
    const method = received.method;
    const send = (status: number, body: unknown, outcome: ReplayOutcome) => {
      received.status = status;
      received.outcome = outcome;
      res.writeHead(status, { 'content-type': JSON_TYPE });
      res.end(JSON.stringify(body));
    };

    if ((method === 'GET' || method === 'HEAD') && path === '/') {
      received.status = 200;
      received.outcome = 'synthesised';
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Ollama is running');
      return;
    }
    if (method === 'GET' && path === '/api/version') {
      return send(200, { version: options.version ?? DEFAULT_VERSION }, 'synthesised');
    }
    if (method === 'GET' && path === '/api/tags') {
      const recorded = listedModels ? undefined : scripted.latest('/api/tags');
      if (recorded && !recorded.response.streaming) {
        received.recordingId = recorded.id;
        return send(recorded.response.status ?? 200, recorded.response.body, 'replayed');
      }
      return send(200, tagsBody(), 'synthesised');
    }
    if (method === 'GET' && path === '/api/ps') {
      const recorded = scripted.latest('/api/ps') ?? folder.latest('/api/ps');
      if (recorded && !recorded.response.streaming) {
        received.recordingId = recorded.id;
        return send(recorded.response.status ?? 200, recorded.response.body, 'replayed');
      }
      return send(200, { models: [] }, 'synthesised');
    }
    if (method === 'POST' && path === '/api/show') {
      const model = modelOf(received.body);
      if (!model || !knownModels().has(withTag(model))) {
        return send(404, { error: `model '${model ?? ''}' not found` }, 'model_not_found');
      }
      const listed = listedModels?.find((m) => withTag(m.model) === withTag(model));
      const details = tagEntry(listed ?? { model }).details;
      return send(
        200,
        {
          modelfile: '',
          parameters: '',
          template: '{{ .Prompt }}',
          details,
          model_info: {},
          capabilities: model.includes('embed') || model.includes('minilm') ? ['embedding'] : ['completion'],
        },
        'synthesised',
      );
    }
    if (method !== 'POST') {
      return send(404, { error: `replay server: no route for ${method} ${path}` }, 'miss');
    }

    const model = modelOf(received.body);
    const scriptedMatch = scripted.find(path, received.body);
    if (!scriptedMatch && model !== undefined && !knownModels().has(withTag(model))) {
      // Ollama's own words for a model that was never pulled.
      return send(404, { error: `model "${model}" not found, try pulling it first` }, 'model_not_found');
    }

    const match = scriptedMatch ?? folder.find(path, received.body);
    if (!match) {
      const closest =
        findClosestRecording(path, received.body, scripted.all) ??
        findClosestRecording(path, received.body, folder.all);
      const where = closest
        ? `closest recording: ${closest.recording.file ?? closest.recording.id}\n${closest.diff}`
        : `no recording of ${path} at all`;
      const message = `replay miss: no recording for POST ${path} (model ${model ?? 'none'}); ${where}`;
      misses.push({
        method,
        path,
        body: received.body,
        ...(model ? { model } : {}),
        ...(closest
          ? {
              closest: {
                id: closest.recording.id,
                ...(closest.recording.file ? { file: closest.recording.file } : {}),
              },
              diff: closest.diff,
            }
          : {}),
        message,
      });
      return send(
        500,
        {
          error: message,
          replay_miss: closest
            ? { closest: closest.recording.file ?? closest.recording.id, diff: closest.diff }
            : { closest: null },
        },
        'miss',
      );
    }

    const { recording, converted } = match;
    received.recordingId = recording.id;
    received.converted = converted;
    const stream = wantsStream(path, received.body);
    const { response } = recording;
    if (!response.streaming && (response.status ?? 200) >= 400) {
      // A scripted HTTP error is sent as is, streaming request or not.
      return send(response.status!, response.body, 'replayed');
    }
    if (!stream) {
      const body = response.streaming ? chunksToBody(path, response.chunks) : response.body;
      return send(response.streaming ? 200 : (response.status ?? 200), body, 'replayed');
    }
    const chunks = response.streaming ? response.chunks : bodyToChunks(path, response.body);
    const sse = path.startsWith('/v1/');
    received.status = 200;
    res.writeHead(200, {
      'content-type': sse ? 'text/event-stream' : 'application/x-ndjson',
      'cache-control': 'no-cache',
    });
    res.flushHeaders();
    const cut = behaviour.cutStream;
    for (const [index, chunk] of chunks.entries()) {
      if (cut && index >= cut.afterChunks) {
        received.outcome = 'cut';
        if (cut.how === 'end') res.end();
        else res.destroy();
        return;
      }
      if (behaviour.chunkDelayMs > 0) await sleep(behaviour.chunkDelayMs);
      if (res.destroyed) return;
      res.write(sse ? `data: ${JSON.stringify(chunk)}\n\n` : `${JSON.stringify(chunk)}\n`);
    }
    if (sse) res.write('data: [DONE]\n\n');
    received.outcome = 'replayed';
    res.end();
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const parts: Buffer[] = [];
    let settle: (outcome: ReplayOutcome) => void = () => {};
    const received: ReceivedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers: req.headers,
      body: undefined,
      rawBody: '',
      outcome: 'pending',
      settled: new Promise((resolve) => {
        settle = resolve;
      }),
    };
    requests.push(received);
    res.on('close', () => {
      if (!res.writableFinished && received.outcome !== 'cut') received.outcome = 'aborted';
      settle(received.outcome);
    });
    req.on('data', (part: Buffer) => parts.push(part));
    req.on('end', () => {
      received.rawBody = Buffer.concat(parts).toString('utf8');
      if (received.rawBody.trim() !== '') {
        try {
          received.body = JSON.parse(received.rawBody);
        } catch {
          received.status = 400;
          received.outcome = 'bad_request';
          res.writeHead(400, { 'content-type': JSON_TYPE });
          res.end(JSON.stringify({ error: 'invalid JSON in request body' }));
          return;
        }
      }
      handle(res, received).catch((error: unknown) => {
        received.outcome = 'miss';
        if (!res.headersSent) {
          res.writeHead(500, { 'content-type': JSON_TYPE });
          res.end(JSON.stringify({ error: `replay server failed: ${String(error)}` }));
        } else res.destroy();
      });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    misses,
    behaviour,
    add(...recordings) {
      for (const recording of recordings) scripted.add(recording);
    },
    assertNoMisses() {
      if (misses.length === 0) return;
      throw new Error(
        `${misses.length} request(s) had no recording:\n\n${misses.map((miss) => miss.message).join('\n\n')}`,
      );
    },
    reset() {
      requests.length = 0;
      misses.length = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
