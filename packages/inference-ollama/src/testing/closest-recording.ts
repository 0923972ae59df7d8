import { createTwoFilesPatch } from 'diff';
import type { Recording } from './recording.js';
import { canonicalJson, modelOf, primaryView, secondaryView } from './request-key.js';

export interface ClosestRecording {
  recording: Recording;
  /** A unified diff from the recording's request to the one received (prompts shown as text, not JSON). */
  diff: string;
}

const MAX_DIFF_CHARS = 6000;

/** The recording of the same endpoint whose request is most like `body` (same model first), with a diff. */
export function findClosestRecording(
  endpoint: string,
  body: unknown,
  recordings: readonly Recording[],
): ClosestRecording | undefined {
  const wanted = canonicalJson(primaryView(endpoint, body));
  const model = modelOf(body);
  let best: { recording: Recording; score: number } | undefined;
  for (const recording of recordings) {
    if (recording.request.path !== endpoint) continue;
    const candidate = canonicalJson(primaryView(endpoint, recording.request.body));
    const sameModel = modelOf(recording.request.body) === model ? 1_000_000_000 : 0;
    const score =
      sameModel + sharedEnds(wanted, candidate) - Math.abs(wanted.length - candidate.length) / 1000;
    if (!best || score > best.score) best = { recording, score };
  }
  if (!best) return undefined;
  return { recording: best.recording, diff: requestDiff(endpoint, best.recording, body) };
}

/** Characters shared at the start plus at the end: cheap, and prompts differ in one place more often than not. */
function sharedEnds(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < limit - prefix &&
    a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)
  ) {
    suffix++;
  }
  return prefix + suffix;
}

export function requestDiff(endpoint: string, recording: Recording, body: unknown): string {
  const before = readableRequest(endpoint, recording.request.body);
  const after = readableRequest(endpoint, body);
  const patch = createTwoFilesPatch(
    `recording ${recording.file ?? recording.id}`,
    'request received',
    before,
    after,
    undefined,
    undefined,
    { context: 3 },
  );
  return patch.length > MAX_DIFF_CHARS ? `${patch.slice(0, MAX_DIFF_CHARS)}\n… (diff cut)` : patch;
}

/** One section per field; strings (prompts, message contents) as their text so the diff is by line. */
function readableRequest(endpoint: string, body: unknown): string {
  const sections: string[] = [];
  const render = (label: string, value: unknown) => {
    if (typeof value === 'string') sections.push(`── ${label} ──\n${value}`);
    else if (Array.isArray(value) && label.endsWith('messages')) {
      value.forEach((message, index) => {
        const { content, ...rest } = (message ?? {}) as Record<string, unknown>;
        sections.push(`── ${label}[${index}] ${JSON.stringify(rest)} ──`);
        if (typeof content === 'string') sections.push(content);
        else if (content !== undefined) sections.push(JSON.stringify(content, null, 2));
      });
    } else sections.push(`── ${label} ──\n${JSON.stringify(value, null, 2)}`);
  };
  for (const [field, value] of Object.entries(primaryView(endpoint, body))) render(field, value);
  for (const [field, value] of Object.entries(secondaryView(endpoint, body))) render(field, value);
  return `${sections.join('\n')}\n`;
}
