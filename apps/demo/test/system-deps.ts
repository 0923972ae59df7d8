import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** bubblewrap and Debian's Python with matplotlib, which the code interpreter needs. */
export function sandboxAvailable(): boolean {
  if (!existsSync('/usr/bin/bwrap') || !existsSync('/usr/bin/python3')) return missing('bubblewrap python3');
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import matplotlib, numpy'], { stdio: 'ignore' });
    return true;
  } catch {
    return missing('python3-matplotlib python3-numpy');
  }
}

export function chromiumPath(): string | undefined {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return path;
  missing('chromium');
  return undefined;
}

function missing(packages: string): false {
  const message = `missing system packages: apt-get install ${packages}`;
  if (process.env.REQUIRE_SYSTEM_DEPS === '1') throw new Error(message);
  console.warn(`${message} (the tests that need them are skipped)`);
  return false;
}
