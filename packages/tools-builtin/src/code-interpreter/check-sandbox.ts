import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { type CallOptions, ProviderUnavailableError } from '@llama-stack-ts/api-types';
import type { ResolvedCodeInterpreterLimits } from '../config.js';
import { runSandboxed } from './run-sandboxed.js';
import type { SandboxLayout } from './sandbox-layout.js';

export const INSTALL_HINT = 'apt-get install bubblewrap python3 python3-matplotlib python3-numpy';

export interface SandboxCapabilities {
  pythonVersion: string;
  numpy: boolean;
  matplotlib: boolean;
}

const PROBE_CODE = `
import importlib.util, json, sys
print(json.dumps({"numpy": importlib.util.find_spec("numpy") is not None,
                  "matplotlib": importlib.util.find_spec("matplotlib") is not None}))
`;

/**
 * Proves the sandbox works before any model code runs in it: bubblewrap and Python are there, and a
 * sandbox can be created (user namespaces allowed). Throws a ProviderUnavailableError that says what
 * to install or change; never falls back to running code without the sandbox.
 */
export async function checkSandbox(
  request: {
    bwrapPath: string;
    pythonPath: string;
    layout: SandboxLayout;
    workDir: string;
    limits: ResolvedCodeInterpreterLimits;
    hostUser?: { uid: number; gid: number };
  },
  options: CallOptions = {},
): Promise<SandboxCapabilities> {
  if (process.platform !== 'linux') {
    throw new ProviderUnavailableError(
      `The code interpreter needs Linux with bubblewrap; this is ${process.platform}.`,
    );
  }
  await requireExecutable(request.bwrapPath, 'bubblewrap');
  await requireExecutable(request.pythonPath, 'Python 3');
  const run = await runSandboxed({
    ...request,
    code: PROBE_CODE,
    limits: { ...request.limits, wallTimeMs: Math.max(request.limits.wallTimeMs, 10_000) },
    seedNumpy: false,
    signal: options.signal,
  });
  if (!run.started) {
    const detail = run.stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${run.exitCode}`;
    const hint = request.hostUser
      ? `The work directory must be reachable by uid ${request.hostUser.uid}, and bubblewrap needs unprivileged user namespaces`
      : 'bubblewrap needs unprivileged user namespaces';
    throw new ProviderUnavailableError(
      `bubblewrap could not create the code interpreter sandbox (${detail}). ${hint} ` +
        '(sysctl kernel.unprivileged_userns_clone=1, user.max_user_namespaces > 0).',
    );
  }
  const last = run.stdout.trim().split('\n').pop() ?? '';
  let modules: { numpy?: unknown; matplotlib?: unknown } = {};
  try {
    modules = JSON.parse(last) as typeof modules;
  } catch {
    throw new ProviderUnavailableError(
      `Python did not run in the code interpreter sandbox (${run.stderr.trim().slice(0, 300) || 'no output'}). ` +
        `Install Debian's interpreter: ${INSTALL_HINT}`,
    );
  }
  return {
    pythonVersion: run.pythonVersion ?? 'unknown',
    numpy: modules.numpy === true,
    matplotlib: modules.matplotlib === true,
  };
}

async function requireExecutable(file: string, what: string): Promise<void> {
  try {
    await access(file, constants.X_OK);
  } catch {
    throw new ProviderUnavailableError(
      `The code interpreter needs ${what}, which is not at ${file}. Install it: ${INSTALL_HINT}`,
    );
  }
}
