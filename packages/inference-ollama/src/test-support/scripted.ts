import type { ScriptedRecording } from '../testing/index.js';

/** Ollama generate chunks for a raw answer split into pieces, ending with the `done` chunk and its stats. */
export function generateChunks(
  pieces: readonly string[],
  final: Record<string, unknown> = {},
): Array<Record<string, unknown>> {
  const base = { model: 'llama3.2:3b', created_at: '2025-08-01T00:00:00Z' };
  return [
    ...pieces.map((response) => ({ ...base, response, done: false })),
    {
      ...base,
      response: '',
      done: true,
      done_reason: 'stop',
      prompt_eval_count: 20,
      eval_count: pieces.length,
      ...final,
    },
  ];
}

/** Answer every `path` request with these streamed chunks. */
export function anyRequestTo(path: string, chunks: unknown[]): ScriptedRecording {
  return { id: `scripted ${path}`, request: { method: 'POST', path }, response: { streaming: true, chunks } };
}

/** Answer every `path` request with an HTTP error carrying Ollama's `{error}` body. */
export function errorFrom(path: string, status: number, error: string): ScriptedRecording {
  return {
    id: `error ${status}`,
    request: { method: 'POST', path },
    response: { streaming: false, status, body: { error } },
  };
}
