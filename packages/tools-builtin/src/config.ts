import { z } from 'zod';

const timeoutMs = z.number().int().positive();

export const WebSearchConfig = z.object({
  /** `brave` (default, what Llama models were trained with) or `tavily`. */
  provider: z.enum(['brave', 'tavily']).default('brave'),
  /** Used when a request brings no key of its own in provider data. */
  apiKey: z.string().min(1).optional(),
  /** Defaults to the provider's public API; tests point it at a local stub. */
  baseUrl: z.string().url().optional(),
  /** How many results the model sees. */
  topK: z.number().int().min(1).max(20).default(3),
  timeoutMs: timeoutMs.default(10_000),
});
export type WebSearchConfig = z.input<typeof WebSearchConfig>;
export type ResolvedWebSearchConfig = z.output<typeof WebSearchConfig>;

export const WolframAlphaConfig = z.object({
  apiKey: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  timeoutMs: timeoutMs.default(15_000),
});
export type WolframAlphaConfig = z.input<typeof WolframAlphaConfig>;
export type ResolvedWolframAlphaConfig = z.output<typeof WolframAlphaConfig>;

export const PhotogenConfig = z.object({
  /** An OpenAI-compatible API base, e.g. `https://api.openai.com/v1` or a local server's `/v1`. */
  baseUrl: z.string().url().default('https://api.openai.com/v1'),
  apiKey: z.string().min(1).optional(),
  model: z.string().min(1).default('gpt-image-1'),
  size: z
    .string()
    .regex(/^(auto|\d+x\d+)$/, 'size must be auto or WIDTHxHEIGHT')
    .default('1024x1024'),
  timeoutMs: timeoutMs.default(120_000),
  maxRetries: z.number().int().min(0).max(3).default(0),
  /** Prefix of the URLs handed out for stored images: `${publicBaseUrl}/v1/files/{id}/content`. */
  publicBaseUrl: z.string().default(''),
});
export type PhotogenConfig = z.input<typeof PhotogenConfig>;
export type ResolvedPhotogenConfig = z.output<typeof PhotogenConfig>;

export const CodeInterpreterLimits = z.object({
  /** CPU seconds (RLIMIT_CPU). */
  cpuSeconds: z.number().int().min(1).default(10),
  /** Address space in bytes (RLIMIT_AS). */
  memoryBytes: z
    .number()
    .int()
    .min(64 * 1024 * 1024)
    .default(1024 * 1024 * 1024),
  /** Processes and threads of the sandbox user (RLIMIT_NPROC). */
  maxProcesses: z.number().int().min(4).default(32),
  /** Largest file the code may write, in bytes (RLIMIT_FSIZE). */
  maxFileBytes: z
    .number()
    .int()
    .min(1024)
    .default(64 * 1024 * 1024),
  /** Size of the sandbox's private /tmp (a tmpfs, so memory). */
  tmpBytes: z
    .number()
    .int()
    .min(1024 * 1024)
    .default(64 * 1024 * 1024),
  /** What a session's work directory may hold; a run that passes it is stopped and its new files removed. */
  maxWorkDirBytes: z
    .number()
    .int()
    .min(1024 * 1024)
    .default(256 * 1024 * 1024),
  maxWorkDirFiles: z.number().int().min(10).default(5_000),
  /** Open files (RLIMIT_NOFILE). */
  maxOpenFiles: z.number().int().min(16).default(256),
  /** Wall-clock limit in ms; the whole sandbox is killed when it passes. */
  wallTimeMs: z.number().int().min(100).default(20_000),
  /** stdout and stderr each keep this many bytes; more stops the run and is marked as truncated. */
  maxOutputBytes: z
    .number()
    .int()
    .min(256)
    .default(64 * 1024),
  /** Largest program accepted, in bytes. */
  maxCodeBytes: z
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Figures returned per run, and their total size. */
  maxFigures: z.number().int().min(0).default(10),
  maxFigureBytes: z
    .number()
    .int()
    .min(0)
    .default(20 * 1024 * 1024),
});
export type CodeInterpreterLimits = z.input<typeof CodeInterpreterLimits>;
export type ResolvedCodeInterpreterLimits = z.output<typeof CodeInterpreterLimits>;

export const CodeInterpreterConfig = z.object({
  enabled: z.boolean().default(true),
  bwrapPath: z.string().default('/usr/bin/bwrap'),
  /** The interpreter inside the sandbox. Debian's, with python3-numpy and python3-matplotlib. */
  pythonPath: z.string().default('/usr/bin/python3'),
  /** Where per-session work directories live on the host (default: a fresh directory under the OS temp dir). */
  workRoot: z.string().optional(),
  /** Host directories bound read-only in addition to /usr and a few files under /etc. */
  extraReadOnlyPaths: z.array(z.string()).default([]),
  /** Host uid/gid bubblewrap runs as when the server runs as root (RLIMIT_NPROC is not enforced for root). */
  sandboxUid: z.number().int().min(1).default(65534),
  sandboxGid: z.number().int().min(1).default(65534),
  limits: CodeInterpreterLimits.default(CodeInterpreterLimits.parse({})),
  /** Sandboxes running at once; more calls wait their turn (each may use up to limits.memoryBytes). */
  maxConcurrentRuns: z.number().int().min(1).default(4),
  publicBaseUrl: z.string().default(''),
});
export type CodeInterpreterConfig = z.input<typeof CodeInterpreterConfig>;
export type ResolvedCodeInterpreterConfig = z.output<typeof CodeInterpreterConfig>;

/** The serialisable part of the builtin tools' configuration (what run.yaml holds). */
export const BuiltinToolsConfig = z.object({
  codeInterpreter: CodeInterpreterConfig.optional(),
  webSearch: WebSearchConfig.optional(),
  wolframAlpha: WolframAlphaConfig.optional(),
  photogen: PhotogenConfig.optional(),
});
export type BuiltinToolsConfig = z.input<typeof BuiltinToolsConfig>;
export type ResolvedBuiltinToolsConfig = z.output<typeof BuiltinToolsConfig>;
