import { execFile } from 'node:child_process';
import { lstat, readdir, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';

/** What of the host filesystem the sandbox sees: read-only, narrowly. */
export interface SandboxLayout {
  readOnlyBinds: string[];
  /** `[target, linkPath]`: merged-/usr systems have /bin, /lib… as symlinks into /usr. */
  symlinks: Array<[string, string]>;
  /** Bound read-only when present (`--ro-bind-try`). */
  optionalReadOnlyBinds: string[];
  /** Options this bubblewrap understands (0.8 has both; older ones run without them). */
  features: { disableUserns: boolean; tmpfsSize: boolean };
}

const TOP_LEVEL_SYSTEM_PATHS = ['/bin', '/sbin', '/lib', '/lib32', '/lib64', '/libx32'];

/**
 * Files under /etc that Python, numpy and matplotlib read: Debian's numpy and matplotlib go through
 * /etc/alternatives (BLAS) and /etc/matplotlibrc, fonts through /etc/fonts. Nothing else of /etc
 * (no passwd, shadow, ssh or ssl) is visible.
 */
const ETC_PATHS = [
  '/etc/alternatives',
  '/etc/matplotlibrc',
  '/etc/fonts',
  '/etc/ld.so.cache',
  '/etc/ld.so.conf',
  '/etc/ld.so.conf.d',
  '/etc/localtime',
  '/etc/mime.types',
];

export async function detectSandboxLayout(options: {
  bwrapPath: string;
  pythonPath: string;
  extraReadOnlyPaths: readonly string[];
}): Promise<SandboxLayout> {
  const readOnlyBinds = ['/usr'];
  const symlinks: Array<[string, string]> = [];
  for (const systemPath of TOP_LEVEL_SYSTEM_PATHS) {
    const stats = await lstat(systemPath).catch(() => undefined);
    if (!stats) continue;
    if (stats.isSymbolicLink()) symlinks.push([await readlink(systemPath), systemPath]);
    else if (stats.isDirectory()) readOnlyBinds.push(systemPath);
  }
  const pythonEtc = (await readdir('/etc').catch(() => [] as string[]))
    .filter((name) => /^python3(\.\d+)?$/.test(name))
    .map((name) => `/etc/${name}`);

  for (const extra of options.extraReadOnlyPaths) readOnlyBinds.push(path.resolve(extra));
  const pythonReal = await realpath(options.pythonPath).catch(() => options.pythonPath);
  if (!isInside(pythonReal, readOnlyBinds)) {
    // An interpreter outside /usr (pyenv, a venv's base): bind its installation prefix, nothing more.
    readOnlyBinds.push(path.dirname(path.dirname(pythonReal)));
  }
  const help = await bubblewrapHelp(options.bwrapPath);
  return {
    readOnlyBinds,
    symlinks,
    optionalReadOnlyBinds: [...ETC_PATHS, ...pythonEtc],
    features: { disableUserns: help.includes('--disable-userns'), tmpfsSize: help.includes('--size') },
  };
}

function bubblewrapHelp(bwrapPath: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(bwrapPath, ['--help'], { env: {}, timeout: 5_000 }, (_error, stdout, stderr) => {
      resolve(`${stdout ?? ''}${stderr ?? ''}`);
    });
  });
}

function isInside(file: string, directories: readonly string[]): boolean {
  return directories.some((directory) => file === directory || file.startsWith(`${directory}/`));
}

/** Where the work directory appears inside the sandbox (also the code's cwd and HOME). */
export const SANDBOX_WORK_DIR = '/work';

/** The environment the code sees; nothing of the server's environment reaches the sandbox. */
export const SANDBOX_ENVIRONMENT: Record<string, string> = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  HOME: SANDBOX_WORK_DIR,
  TMPDIR: '/tmp',
  LANG: 'C.UTF-8',
  PYTHONHASHSEED: '0',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONUNBUFFERED: '1',
  PYTHONIOENCODING: 'utf-8',
  MPLBACKEND: 'module://_sandbox_mpl_backend',
  MPLCONFIGDIR: '/tmp/.matplotlib',
  XDG_CACHE_HOME: '/tmp/.cache',
  OPENBLAS_NUM_THREADS: '1',
  OMP_NUM_THREADS: '1',
  MKL_NUM_THREADS: '1',
};

/** bubblewrap's arguments up to (not including) the command it runs. */
export function bubblewrapArguments(layout: SandboxLayout, workDir: string, tmpBytes: number): string[] {
  const args = [
    '--unshare-all',
    '--unshare-user',
    '--unshare-net',
    // No nested user namespaces: they would hand the code a fresh set of capabilities to attack the kernel with.
    ...(layout.features.disableUserns ? ['--disable-userns'] : []),
    '--uid',
    '65534',
    '--gid',
    '65534',
    '--hostname',
    'sandbox',
    '--cap-drop',
    'ALL',
    '--die-with-parent',
    '--new-session',
  ];
  for (const bind of layout.readOnlyBinds) args.push('--ro-bind', bind, bind);
  for (const [target, link] of layout.symlinks) args.push('--symlink', target, link);
  for (const bind of layout.optionalReadOnlyBinds) args.push('--ro-bind-try', bind, bind);
  args.push('--proc', '/proc', '--dev', '/dev');
  // tmpfs lives in memory outside RLIMIT_AS, so it gets its own size.
  if (layout.features.tmpfsSize) args.push('--size', String(tmpBytes));
  args.push('--tmpfs', '/tmp');
  args.push('--bind', workDir, SANDBOX_WORK_DIR);
  // The new root is a writable tmpfs until remounted; after the binds so they keep their own modes.
  args.push('--remount-ro', '/');
  args.push('--chdir', SANDBOX_WORK_DIR, '--clearenv');
  for (const [name, value] of Object.entries(SANDBOX_ENVIRONMENT)) args.push('--setenv', name, value);
  return args;
}
