import type { Dirent } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import path from 'node:path';

export interface WorkDirUsage {
  bytes: number;
  entries: number;
}

/**
 * Bytes and entries under a directory, stopping early once either passes its limit. Symlinks are
 * counted, never followed.
 */
export async function measureWorkDir(directory: string, stopAt: WorkDirUsage): Promise<WorkDirUsage> {
  const usage: WorkDirUsage = { bytes: 0, entries: 0 };
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      usage.entries += 1;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile()) usage.bytes += (await lstat(full).catch(() => undefined))?.size ?? 0;
      if (usage.bytes > stopAt.bytes || usage.entries > stopAt.entries) return usage;
    }
  }
  return usage;
}

/** Deletes the entries under `directory` changed at or after `sinceMs`; returns their relative paths. */
export async function removeChangedSince(directory: string, sinceMs: number): Promise<string[]> {
  const removed: string[] = [];
  const pending = [directory];
  while (pending.length > 0) {
    const current = pending.pop()!;
    const entries = await readdir(current, { withFileTypes: true }).catch(() => [] as Dirent[]);
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const stats = await lstat(full).catch(() => undefined);
      if (!stats) continue;
      if (Math.max(stats.mtimeMs, stats.ctimeMs) >= sinceMs) {
        await rm(full, { recursive: true, force: true });
        removed.push(path.relative(directory, full));
      } else if (entry.isDirectory()) {
        pending.push(full);
      }
    }
  }
  return removed;
}
