import { existsSync } from 'node:fs';

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
