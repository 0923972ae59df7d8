import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const recordingsDir = path.resolve(packageDir, '../../../shared/fixtures/ollama-recordings');

export interface IndexRow {
  file: string;
  server: string;
  endpoint: string;
  model: string;
  stream: boolean;
  description: string;
  tests: string[];
  tags: string[];
}

export interface GenerateRecording {
  id: string;
  row: IndexRow;
  request: { body: { model: string; prompt: string; raw?: boolean; stream?: boolean; options?: object } };
  response:
    | { streaming: true; chunks: { response?: string; done?: boolean; done_reason?: string }[] }
    | { streaming: false; body: { response?: string; done_reason?: string } };
}

let cache: GenerateRecording[] | undefined;

/** Every recorded `/api/generate` exchange, in index order. */
export function generateRecordings(): GenerateRecording[] {
  if (cache) return cache;
  const index = JSON.parse(readFileSync(path.join(recordingsDir, 'index.json'), 'utf8')) as {
    recordings: IndexRow[];
  };
  cache = index.recordings
    .filter((row) => row.endpoint === '/api/generate')
    .map((row) => {
      const file = JSON.parse(readFileSync(path.join(recordingsDir, row.file), 'utf8'));
      return { id: row.file.replace(/\.json$/, ''), row, request: file.request, response: file.response };
    });
  return cache;
}

/** The model's whole output: the response text, streamed chunks concatenated. */
export function recordedOutput(recording: GenerateRecording): string {
  const { response } = recording;
  if (response.streaming) return response.chunks.map((chunk) => chunk.response ?? '').join('');
  return response.body.response ?? '';
}

export function recordedChunks(recording: GenerateRecording): string[] {
  const { response } = recording;
  if (response.streaming) return response.chunks.map((chunk) => chunk.response ?? '');
  return [response.body.response ?? ''];
}
