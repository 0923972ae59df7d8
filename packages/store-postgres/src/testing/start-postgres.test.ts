import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PostgresUnavailableError,
  startTestPostgres,
  startTestPostgresOrSkip,
  urlFromPgEnvironment,
} from './start-postgres.js';

const { postgres, skipReason } = await startTestPostgresOrSkip();
afterAll(() => postgres?.stop());

describe('startTestPostgresOrSkip', () => {
  it('reports an unreachable server as a reason to skip, or fails when REQUIRE_SYSTEM_DEPS=1', async () => {
    const unreachable = { databaseUrl: 'postgres://postgres@127.0.0.1:1/postgres' };
    await expect(startTestPostgres(unreachable)).rejects.toThrow(PostgresUnavailableError);
    const required = process.env.REQUIRE_SYSTEM_DEPS;
    try {
      process.env.REQUIRE_SYSTEM_DEPS = '0';
      expect((await startTestPostgresOrSkip(unreachable)).skipReason).toMatch(
        /cannot connect to postgres:\/\/postgres@127\.0\.0\.1:1/,
      );
      process.env.REQUIRE_SYSTEM_DEPS = '1';
      await expect(startTestPostgresOrSkip(unreachable)).rejects.toThrow(PostgresUnavailableError);
    } finally {
      if (required === undefined) delete process.env.REQUIRE_SYSTEM_DEPS;
      else process.env.REQUIRE_SYSTEM_DEPS = required;
    }
  });
});

describe('urlFromPgEnvironment', () => {
  it('builds a server URL from libpq variables, a socket directory included', () => {
    expect(urlFromPgEnvironment({})).toBeUndefined();
    expect(
      urlFromPgEnvironment({ PGHOST: '127.0.0.1', PGPORT: '5433', PGUSER: 'ci', PGPASSWORD: 'p@ss' }),
    ).toBe('postgres://ci:p%40ss@127.0.0.1:5433/postgres');
    const socket = urlFromPgEnvironment({ PGHOST: '/var/run/postgresql' });
    expect(socket).toBe('postgres://postgres@localhost/postgres?host=%2Fvar%2Frun%2Fpostgresql');
  });
});

describe.skipIf(!postgres)(`startTestPostgres ${skipReason ?? ''}`, () => {
  it('gives an empty database of its own, on loopback', async () => {
    const client = new pg.Client({ connectionString: postgres!.url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT current_database() AS db, inet_server_addr()::text AS addr',
      );
      expect(rows[0].db).toBe(postgres!.database);
      expect(rows[0].addr).toMatch(/^127\.0\.0\.1|^::1/);
      if (postgres!.kind === 'throwaway') {
        const listen = await client.query('SHOW listen_addresses');
        expect(listen.rows[0].listen_addresses).toBe('127.0.0.1');
      }
      const tables = await client.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'",
      );
      expect(tables.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
  });

  it('creates another database in the same server and drops it on stop', async () => {
    const second = await startTestPostgres({ databaseUrl: postgres!.url });
    expect(second.database).not.toBe(postgres!.database);
    await second.stop();
    const client = new pg.Client({ connectionString: postgres!.url });
    await client.connect();
    const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_database WHERE datname = $1', [
      second.database,
    ]);
    await client.end();
    expect(rows[0].n).toBe(0);
  });
});
