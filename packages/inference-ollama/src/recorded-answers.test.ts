import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ChatCompletionRequest,
  type ChatCompletionChunk,
  type ToolCallDelta,
} from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { drain, RECORDINGS_DIR, recording } from './test-support/recordings.js';
import { type ReplayServer, startReplayServer } from './testing/index.js';

interface IndexRow {
  file: string;
  endpoint: string;
  model: string | null;
  stream: boolean;
  description: string;
  tags: string[];
}

const rows = (
  JSON.parse(readFileSync(path.join(RECORDINGS_DIR, 'index.json'), 'utf8')) as { recordings: IndexRow[] }
).recordings.filter(
  (row) =>
    row.endpoint === '/api/generate' &&
    row.model?.startsWith('llama3.2') &&
    row.tags.includes('tools_offered'),
);

/** What Llama Stack's parser made of the answer, as index.json records it: `get_weather({"location": …})`. */
function expectedCall(description: string): { tool_name: string; arguments: unknown } | undefined {
  const match = /emits a tool call: (\w+)\((\{.*\})\); done_reason/.exec(description);
  return match ? { tool_name: match[1]!, arguments: JSON.parse(match[2]!) } : undefined;
}

/** The functions the recorded prompt offered, by name. */
function offeredTools(prompt: string): string[] {
  return [...prompt.matchAll(/^ {8}"name": "(\w+)",$/gm)].map((match) => match[1]!);
}

let server: ReplayServer;
let provider: OllamaInferenceProvider;
beforeAll(async () => {
  server = await startReplayServer({ recordingsDir: false });
  provider = new OllamaInferenceProvider({ baseUrl: server.url });
});
afterAll(async () => {
  await server.close();
});

/** Serve one recording's answer to whatever is asked, and ask with the tools its prompt offered. */
async function replayAnswer(row: IndexRow): Promise<ChatCompletionChunk[]> {
  const recorded = recording(row.file);
  const body = recorded.request.body as { prompt: string; model: string };
  server.add({ ...recorded, id: row.file, request: { method: 'POST', path: '/api/generate' } });
  return drain(
    provider.chatCompletion(
      ChatCompletionRequest.parse({
        model_id: body.model,
        messages: [{ role: 'user', content: 'replayed' }],
        tools: offeredTools(body.prompt).map((tool_name) => ({ tool_name })),
        stream: row.stream,
      }),
    ),
  );
}

describe(`the ${rows.length} recorded Llama 3.2 answers to prompts with tools`, () => {
  it('covers both tool calls and plain answers, streamed and not', () => {
    expect(rows.filter((row) => expectedCall(row.description)).length).toBe(50);
    expect(rows.length).toBe(87);
  });

  it.each(
    rows.map((row) => [row.file, row] as const),
  )('%s decodes as Llama Stack decoded it', async (_file, row) => {
    const chunks = await replayAnswer(row);
    expect(chunks[0]!.event.event_type).toBe('start');
    expect(chunks.at(-1)!.event).toMatchObject({ event_type: 'complete', stop_reason: 'end_of_turn' });
    expect(chunks.filter((chunk) => chunk.event.event_type === 'complete')).toHaveLength(1);

    const toolDeltas = chunks
      .map((chunk) => chunk.event.delta)
      .filter((delta): delta is ToolCallDelta => delta.type === 'tool_call');
    const succeeded = toolDeltas.filter((delta) => delta.parse_status === 'succeeded');
    const call = expectedCall(row.description);
    if (call) {
      expect(toolDeltas[0]?.parse_status).toBe('started');
      const firstTerminal = toolDeltas.findIndex(
        (d) => d.parse_status === 'succeeded' || d.parse_status === 'failed',
      );
      expect(toolDeltas.slice(1, firstTerminal).every((d) => d.parse_status === 'in_progress')).toBe(true);
      expect(succeeded.map((delta) => delta.tool_call)).toEqual([expect.objectContaining(call)]);
    } else {
      expect(toolDeltas).toEqual([]);
      const text = chunks.map((c) => (c.event.delta.type === 'text' ? c.event.delta.text : '')).join('');
      const answer = /answers "(.*?)(…)?"/.exec(row.description)?.[1];
      expect(answer).toBeDefined();
      expect(text).toContain(answer!.replace(/\\n/g, '\n').slice(0, 40));
    }
  });
});
