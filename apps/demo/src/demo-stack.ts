import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReplayServer, startReplayServer } from '@llama-stack-ts/inference-ollama/testing';
import { type RunningServer, startServer } from '@llama-stack-ts/server';
import { DEFAULT_SHIELD_MODEL } from './demo-script.js';
import { offlineReplayRecordings } from './offline/offline-recordings.js';
import { mountWebPage, type WebSettings } from './web/mount-web-page.js';

export type DemoMode =
  | { kind: 'live'; ollamaUrl: string }
  | { kind: 'offline'; reason: string }
  | { kind: 'remote'; serverUrl: string };

export interface DemoStack {
  mode: DemoMode;
  url: string;
  /** Toolgroups and shields the server offers. */
  toolgroups: string[];
  shields: string[];
  models: string[];
  replay?: ReplayServer;
  /** What the web page's agent uses (set once the demo has chosen its agent). */
  webSettings?: WebSettings;
  close(): Promise<void>;
}

async function ollamaModels(url: string, signal?: AbortSignal): Promise<string[] | undefined> {
  try {
    const response = await fetch(new URL('/api/tags', url), {
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(1500)]) : AbortSignal.timeout(1500),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { models?: Array<{ name?: string; model?: string }> };
    return (body.models ?? []).map((m) => m.model ?? m.name ?? '').filter(Boolean);
  } catch {
    return undefined;
  }
}

/** Live when an Ollama at `ollamaUrl` has the model; otherwise offline on the recordings. */
export async function chooseMode(options: {
  ollamaUrl: string;
  model: string;
  offline?: boolean;
  serverUrl?: string;
}): Promise<DemoMode> {
  if (options.serverUrl) return { kind: 'remote', serverUrl: options.serverUrl };
  if (options.offline) return { kind: 'offline', reason: '--offline was given' };
  const models = await ollamaModels(options.ollamaUrl);
  if (!models) return { kind: 'offline', reason: `no Ollama answered at ${options.ollamaUrl}` };
  const wanted = options.model.includes(':') ? options.model : `${options.model}:latest`;
  if (!models.includes(wanted)) {
    return {
      kind: 'offline',
      reason: `Ollama at ${options.ollamaUrl} does not have ${options.model} (run: ollama pull ${options.model})`,
    };
  }
  return { kind: 'live', ollamaUrl: options.ollamaUrl };
}

async function listIds(url: string, path: string, apiKey?: string): Promise<string[]> {
  const response = await fetch(new URL(path, url), {
    headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {},
  });
  if (!response.ok) throw new Error(`GET ${path} answered HTTP ${response.status}`);
  const body = (await response.json()) as { data: Array<{ identifier: string }> };
  return body.data.map((item) => item.identifier);
}

/** Starts what the demo needs: the replay server (offline), then the llama-stack-ts server in-process with the web page. */
export async function startDemoStack(options: {
  mode: DemoMode;
  model: string;
  shieldModel?: string;
  port?: number;
  host?: string;
  apiKey?: string;
  web?: boolean;
}): Promise<DemoStack> {
  const { mode } = options;
  if (mode.kind === 'remote') {
    return {
      mode,
      url: mode.serverUrl,
      toolgroups: await listIds(mode.serverUrl, '/v1/toolgroups', options.apiKey),
      shields: await listIds(mode.serverUrl, '/v1/shields', options.apiKey),
      models: await listIds(mode.serverUrl, '/v1/models', options.apiKey),
      close: async () => {},
    };
  }
  const shieldModel = options.shieldModel ?? DEFAULT_SHIELD_MODEL;
  let replay: ReplayServer | undefined;
  let ollamaUrl: string;
  if (mode.kind === 'offline') {
    replay = await startReplayServer({
      recordingsDir: false,
      recordings: offlineReplayRecordings(),
      models: [options.model, shieldModel],
    });
    ollamaUrl = replay.url;
  } else {
    ollamaUrl = mode.ollamaUrl;
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'llama-stack-ts-demo-'));
  let server: RunningServer;
  try {
    server = await startServer(
      {
        server: {
          log_level: 'error',
          ...(options.apiKey ? { auth: { api_keys: [options.apiKey] } } : {}),
        },
        providers: {
          inference: { url: ollamaUrl },
          safety: { llama_guard: { enabled: 'auto', model: shieldModel } },
          storage: { type: 'sqlite' },
        },
      },
      { port: options.port ?? 0, host: options.host ?? '127.0.0.1', dataDir },
    );
  } catch (error) {
    await replay?.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  // Before the server answers anything: Hono takes no new routes once it has matched a request.
  if (options.web) mountWebPage(server.app, () => stack.webSettings);
  const stack: DemoStack = {
    mode,
    url: server.url,
    toolgroups: [],
    shields: [],
    models: [],
    ...(replay ? { replay } : {}),
    async close() {
      await server.close();
      await replay?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  stack.toolgroups = await listIds(server.url, '/v1/toolgroups', options.apiKey);
  stack.shields = await listIds(server.url, '/v1/shields', options.apiKey);
  stack.models = await listIds(server.url, '/v1/models', options.apiKey);
  return stack;
}
