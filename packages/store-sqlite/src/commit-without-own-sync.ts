import type Database from 'better-sqlite3';

const NORMAL = 1;

/**
 * Runs `write` (one autocommit statement or a better-sqlite3 transaction) so that its commit skips the WAL fsync
 * that `synchronous = FULL` adds to every commit, then puts the connection's level back.
 *
 * Why this keeps every other write durable: in WAL mode a commit appends frames to the WAL; `FULL` only adds an
 * fsync of the whole WAL file after the commit (https://www.sqlite.org/pragma.html#pragma_synchronous,
 * https://www.sqlite.org/wal.html). That fsync, done by the next FULL commit or by a checkpoint, covers the frames
 * of every earlier commit too, and WAL recovery keeps a prefix of the commits whose checksums chain, so a power
 * loss can drop the unsynced commit only together with everything after it. A process crash loses nothing: the
 * frames are in the OS page cache. Only for data that may be lost on power failure (turn leases, which expire).
 *
 * Changing the level is only allowed outside a transaction ("Safety level may not be changed inside a
 * transaction"), and only safe in WAL mode (a rollback journal needs its syncs), so otherwise `write` runs as is.
 */
export function commitWithoutOwnSync<T>(db: Database.Database, write: () => T): T {
  if (db.inTransaction || db.memory) return write();
  // Read every time: a shared connection may have been set to another level or journal mode by its owner.
  // A prepared PRAGMA takes effect when compiled, not when run, so these go through pragma()/exec().
  const level = db.pragma('synchronous', { simple: true }) as number;
  if (level <= NORMAL || db.pragma('journal_mode', { simple: true }) !== 'wal') return write();
  db.exec('PRAGMA synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.exec(`PRAGMA synchronous = ${level}`);
  }
}
