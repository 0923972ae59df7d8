import { createHash } from 'node:crypto';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The host directories bound at /work: one per session, kept until released, so files the code writes
 * are there on the next call; a throwaway one for calls without a session. The root is traversable but
 * not listable by the sandbox user, and session directory names are hashes, so one session cannot find
 * another's files.
 */
export class WorkDirectories {
  private root: Promise<string> | undefined;
  private readonly ownsRoot: boolean;

  constructor(
    private readonly options: {
      /** Used as is when given (files survive restarts); otherwise a fresh temp directory. */
      root?: string;
      /** Owner of the directories when the server runs as root. */
      owner?: { uid: number; gid: number };
    },
  ) {
    this.ownsRoot = options.root === undefined;
  }

  private ensureRoot(): Promise<string> {
    this.root ??= (async () => {
      const root = this.configuredRoot() ?? (await mkdtemp(path.join(tmpdir(), 'llama-stack-code-')));
      await mkdir(root, { recursive: true, mode: 0o711 });
      await chmod(root, 0o711);
      return root;
    })();
    return this.root;
  }

  /** The session's directory, created on first use. */
  async forSession(sessionId: string): Promise<string> {
    const directory = path.join(await this.ensureRoot(), sessionDirectoryName(sessionId));
    await this.createPrivate(directory);
    return directory;
  }

  /** A directory for one call, removed by the returned function. */
  async ephemeral(): Promise<{ directory: string; remove: () => Promise<void> }> {
    const root = await this.ensureRoot();
    const directory = await mkdtemp(path.join(root, 'call-'));
    await this.createPrivate(directory);
    return { directory, remove: () => rm(directory, { recursive: true, force: true }) };
  }

  /**
   * Deletes a session's files, creating nothing. A configured root is used even before this instance ran
   * anything, so a session deleted after a restart loses the directory an earlier process left there.
   */
  async releaseSession(sessionId: string): Promise<void> {
    const root = this.configuredRoot() ?? (await this.root);
    if (root === undefined) return;
    await rm(path.join(root, sessionDirectoryName(sessionId)), { recursive: true, force: true });
  }

  /** Deletes every work directory this instance created. */
  async dispose(): Promise<void> {
    if (!this.root) return;
    const root = await this.root;
    this.root = undefined;
    if (this.ownsRoot) await rm(root, { recursive: true, force: true });
  }

  private configuredRoot(): string | undefined {
    return this.options.root === undefined ? undefined : path.resolve(this.options.root);
  }

  private async createPrivate(directory: string): Promise<void> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    if (this.options.owner) await chown(directory, this.options.owner.uid, this.options.owner.gid);
  }
}

function sessionDirectoryName(sessionId: string): string {
  return `session-${createHash('sha256').update(sessionId).digest('hex').slice(0, 32)}`;
}
