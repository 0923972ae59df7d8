import {
  type CallOptions,
  type FileStore,
  type JsonObject,
  type Logger,
  type ProvidedTool,
  ProviderUnavailableError,
  silentLogger,
  type ToolInvocation,
  type ToolProvider,
  type ToolResult,
} from '@llama-stack-ts/api-types';
import { CodeInterpreterConfig, type ResolvedCodeInterpreterConfig } from '../config.js';
import { raceAbort } from '../shared/race-abort.js';
import { Semaphore } from '../shared/semaphore.js';
import { storeImage } from '../shared/store-image.js';
import { settleAsToolResult, toolError } from '../shared/tool-results.js';
import { CODE_INTERPRETER_TOOL, matchesTool } from '../tool-definitions.js';
import { checkSandbox, type SandboxCapabilities } from './check-sandbox.js';
import { copyAttachments, type DeliveredFiles } from './copy-attachments.js';
import { formatSandboxOutput } from './format-output.js';
import { runSandboxed } from './run-sandboxed.js';
import { detectSandboxLayout, type SandboxLayout } from './sandbox-layout.js';
import { measureWorkDir, removeChangedSince } from './work-dir-usage.js';
import { WorkDirectories } from './work-dirs.js';

export interface CodeInterpreterProviderOptions extends CodeInterpreterConfig {
  /** Where plots go; without one they are returned inline as base64 PNG attachments. */
  fileStore?: FileStore;
  logger?: Logger;
}

const MAX_ATTACHMENT_BYTES = 64 * 1024 * 1024;

/**
 * `code_interpreter`: model-written Python 3 in a bubblewrap sandbox (no network, read-only system
 * directories, a private work directory per session, CPU/memory/process/file/wall-clock/output limits).
 */
export class CodeInterpreterProvider implements ToolProvider {
  readonly id = 'builtin-code-interpreter';
  private readonly config: ResolvedCodeInterpreterConfig;
  private readonly fileStore: FileStore | undefined;
  private readonly logger: Logger;
  private readonly hostUser: { uid: number; gid: number } | undefined;
  private readonly workDirs: WorkDirectories;
  private readonly runs: Semaphore;
  /** Per session: the attachments placed in its work directory, so the code's edits to them survive. */
  private readonly deliveredFiles = new Map<string, DeliveredFiles>();
  private layout: Promise<SandboxLayout> | undefined;
  private capabilities: Promise<SandboxCapabilities> | undefined;

  constructor(options: CodeInterpreterProviderOptions = {}) {
    const { fileStore, logger, ...config } = options;
    this.config = CodeInterpreterConfig.parse(config);
    this.fileStore = fileStore;
    this.logger = logger ?? silentLogger;
    // RLIMIT_NPROC does not hold for root, so a root server starts the sandbox as an unprivileged user.
    this.hostUser =
      process.getuid?.() === 0 ? { uid: this.config.sandboxUid, gid: this.config.sandboxGid } : undefined;
    this.runs = new Semaphore(this.config.maxConcurrentRuns);
    this.workDirs = new WorkDirectories({
      ...(this.config.workRoot ? { root: this.config.workRoot } : {}),
      ...(this.hostUser ? { owner: this.hostUser } : {}),
    });
  }

  async listTools(): Promise<ProvidedTool[]> {
    return [CODE_INTERPRETER_TOOL];
  }

  /**
   * Checks once that the sandbox works (a failed check is retried on the next call). Throws
   * ProviderUnavailableError naming what to install.
   */
  check(options: CallOptions = {}): Promise<SandboxCapabilities> {
    if (!this.capabilities) {
      // Shared by concurrent callers, so it runs without any one caller's signal (it has its own timer).
      const attempt = this.probe();
      this.capabilities = attempt;
      attempt.catch(() => {
        if (this.capabilities !== attempt) return;
        this.capabilities = undefined;
        this.layout = undefined;
      });
    }
    return raceAbort(this.capabilities, options.signal);
  }

  invoke(invocation: ToolInvocation, options: CallOptions = {}): Promise<ToolResult> {
    return settleAsToolResult(options.signal, () => this.runCode(invocation, options));
  }

  private async runCode(invocation: ToolInvocation, options: CallOptions): Promise<ToolResult> {
    const { signal } = options;
    if (!matchesTool(CODE_INTERPRETER_TOOL, invocation.tool_name)) {
      return toolError(
        'invalid_arguments',
        `Unknown tool ${invocation.tool_name}; this provider runs code_interpreter.`,
      );
    }
    const code = invocation.arguments.code;
    if (typeof code !== 'string' || code.trim() === '') {
      return toolError(
        'invalid_arguments',
        'The tool needs a non-empty string argument "code" with Python source.',
      );
    }
    const { limits } = this.config;
    if (Buffer.byteLength(code) > limits.maxCodeBytes) {
      return toolError('invalid_arguments', `The code is larger than ${limits.maxCodeBytes} bytes.`);
    }
    try {
      await this.check({ signal });
    } catch (error) {
      if (signal?.aborted) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return toolError('provider_unavailable', message);
    }

    const layout = await this.sandboxLayout();
    const work = invocation.session_id
      ? { directory: await this.workDirs.forSession(invocation.session_id), remove: async () => {} }
      : await this.workDirs.ephemeral();
    try {
      const copied = invocation.attachments?.length
        ? await copyAttachments(
            invocation.attachments,
            {
              directory: work.directory,
              maxBytes: MAX_ATTACHMENT_BYTES,
              ...(invocation.session_id ? { delivered: this.deliveredTo(invocation.session_id) } : {}),
              ...(this.fileStore ? { fileStore: this.fileStore } : {}),
              ...(this.hostUser ? { owner: this.hostUser } : {}),
            },
            { signal },
          )
        : undefined;

      const release = await this.runs.acquire(signal);
      const quota = { bytes: limits.maxWorkDirBytes, entries: limits.maxWorkDirFiles };
      const overQuota = async () => {
        const usage = await measureWorkDir(work.directory, quota);
        return usage.bytes > quota.bytes || usage.entries > quota.entries;
      };
      const runStartedAt = Date.now();
      const run = await runSandboxed({
        code,
        bwrapPath: this.config.bwrapPath,
        pythonPath: this.config.pythonPath,
        layout,
        workDir: work.directory,
        limits,
        ...(this.hostUser ? { hostUser: this.hostUser } : {}),
        watch: async () => ((await overQuota()) ? 'disk' : undefined),
        signal,
      }).finally(release);
      if (!run.started) {
        this.capabilities = undefined;
        return toolError(
          'provider_unavailable',
          `The code interpreter sandbox could not start: ${run.stderr.trim().slice(0, 500) || `exit code ${run.exitCode}`}`,
        );
      }

      const attachments: ToolResult['attachments'] = [];
      const figureNotes: string[] = [];
      for (const [index, png] of run.figures.entries()) {
        const stored = await storeImage(
          {
            data: png,
            mimeType: 'image/png',
            filename: `figure-${index + 1}.png`,
            ...(invocation.session_id ? { sessionId: invocation.session_id } : {}),
          },
          {
            ...(this.fileStore ? { fileStore: this.fileStore } : {}),
            publicBaseUrl: this.config.publicBaseUrl,
          },
          { signal },
        );
        attachments.push(stored.attachment);
        figureNotes.push(`[figure ${index + 1} attached as image/png${stored.url ? `: ${stored.url}` : ''}]`);
      }

      const extraNotes: string[] = [];
      if (run.stopReason === 'disk' || (await overQuota())) {
        const removed = await removeChangedSince(work.directory, runStartedAt);
        extraNotes.push(
          `[sandbox] The work directory may hold ${formatBytes(quota.bytes)} in ${quota.entries} entries; ` +
            `what this run wrote there was removed${removed.length > 0 ? `: ${listSome(removed)}` : ''}.`,
        );
      }

      const output = formatSandboxOutput(run, { limits, figureNotes, extraNotes });
      const metadata: JsonObject = {
        status: output.status,
        exit_code: run.exitCode,
        duration_ms: run.durationMs,
        figures: run.figures.length,
      };
      if (run.stopReason) metadata.stop_reason = run.stopReason;
      if (copied) {
        metadata.attachment_files = copied.files;
        if (copied.skipped.length > 0) metadata.skipped_attachments = copied.skipped;
      }
      this.logger.debug('code_interpreter run', { ...metadata, session_id: invocation.session_id });
      return { content: output.text, ...(attachments.length > 0 ? { attachments } : {}), metadata };
    } finally {
      await work.remove();
    }
  }

  /**
   * Deletes a session's work directory (call when the session is deleted). Needs no sandbox and runs no
   * code; with a `workRoot` it also removes the directory an earlier process (before a restart) left there.
   */
  releaseSession(sessionId: string): Promise<void> {
    this.deliveredFiles.delete(sessionId);
    return this.workDirs.releaseSession(sessionId);
  }

  /** Deletes every work directory this provider created. */
  dispose(): Promise<void> {
    this.deliveredFiles.clear();
    return this.workDirs.dispose();
  }

  private deliveredTo(sessionId: string): DeliveredFiles {
    let delivered = this.deliveredFiles.get(sessionId);
    if (!delivered) {
      delivered = new Map();
      this.deliveredFiles.set(sessionId, delivered);
    }
    return delivered;
  }

  private sandboxLayout(): Promise<SandboxLayout> {
    this.layout ??= detectSandboxLayout({
      bwrapPath: this.config.bwrapPath,
      pythonPath: this.config.pythonPath,
      extraReadOnlyPaths: this.config.extraReadOnlyPaths,
    });
    return this.layout;
  }

  private async probe(): Promise<SandboxCapabilities> {
    if (!this.config.enabled)
      throw new ProviderUnavailableError('The code interpreter is disabled in the config.');
    const layout = await this.sandboxLayout();
    const work = await this.workDirs.ephemeral();
    try {
      return await checkSandbox({
        bwrapPath: this.config.bwrapPath,
        pythonPath: this.config.pythonPath,
        layout,
        workDir: work.directory,
        limits: this.config.limits,
        ...(this.hostUser ? { hostUser: this.hostUser } : {}),
      });
    } finally {
      await work.remove();
    }
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

function listSome(names: readonly string[]): string {
  return names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
}
