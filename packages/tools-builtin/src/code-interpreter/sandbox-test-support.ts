import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import type { ToolInvocation } from '@llama-stack-ts/api-types';

/** Whether this machine has what the real-sandbox tests need; CI (REQUIRE_SYSTEM_DEPS=1) must have it. */
export function sandboxTestsEnabled(): boolean {
  const missing = [
    existsSync('/usr/bin/bwrap') ? '' : 'bubblewrap',
    existsSync('/usr/bin/python3') ? '' : 'python3',
    existsSync('/usr/lib/python3/dist-packages/matplotlib') ? '' : 'python3-matplotlib',
    existsSync('/usr/lib/python3/dist-packages/numpy') ? '' : 'python3-numpy',
  ].filter(Boolean);
  if (missing.length === 0) return true;
  const message = `sandbox tests need ${missing.join(', ')}: apt-get install bubblewrap python3 python3-matplotlib python3-numpy`;
  if (process.env.REQUIRE_SYSTEM_DEPS === '1') throw new Error(message);
  console.warn(`Skipping ${message}`);
  return false;
}

/** A tool invocation of code_interpreter. */
export function codeCall(code: string, extra: Partial<ToolInvocation> = {}): ToolInvocation {
  return { tool_name: 'code_interpreter', arguments: { code }, call_id: 'call-1', ...extra };
}

/** Host processes whose working directory is inside `root` (sandbox processes run in /work). */
export function processesWorkingIn(root: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readlinkSync(`/proc/${entry}/cwd`).startsWith(root)) found.push(Number(entry));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

/** The small limits the sandbox tests run with, so each limit is reached quickly. */
export const TEST_LIMITS = {
  cpuSeconds: 1,
  wallTimeMs: 8_000,
  memoryBytes: 512 * 1024 * 1024,
  maxProcesses: 16,
  tmpBytes: 32 * 1024 * 1024,
  maxFileBytes: 128 * 1024 * 1024,
};
