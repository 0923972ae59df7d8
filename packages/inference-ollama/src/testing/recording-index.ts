import type { Recording } from './recording.js';
import { modelOf, primaryKey, secondaryKey, wantsStream } from './request-key.js';
import { canConvertStreaming } from './stream-conversion.js';

/** Scripted recordings may match by predicate instead of by body: `match` wins, a missing body matches any. */
export interface ScriptedRecording extends Recording {
  match?: (request: { path: string; body: unknown }) => boolean;
}

export interface RecordingMatch {
  recording: Recording;
  /** True when the recording is streamed and the request is not, or the other way round. */
  converted: boolean;
}

interface IndexedRecording {
  recording: ScriptedRecording;
  secondary: string;
  streaming: boolean;
  recordedAt: number;
}

/** Recordings grouped by primary key, ranked on lookup: same stream mode, same options, then most recent. */
export class RecordingIndex {
  private readonly byKey = new Map<string, IndexedRecording[]>();
  private readonly wildcards: IndexedRecording[] = [];
  readonly all: ScriptedRecording[] = [];
  readonly models = new Set<string>();

  constructor(recordings: readonly ScriptedRecording[] = []) {
    for (const recording of recordings) this.add(recording);
  }

  add(recording: ScriptedRecording): void {
    const { path, body } = recording.request;
    const entry: IndexedRecording = {
      recording,
      secondary: secondaryKey(path, body),
      streaming: recording.response.streaming,
      recordedAt: recordedAt(recording),
    };
    this.all.push(recording);
    const model = modelOf(body);
    if (model) this.models.add(model);
    if (recording.match || body === undefined) {
      this.wildcards.push(entry);
      return;
    }
    const key = primaryKey(path, body);
    const list = this.byKey.get(key);
    if (list) list.push(entry);
    else this.byKey.set(key, [entry]);
  }

  find(path: string, body: unknown): RecordingMatch | undefined {
    const stream = wantsStream(path, body);
    const convertible = canConvertStreaming(path);
    const usable = (entry: IndexedRecording) => entry.streaming === stream || convertible;
    const wildcard = this.wildcards.findLast(
      (entry) =>
        entry.recording.request.path === path &&
        usable(entry) &&
        (entry.recording.match ? entry.recording.match({ path, body }) : true),
    );
    const candidates = wildcard ? [wildcard] : (this.byKey.get(primaryKey(path, body)) ?? []).filter(usable);
    if (candidates.length === 0) return undefined;
    const secondary = secondaryKey(path, body);
    const rank = (entry: IndexedRecording) =>
      (entry.streaming === stream ? 2 : 0) + (entry.secondary === secondary ? 1 : 0);
    let best = candidates[0]!;
    for (const entry of candidates.slice(1)) {
      const better = rank(entry) - rank(best) || entry.recordedAt - best.recordedAt;
      if (better > 0) best = entry;
    }
    return { recording: best.recording, converted: best.streaming !== stream };
  }

  /** The most recent recording of a body-less endpoint such as `/api/tags`. */
  latest(path: string): Recording | undefined {
    let best: Recording | undefined;
    for (const recording of this.all) {
      if (recording.request.path !== path) continue;
      if (!best || recordedAt(recording) >= recordedAt(best)) best = recording;
    }
    return best;
  }
}

function recordedAt(recording: Recording): number {
  const { response } = recording;
  const sample = (response.streaming ? response.chunks.at(-1) : response.body) as
    | {
        created_at?: unknown;
        created?: unknown;
        models?: Array<{ modified_at?: unknown; expires_at?: unknown }>;
      }
    | undefined;
  if (typeof sample?.created_at === 'string') return Date.parse(sample.created_at) || 0;
  if (typeof sample?.created === 'number') return sample.created * 1000;
  const first = sample?.models?.[0];
  const stamp = first?.expires_at ?? first?.modified_at;
  return typeof stamp === 'string' ? Date.parse(stamp) || 0 : 0;
}
