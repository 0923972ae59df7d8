import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Recording, ScriptedRecording } from '@llama-stack-ts/inference-ollama/testing';
import { isGuardPrompt, offersCustomTools, type PromptTail, promptTail } from './prompt-tail.js';
import { scriptedRecordings } from './scripted-recordings.js';

/** apps/demo/recordings, found from src/ (tests) and from dist/ (the built CLI). */
export function demoRecordingsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'recordings');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    dir = resolve(dir, '..');
  }
  throw new Error('apps/demo/recordings not found next to the demo');
}

export function loadDemoRecordings(dir = demoRecordingsDir()): Recording[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as Recording);
}

interface Body {
  model?: string;
  prompt?: string;
}

function sameTail(a: PromptTail | undefined, b: PromptTail | undefined): boolean {
  return a !== undefined && b !== undefined && a.role === b.role && a.text === b.text;
}

/**
 * Recorded /api/generate responses matched by model and last message (see prompt-tail.ts), preferring a
 * recording that offered custom tools when the request does, and the other way round. Scripted responses
 * (for steps no recording holds: the code interpreter) come last and say so in their id.
 */
export function offlineReplayRecordings(recordings: Recording[] = loadDemoRecordings()): ScriptedRecording[] {
  const generate = recordings.filter((r) => r.request.path === '/api/generate');
  const match = (recording: Recording) => {
    const recorded = recording.request.body as Body;
    const recordedTail = promptTail(recorded.prompt ?? '');
    const recordedTools = offersCustomTools(recorded.prompt ?? '');
    return ({ body }: { path: string; body: unknown }) => {
      const request = body as Body;
      if (request.model !== recorded.model || typeof request.prompt !== 'string') return false;
      if (!sameTail(promptTail(request.prompt), recordedTail)) return false;
      if (isGuardPrompt(request.prompt)) return true;
      const wantsTools = offersCustomTools(request.prompt);
      if (wantsTools === recordedTools) return true;
      // Only fall back to a recording made with(out) tools when no better one exists.
      return !generate.some(
        (other) =>
          other !== recording &&
          (other.request.body as Body).model === request.model &&
          sameTail(promptTail((other.request.body as Body).prompt ?? ''), recordedTail) &&
          offersCustomTools((other.request.body as Body).prompt ?? '') === wantsTools,
      );
    };
  };
  // The replay server tries wildcards last-added first, so add the least specific first.
  return [
    ...scriptedRecordings(),
    ...generate.map((recording) => ({ ...recording, match: match(recording) })),
  ];
}
