import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  buildChunkSet,
  type ChunkSet,
  MODEL_SHOW,
  MODEL_TAGS,
  OPENAI_MODELS,
  ollamaDone,
  openaiCompletion,
  openaiToolCallChunk,
  openaiUsageChunk,
} from './chunks.js';
import { decideMessages, decideRaw, type ToolCallSpelling } from './script.js';

export interface FakeModelServerOptions {
  /** Tokens in every answer (default 100). */
  tokens?: number;
  /** Delay before each streamed chunk; 0 (default) writes them back to back. */
  tokenDelayMs?: number;
  /** How raw /api/generate spells the tool call (default `python_list`, what Llama 3.2 emits for the prompt Llama Stack builds). */
  toolCallSpelling?: ToolCallSpelling;
  port?: number;
}

export interface FakeModelServerStats {
  calls: number;
  callsByEndpoint: Record<string, number>;
  toolCalls: number;
  answers: number;
  /** This process's CPU (user + system) since it started, in microseconds. */
  cpuMicros: number;
  uptimeMs: number;
}

export interface FakeModelServer {
  /** Base URL, e.g. http://127.0.0.1:43123 (Ollama API at the root, OpenAI API under /v1). */
  url: string;
  configure(options: Pick<FakeModelServerOptions, 'tokens' | 'tokenDelayMs' | 'toolCallSpelling'>): void;
  stats(): FakeModelServerStats;
  close(): Promise<void>;
}

type Json = Record<string, any>;

async function readJson(req: IncomingMessage): Promise<Json> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  if (parts.length === 0) return {};
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as Json;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(payload),
  });
  res.end(payload);
}

/** Roughly four characters per token, so a provider comparing it to its own estimate sees no truncation. */
const estimateTokens = (text: string) => Math.ceil(text.length / 4);

export async function startFakeModelServer(options: FakeModelServerOptions = {}): Promise<FakeModelServer> {
  let tokenDelayMs = options.tokenDelayMs ?? 0;
  let spelling: ToolCallSpelling = options.toolCallSpelling ?? 'python_list';
  let chunks: ChunkSet = buildChunkSet(options.tokens ?? 100, spelling);
  const cpuAtStart = process.cpuUsage();
  const startedAt = performance.now();
  const counts = { calls: 0, toolCalls: 0, answers: 0, byEndpoint: {} as Record<string, number> };
  let toolCallSerial = 0;

  async function stream(
    res: ServerResponse,
    contentType: string,
    parts: readonly Buffer[],
    tail: readonly Buffer[],
  ) {
    res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-cache' });
    if (tokenDelayMs === 0) {
      // Back to back: each token is still its own HTTP chunk and its own NDJSON line or SSE event, but the
      // socket is corked so they leave in one writev instead of one syscall per token (the server's CPU per
      // call would otherwise rival the floor's).
      res.socket?.cork();
      for (const part of parts) res.write(part);
      for (const part of tail) res.write(part);
      res.end();
      res.socket?.uncork();
      return;
    }
    let closed = false;
    res.once('close', () => {
      closed = true;
    });
    for (const part of parts) {
      await sleep(tokenDelayMs);
      if (closed) return;
      res.write(part);
    }
    for (const part of tail) res.write(part);
    res.end();
  }

  async function generate(body: Json, res: ServerResponse) {
    const prompt = typeof body.prompt === 'string' ? body.prompt : '';
    const reply = decideRaw(prompt);
    const toolCall = reply.kind === 'tool_call';
    toolCall ? counts.toolCalls++ : counts.answers++;
    const parts = toolCall ? chunks.generateToolCall : chunks.generateAnswer;
    const done = ollamaDone({
      promptTokens: estimateTokens(prompt),
      evalCount: parts.length,
      extra: { response: '' },
    });
    if (body.stream === false) {
      sendJson(res, 200, { ...done, response: toolCall ? chunks.toolCallText : chunks.text });
      return;
    }
    await stream(res, 'application/x-ndjson', parts, [Buffer.from(`${JSON.stringify(done)}\n`)]);
  }

  async function chat(body: Json, res: ServerResponse) {
    const messages: Json[] = Array.isArray(body.messages) ? body.messages : [];
    const reply = decideMessages(messages, body.tools);
    const toolCall = reply.kind === 'tool_call';
    toolCall ? counts.toolCalls++ : counts.answers++;
    const parts = toolCall ? chunks.chatToolCall : chunks.chatAnswer;
    const promptTokens = estimateTokens(JSON.stringify(messages));
    const done = ollamaDone({
      promptTokens,
      evalCount: toolCall ? 10 : chunks.tokens,
      extra: { message: { role: 'assistant', content: '' } },
    });
    if (body.stream === false) {
      const message = toolCall
        ? {
            role: 'assistant',
            content: '',
            tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }],
          }
        : { role: 'assistant', content: chunks.text };
      sendJson(res, 200, { ...done, message });
      return;
    }
    await stream(res, 'application/x-ndjson', parts, [Buffer.from(`${JSON.stringify(done)}\n`)]);
  }

  async function openaiChat(body: Json, res: ServerResponse) {
    const messages: Json[] = Array.isArray(body.messages) ? body.messages : [];
    const reply = decideMessages(messages, body.tools);
    const toolCall = reply.kind === 'tool_call';
    toolCall ? counts.toolCalls++ : counts.answers++;
    const promptTokens = estimateTokens(JSON.stringify(messages));
    const completionTokens = toolCall ? 10 : chunks.tokens;
    const callId = toolCall ? `call_bench_${++toolCallSerial}` : undefined;
    if (body.stream !== true) {
      sendJson(
        res,
        200,
        openaiCompletion({ content: chunks.text, toolCallId: callId, promptTokens, completionTokens }),
      );
      return;
    }
    const tail: Buffer[] = [toolCall ? chunks.openaiFinishToolCalls : chunks.openaiFinishStop];
    if (body.stream_options?.include_usage) tail.push(openaiUsageChunk(promptTokens, completionTokens));
    tail.push(chunks.openaiDone);
    const parts = toolCall ? [openaiToolCallChunk(callId!)] : chunks.openaiAnswer;
    await stream(res, 'text/event-stream', parts, tail);
  }

  function statsNow(): FakeModelServerStats {
    const cpu = process.cpuUsage(cpuAtStart);
    return {
      calls: counts.calls,
      callsByEndpoint: { ...counts.byEndpoint },
      toolCalls: counts.toolCalls,
      answers: counts.answers,
      cpuMicros: cpu.user + cpu.system,
      uptimeMs: performance.now() - startedAt,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0]!;
    const endpoint = `${req.method} ${path}`;
    if (endpoint !== 'GET /_bench/stats') {
      counts.calls++;
      counts.byEndpoint[endpoint] = (counts.byEndpoint[endpoint] ?? 0) + 1;
    }
    switch (endpoint) {
      case 'GET /':
      case 'HEAD /':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('Ollama is running');
        return;
      case 'GET /api/version':
        return sendJson(res, 200, { version: '0.11.4' });
      case 'GET /api/tags':
        return sendJson(res, 200, MODEL_TAGS);
      case 'GET /api/ps':
        return sendJson(res, 200, { models: [] });
      case 'POST /api/show':
        return sendJson(res, 200, MODEL_SHOW);
      case 'POST /api/generate':
        return generate(await readJson(req), res);
      case 'POST /api/chat':
        return chat(await readJson(req), res);
      case 'GET /_bench/stats':
        return sendJson(res, 200, statsNow());
      case 'GET /v1/models':
        return sendJson(res, 200, OPENAI_MODELS);
      case 'POST /v1/chat/completions':
        return openaiChat(await readJson(req), res);
      default:
        return sendJson(res, 404, { error: `fake model server: no route for ${endpoint}` });
    }
  }

  const server = createServer({ keepAlive: true }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 400, { error: String(error) });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    configure(next) {
      if (next.tokenDelayMs !== undefined) tokenDelayMs = next.tokenDelayMs;
      if (next.toolCallSpelling !== undefined) spelling = next.toolCallSpelling;
      if (next.tokens !== undefined || next.toolCallSpelling !== undefined) {
        chunks = buildChunkSet(next.tokens ?? chunks.tokens, spelling);
      }
    },
    stats: statsNow,
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
