import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrateSqlite } from './migrations.js';

export type SqliteDatabase = Database.Database;

export interface OpenSqliteOptions {
  /** Database file; its directory is created when missing. `:memory:` for a private in-memory database. */
  path: string;
  /**
   * `full` (default) fsyncs the WAL on every commit, so a saved turn survives power loss and OS crashes.
   * `normal` skips that fsync: a saved turn still survives the process being killed (the WAL is in the OS
   * page cache), but the last commits can be lost when the machine itself goes down. A turn is saved once
   * (on completion, pause or cancel) after seconds of inference, so the fsync (a few ms) is worth it by default.
   */
  synchronous?: 'full' | 'normal';
  /** How long a write waits for another connection's write lock before failing. Default 5000 ms. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating when needed) a SQLite database for llama-stack-ts: WAL journal, a busy timeout, foreign keys,
 * and the schema migrated to the newest version. Several processes may open the same file.
 */
export function openSqliteDatabase(options: OpenSqliteOptions): SqliteDatabase {
  if (options.path !== ':memory:' && options.path !== '') {
    mkdirSync(dirname(options.path), { recursive: true });
  }
  const db = new Database(options.path);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    db.pragma('foreign_keys = ON');
    migrateSqlite(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
