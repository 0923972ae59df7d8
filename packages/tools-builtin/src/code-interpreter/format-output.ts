import type { SandboxRun, StopReason } from './run-sandboxed.js';

export interface FormattedOutput {
  status: 'completed' | 'failed';
  /** The tool response text in the Llama model-card layout. */
  text: string;
}

/**
 * The code interpreter's answer as Llama 3.1's model card shows it: `completed` or `failed`, then
 * `\n[stdout]…[/stdout]` and `\n[stderr]…[/stderr]` when not empty. Limits and truncation are told
 * in stderr, so the model can correct its code.
 */
export function formatSandboxOutput(
  run: SandboxRun,
  options: {
    limits: { wallTimeMs: number; cpuSeconds: number; maxOutputBytes: number };
    figureNotes: string[];
    /** Said in stderr, after the notes about limits. */
    extraNotes?: string[];
  },
): FormattedOutput {
  const status = run.exitCode === 0 && run.stopReason === undefined ? 'completed' : 'failed';
  let stdout = run.stdout;
  if (run.stdoutTruncated) stdout += truncationMarker(options.limits.maxOutputBytes);
  stdout = stdout.trimEnd();
  if (options.figureNotes.length > 0) stdout = [stdout, ...options.figureNotes].filter(Boolean).join('\n');

  let stderr = cleanTraceback(run.stderr);
  if (run.stderrTruncated) stderr += truncationMarker(options.limits.maxOutputBytes);
  const notes: string[] = [];
  if (run.stopReason && run.stopReason !== 'output') notes.push(stopNote(run.stopReason, options.limits));
  else if (run.exitCode !== 0 && run.exitCode !== 1)
    notes.push(`[sandbox] The program exited with code ${run.exitCode}.`);
  const extra = options.extraNotes ?? [];
  if (run.figuresDropped > 0)
    notes.push(`[sandbox] ${run.figuresDropped} figure(s) were left out: too many or too large.`);
  stderr = [stderr.trimEnd(), ...notes, ...extra].filter(Boolean).join('\n');

  let text: string = status;
  if (stdout) text += `\n[stdout]${stdout}[/stdout]`;
  if (stderr) text += `\n[stderr]${stderr}[/stderr]`;
  return { status, text };
}

/** Tracebacks name lines only, as the seed showed them (`File "<code>", line 3` → `line 3`). */
export function cleanTraceback(stderr: string): string {
  return stderr.replace(/File "[^"\n]*", line (\d+)/g, 'line $1');
}

function truncationMarker(limit: number): string {
  return `\n[output truncated: more than ${limit} bytes; the program was stopped]`;
}

function stopNote(reason: StopReason, limits: { wallTimeMs: number; cpuSeconds: number }): string {
  switch (reason) {
    case 'wall_time':
      return `[sandbox] Timed out: the program ran longer than ${formatSeconds(limits.wallTimeMs)} and was killed.`;
    case 'cpu_time':
      return `[sandbox] CPU time limit of ${limits.cpuSeconds} s reached; the program was killed.`;
    case 'output':
      return '[sandbox] The program printed too much and was stopped.';
    case 'disk':
      return '[sandbox] The work directory passed its size limit; the program was stopped.';
    case 'killed':
      return '[sandbox] The program was killed (CPU or memory limit).';
  }
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
