import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the client sent, as Llama Stack's recorder stored it: the JSON body is the wire body. */
export interface RecordedRequest {
  method: string;
  /** `/api/generate`, `/api/chat`, `/api/embed`, `/api/tags`, `/api/ps`, `/v1/chat/completions`, … */
  path: string;
  body?: unknown;
}

/** The answer: NDJSON chunks (Ollama) or SSE chunks (`/v1`), or one JSON body; `status` for scripted errors. */
export type RecordedResponse =
  | { streaming: true; chunks: unknown[] }
  | { streaming: false; body: unknown; status?: number };

/** One exchange, in the format of `shared/fixtures/ollama-recordings/` (extra fields are kept but unused). */
export interface Recording {
  /** File id (`08217db872f0`) or a name a test gives a scripted recording. */
  id: string;
  /** Path relative to the recordings folder, when loaded from one. */
  file?: string;
  request: RecordedRequest;
  response: RecordedResponse;
}

const FIXTURES_FROM_REPO_PARENT = path.join('shared', 'fixtures', 'ollama-recordings');

/**
 * The shared recordings folder: `$OLLAMA_RECORDINGS_DIR`, else the nearest `shared/fixtures/ollama-recordings`
 * above this package (the repo's parent holds `shared/`, here and in CI), so any cwd works.
 */
export function defaultRecordingsDir(): string {
  const fromEnv = process.env.OLLAMA_RECORDINGS_DIR;
  if (fromEnv) return path.resolve(fromEnv);
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, FIXTURES_FROM_REPO_PARENT);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    `Could not find ${FIXTURES_FROM_REPO_PARENT} above ${fileURLToPath(import.meta.url)}; ` +
      'pass recordingsDir or set OLLAMA_RECORDINGS_DIR.',
  );
}

/** Every `*.json` recording under `dir` (recursively; `index.json` skipped), sorted by file name. */
export async function loadRecordings(dir: string = defaultRecordingsDir()): Promise<Recording[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json') && entry.name !== 'index.json')
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  const recordings: Recording[] = [];
  for (const file of files) {
    const parsed: unknown = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
    if (!isRecording(parsed)) continue;
    recordings.push({ ...parsed, id: parsed.id ?? path.basename(file, '.json'), file });
  }
  return recordings;
}

function isRecording(value: unknown): value is Recording {
  if (value === null || typeof value !== 'object') return false;
  const { request, response } = value as Partial<Recording>;
  return (
    typeof request?.path === 'string' &&
    typeof request.method === 'string' &&
    response !== undefined &&
    typeof response.streaming === 'boolean'
  );
}
