import { spawn } from 'node:child_process';
import { cancelledFrom } from '@llama-stack-ts/api-types';
import type { ResolvedCodeInterpreterLimits } from '../config.js';
import { LineCollector, OutputCapture } from './output-capture.js';
import { RUNNER_SOURCE } from './runner-source.js';
import { bubblewrapArguments, type SandboxLayout } from './sandbox-layout.js';

export interface SandboxRunRequest {
  code: string;
  bwrapPath: string;
  pythonPath: string;
  layout: SandboxLayout;
  /** Host directory bound read-write at /work. */
  workDir: string;
  limits: ResolvedCodeInterpreterLimits;
  /** Host uid/gid to start bubblewrap as; undefined keeps the server's own. */
  hostUser?: { uid: number; gid: number };
  /** Called every `watchIntervalMs` while the code runs; a reason it returns stops the sandbox. */
  watch?: () => Promise<StopReason | undefined>;
  watchIntervalMs?: number;
  /** Seed numpy's generator (importing numpy costs about 0.1 s). Default: when the code looks like it uses numpy. */
  seedNumpy?: boolean;
  signal?: AbortSignal;
}

/** Why the sandbox was stopped before the code finished on its own. */
export type StopReason = 'wall_time' | 'cpu_time' | 'output' | 'disk' | 'killed';

export interface SandboxRun {
  /** False when bubblewrap failed before Python started (the sandbox itself is broken). */
  started: boolean;
  exitCode: number | null;
  stopReason?: StopReason;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  figures: Uint8Array[];
  figuresDropped: number;
  pythonVersion?: string;
  durationMs: number;
}

const SIGXCPU_EXIT = 128 + 24;
const SIGKILL_EXIT = 128 + 9;

/**
 * Runs Python code in bubblewrap and settles when every process of the sandbox is gone. bwrap is
 * started with an empty environment (its own /proc/1/environ is visible inside) in its own process
 * group, which the wall-clock timer and abort kill as a whole; the sandbox's pid namespace dies with it.
 */
export function runSandboxed(request: SandboxRunRequest): Promise<SandboxRun> {
  const { limits, signal } = request;
  if (signal?.aborted) return Promise.reject(cancelledFrom(signal));
  const runnerLimits = {
    cpu_seconds: limits.cpuSeconds,
    memory_bytes: limits.memoryBytes,
    max_processes: limits.maxProcesses,
    max_file_bytes: limits.maxFileBytes,
    max_open_files: limits.maxOpenFiles,
    seed_numpy: request.seedNumpy ?? mayUseNumpy(request.code),
  };
  const args = [
    ...bubblewrapArguments(request.layout, request.workDir, limits.tmpBytes),
    '--',
    request.pythonPath,
    '-s',
    '-c',
    RUNNER_SOURCE,
    JSON.stringify(runnerLimits),
  ];

  return new Promise<SandboxRun>((resolve, reject) => {
    const startedAt = performance.now();
    const child = spawn(request.bwrapPath, args, {
      env: {},
      stdio: ['pipe', 'pipe', 'pipe', 'pipe'],
      detached: true,
      ...(request.hostUser ? { uid: request.hostUser.uid, gid: request.hostUser.gid } : {}),
    });
    const stdout = new OutputCapture(limits.maxOutputBytes);
    const stderr = new OutputCapture(limits.maxOutputBytes);
    // Base64 makes figures a third larger; a little slack for the JSON around them.
    const channel = new LineCollector(Math.ceil(limits.maxFigureBytes * 1.37) + 64 * 1024);
    let stopReason: StopReason | undefined;
    let aborted = false;
    let settled = false;

    const killSandbox = () => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const stop = (reason: StopReason) => {
      stopReason ??= reason;
      killSandbox();
    };
    const timer = setTimeout(() => stop('wall_time'), limits.wallTimeMs);
    let watching = false;
    const watcher = request.watch
      ? setInterval(() => {
          if (watching || settled) return;
          watching = true;
          request.watch!()
            .then((reason) => {
              if (reason && !settled) stop(reason);
            })
            .catch(() => {})
            .finally(() => {
              watching = false;
            });
        }, request.watchIntervalMs ?? 250)
      : undefined;
    const onAbort = () => {
      aborted = true;
      killSandbox();
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => {
      if (!stdout.push(chunk)) stop('output');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (!stderr.push(chunk)) stop('output');
    });
    const figureStream = child.stdio[3];
    figureStream?.on('data', (chunk: Buffer) => channel.push(chunk));
    figureStream?.on('error', () => {});
    child.stdin.on('error', () => {});
    child.stdin.end(request.code);

    const cleanUp = () => {
      settled = true;
      clearTimeout(timer);
      clearInterval(watcher);
      signal?.removeEventListener('abort', onAbort);
    };
    child.on('error', (error) => {
      // Only a failed spawn settles here; errors of a running child end in 'close'.
      if (settled || child.pid !== undefined) return;
      cleanUp();
      reject(error);
    });
    child.on('close', (code) => {
      if (settled) return;
      cleanUp();
      if (aborted && signal) {
        reject(cancelledFrom(signal));
        return;
      }
      const records = parseRecords(channel.lines);
      const started = records.started !== undefined;
      if (stopReason === undefined && started) {
        if (code === SIGXCPU_EXIT) stopReason = 'cpu_time';
        else if (code === SIGKILL_EXIT) stopReason = 'killed';
      }
      const figures: Uint8Array[] = [];
      let figuresDropped = channel.overflowed ? 1 : 0;
      let figureBytes = 0;
      for (const figure of records.figures) {
        if (figures.length >= limits.maxFigures || figureBytes + figure.byteLength > limits.maxFigureBytes) {
          figuresDropped += 1;
          continue;
        }
        figures.push(figure);
        figureBytes += figure.byteLength;
      }
      resolve({
        started,
        exitCode: code,
        ...(stopReason ? { stopReason } : {}),
        stdout: stdout.text(),
        stderr: stderr.text(),
        stdoutTruncated: stdout.truncated,
        stderrTruncated: stderr.truncated,
        figures,
        figuresDropped,
        ...(records.started ? { pythonVersion: records.started } : {}),
        durationMs: Math.round(performance.now() - startedAt),
      });
    });
  });
}

function parseRecords(lines: readonly string[]): { started?: string; figures: Uint8Array[] } {
  const result: { started?: string; figures: Uint8Array[] } = { figures: [] };
  for (const line of lines) {
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      continue;
    }
    if (record === null || typeof record !== 'object') continue;
    const { kind, python, png_base64: png } = record as Record<string, unknown>;
    if (kind === 'started' && result.started === undefined)
      result.started = typeof python === 'string' ? python : '';
    if (kind === 'figure' && typeof png === 'string') result.figures.push(Buffer.from(png, 'base64'));
  }
  return result;
}

/** Code that names numpy or a library built on it gets numpy seeded as Llama Stack did; other code starts faster. */
export function mayUseNumpy(code: string): boolean {
  return /\b(numpy|np|pandas|pd|scipy|sklearn|matplotlib|plt|seaborn|statsmodels)\b/.test(code);
}
