import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** Connection string of a database created for this caller, empty. */
  url: string;
  /** Its name. */
  database: string;
  /** `external` when DATABASE_URL gave the server; `throwaway` when this helper started a cluster. */
  kind: 'external' | 'throwaway';
  /** Drops the database; stops and removes the throwaway cluster. */
  stop(): Promise<void>;
}

export interface StartTestPostgresOptions {
  /**
   * Defaults to `process.env.DATABASE_URL`, else the libpq variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`)
   * when `PGHOST` is set. When neither is, a throwaway cluster is started with Debian's binaries.
   */
  databaseUrl?: string;
  signal?: AbortSignal;
}

/** No PostgreSQL could be reached or started; the message says what to install or set. */
export class PostgresUnavailableError extends Error {
  override readonly name = 'PostgresUnavailableError';
}

/**
 * A fresh PostgreSQL database for a test file: inside the server of `DATABASE_URL` when set, else in a throwaway
 * cluster (initdb into a temp dir, listening only on 127.0.0.1 on a free port, unix socket in the temp dir; run as
 * the `postgres` OS user when we are root). `stop()` drops it and removes the cluster.
 */
export async function startTestPostgres(options: StartTestPostgresOptions = {}): Promise<TestPostgres> {
  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL ?? urlFromPgEnvironment(process.env);
  if (databaseUrl) return createDatabaseIn(databaseUrl, 'external', async () => {}, options.signal);
  const cluster = await startThrowawayCluster(options.signal);
  try {
    return await createDatabaseIn(cluster.url, 'throwaway', cluster.stop, options.signal);
  } catch (error) {
    await cluster.stop();
    throw error;
  }
}

/**
 * For test files: a database, or the reason there is none. Throws instead when `REQUIRE_SYSTEM_DEPS=1` (CI), so a
 * missing PostgreSQL fails the run rather than skipping.
 *
 * ```ts
 * const pg = await startTestPostgresOrSkip();
 * afterAll(() => pg.postgres?.stop());
 * describe.skipIf(!pg.postgres)(`postgres ${pg.skipReason ?? ''}`, () => { … });
 * ```
 */
export async function startTestPostgresOrSkip(
  options: StartTestPostgresOptions = {},
): Promise<
  { postgres: TestPostgres; skipReason?: undefined } | { postgres?: undefined; skipReason: string }
> {
  try {
    return { postgres: await startTestPostgres(options) };
  } catch (error) {
    if (!(error instanceof PostgresUnavailableError) || process.env.REQUIRE_SYSTEM_DEPS === '1') throw error;
    const skipReason = `(skipped: ${error.message})`;
    console.warn(`PostgreSQL tests ${skipReason}`);
    return { skipReason };
  }
}

async function createDatabaseIn(
  serverUrl: string,
  kind: TestPostgres['kind'],
  stopServer: () => Promise<void>,
  signal?: AbortSignal,
): Promise<TestPostgres> {
  const database = `lst_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new PostgresUnavailableError(`cannot connect to ${redact(serverUrl)}: ${(error as Error).message}`);
  }
  try {
    signal?.throwIfAborted();
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return {
    url: url.toString(),
    database,
    kind,
    async stop() {
      const client = new pg.Client({ connectionString: serverUrl });
      try {
        await client.connect();
        await client.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } catch {
        // The cluster is going away anyway, or the server is gone.
      } finally {
        await client.end().catch(() => {});
      }
      await stopServer();
    },
  };
}

interface Cluster {
  url: string;
  stop(): Promise<void>;
}

/**
 * For a vitest `globalSetup` file: when neither DATABASE_URL nor PGHOST is set, starts one throwaway cluster for the whole run and
 * sets DATABASE_URL to it, so every test file creates its database there instead of starting its own cluster.
 * Returns the teardown. When no cluster can be started it leaves DATABASE_URL unset and the test files skip (or
 * fail under REQUIRE_SYSTEM_DEPS=1) on their own.
 *
 * ```ts
 * // vitest.global-setup.ts
 * export { setupSharedPostgres as default } from '@llama-stack-ts/store-postgres/testing';
 * ```
 */
export async function setupSharedPostgres(): Promise<() => Promise<void>> {
  if (process.env.DATABASE_URL || process.env.PGHOST) return async () => {};
  try {
    const cluster = await startThrowawayCluster();
    process.env.DATABASE_URL = cluster.url;
    return async () => {
      delete process.env.DATABASE_URL;
      await cluster.stop();
    };
  } catch (error) {
    if (!(error instanceof PostgresUnavailableError)) throw error;
    return async () => {};
  }
}

async function startThrowawayCluster(signal?: AbortSignal): Promise<Cluster> {
  const bin = await findPostgresBin();
  const asRoot = userInfo().uid === 0;
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    owner = postgresUser();
    if (!owner || !existsSync('/usr/sbin/runuser')) {
      throw new PostgresUnavailableError(
        'running as root needs the `postgres` OS user and runuser to start a throwaway cluster (apt-get install postgresql), or set DATABASE_URL',
      );
    }
  }
  const dir = await mkdtemp(join(tmpdir(), 'lst-postgres-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'postgres.log');
  if (owner) await chown(dir, owner.uid, owner.gid);
  const as = (command: string, args: string[]) =>
    asRoot
      ? { file: '/usr/sbin/runuser', args: ['-u', 'postgres', '--', command, ...args] }
      : { file: command, args };
  const exec = async (command: string, args: string[]) => {
    const { file, args: argv } = as(command, args);
    await run(file, argv, { signal, cwd: dir, env: { ...process.env, LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8' } });
  };

  let started = false;
  const stop = async () => {
    process.off('exit', stopOnExit);
    if (started)
      await exec(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  // A test process that dies without afterAll still stops its postmaster.
  const stopOnExit = () => {
    const { file, args } = as(join(bin, 'pg_ctl'), ['stop', '-D', dataDir, '-m', 'immediate']);
    spawnSync(file, args, { stdio: 'ignore' });
  };

  try {
    await exec(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    const port = await freePort();
    // Throwaway data: no fsync. Loopback only, socket in our own dir.
    const serverOptions = [
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`,
      '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200',
    ].join(' ');
    process.on('exit', stopOnExit);
    await exec(join(bin, 'pg_ctl'), [
      'start',
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      '-o',
      serverOptions,
    ]);
    started = true;
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
  } catch (error) {
    const log = await readFile(logFile, 'utf8').catch(() => '');
    await stop();
    if (signal?.aborted) throw error;
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new PostgresUnavailableError(
      `could not start a throwaway PostgreSQL cluster with ${bin}: ${(error as Error).message}\n${stderr}\n${log}`.trim(),
    );
  }
}

async function findPostgresBin(): Promise<string> {
  const fromEnv = process.env.POSTGRES_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const root = '/usr/lib/postgresql';
  const versions = await readdir(root).catch(() => [] as string[]);
  const usable = versions
    .filter(
      (version) =>
        existsSync(join(root, version, 'bin', 'initdb')) && existsSync(join(root, version, 'bin', 'pg_ctl')),
    )
    .sort((a, b) => Number(b) - Number(a));
  if (usable[0]) return join(root, usable[0], 'bin');
  throw new PostgresUnavailableError(
    'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, set POSTGRES_BIN, or set DATABASE_URL',
  );
}

function postgresUser(): { uid: number; gid: number } | undefined {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const group = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0 || group.status !== 0) return undefined;
  return { uid: Number(result.stdout.trim()), gid: Number(group.stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A server URL from libpq's environment variables; `PGHOST` may be a unix socket directory. */
export function urlFromPgEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const host = env.PGHOST;
  if (!host) return undefined;
  const url = new URL('postgres://localhost/postgres');
  if (host.startsWith('/')) url.searchParams.set('host', host);
  else url.hostname = host;
  if (env.PGPORT) url.port = env.PGPORT;
  url.username = encodeURIComponent(env.PGUSER ?? 'postgres');
  if (env.PGPASSWORD) url.password = encodeURIComponent(env.PGPASSWORD);
  return url.toString();
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '<invalid DATABASE_URL>';
  }
}
