import {
  type AgentRecord,
  type AgentStore,
  NotFoundError,
  type Page,
  type PaginationQuery,
  type SessionRecord,
  type StoredTurn,
  type TurnLeaseRequest,
  type TurnStatus,
} from '@llama-stack-ts/api-types';
import type Database from 'better-sqlite3';
import { commitWithoutOwnSync } from './commit-without-own-sync.js';
import { deepFreeze } from './deep-freeze.js';
import { type OpenSqliteOptions, openSqliteDatabase, type SqliteDatabase } from './open-database.js';
import { pageFromRows, sqlitePageBounds } from './paging.js';
import {
  type CachedSession,
  type CachedTurn,
  ParsedTurnCache,
  type ParsedTurnCacheLimits,
} from './parsed-turn-cache.js';

export type SqliteStoreOptions = (OpenSqliteOptions | { database: SqliteDatabase }) & {
  /**
   * listTurns keeps the parsed turns of recently listed sessions and re-reads only turns whose revision changed
   * (a cheap index-only query checks them on every call, so writes by other connections and processes are seen).
   * `false` turns it off.
   */
  turnCache?: ParsedTurnCacheLimits | false;
};

interface AgentRow {
  agent_id: string;
  created_at: string;
  config: string;
}

interface SessionRow {
  agent_id: string;
  session_id: string;
  session_name: string;
  started_at: string;
}

interface CachedTurnRow extends TurnRow {
  turn_id: string;
  revision: number;
  started_at: string;
  rowid: number;
}

interface TurnsFingerprint {
  count: number;
  maxRevision: number;
}

interface TurnRow {
  agent_id: string;
  session_id: string;
  status: TurnStatus;
  turn: string;
  resume_state: string | null;
}

/**
 * An AgentStore in a SQLite file (better-sqlite3): relational tables for agents, sessions, turns and turn
 * leases, migrated on open. Every write is committed (and, with the default `synchronous: 'full'`, fsynced)
 * before its promise resolves. Pass `{ path }` to open a file, or `{ database }` to share a connection with
 * `SqliteFileStore` (see `openSqliteStorage`); only a store that opened its own connection closes it.
 */
export class SqliteAgentStore implements AgentStore {
  readonly #db: SqliteDatabase;
  readonly #ownsDatabase: boolean;
  readonly #now: () => number;
  readonly #sql: ReturnType<typeof prepareStatements>;
  readonly #deleteAgent: (agentId: string) => boolean;
  readonly #deleteSession: (agentId: string, sessionId: string) => boolean;
  readonly #saveTurn: (row: Record<string, unknown>) => void;
  readonly #listTurns: (agentId: string, sessionId: string) => StoredTurn[];
  readonly #turnCache: ParsedTurnCache;

  constructor(options: SqliteStoreOptions & { now?: () => number }) {
    if ('database' in options) {
      this.#db = options.database;
      this.#ownsDatabase = false;
    } else {
      this.#db = openSqliteDatabase(options);
      this.#ownsDatabase = true;
    }
    this.#now = options.now ?? Date.now;
    const sql = prepareStatements(this.#db);
    this.#sql = sql;
    this.#deleteAgent = this.#db.transaction((agentId: string) => {
      sql.deleteAgentLeases.run(agentId);
      // Sessions and turns go with the agent through ON DELETE CASCADE.
      return sql.deleteAgent.run(agentId).changes > 0;
    });
    this.#deleteSession = this.#db.transaction((agentId: string, sessionId: string) => {
      sql.deleteSessionLease.run(agentId, sessionId);
      return sql.deleteSession.run(agentId, sessionId).changes > 0;
    });
    this.#saveTurn = this.#db.transaction((row: Record<string, unknown>) => {
      sql.upsertTurn.run({ ...row, revision: sql.nextTurnRevision.get() });
    });
    this.#turnCache = new ParsedTurnCache(
      options.turnCache === false ? { maxSessions: 0 } : options.turnCache,
    );
    // One read transaction: the revisions and the rows re-read for them come from the same snapshot.
    this.#listTurns = this.#db.transaction((agentId: string, sessionId: string) =>
      this.#readTurns(agentId, sessionId),
    );
  }

  /** The underlying connection, e.g. for backups (`database.backup(path)`). */
  get database(): SqliteDatabase {
    return this.#db;
  }

  async createAgent(agent: AgentRecord): Promise<void> {
    this.#sql.upsertAgent.run(agent.agent_id, agent.created_at, JSON.stringify(agent.agent_config));
  }

  async getAgent(agentId: string): Promise<AgentRecord | undefined> {
    const row = this.#sql.getAgent.get(agentId) as AgentRow | undefined;
    return row && agentFromRow(row);
  }

  async listAgents(query?: PaginationQuery): Promise<Page<AgentRecord>> {
    const bounds = sqlitePageBounds(query);
    const rows = this.#sql.listAgents.all(bounds.limit, bounds.offset) as AgentRow[];
    return pageFromRows(rows, query, agentFromRow);
  }

  async deleteAgent(agentId: string): Promise<boolean> {
    this.#turnCache.deleteAgent(agentId);
    return this.#deleteAgent(agentId);
  }

  async createSession(session: SessionRecord): Promise<void> {
    try {
      this.#sql.upsertSession.run(
        session.agent_id,
        session.session_id,
        session.session_name,
        session.started_at,
      );
    } catch (error) {
      if (isForeignKeyError(error)) throw new NotFoundError('Agent', session.agent_id, { cause: error });
      throw error;
    }
  }

  async getSession(agentId: string, sessionId: string): Promise<SessionRecord | undefined> {
    return this.#sql.getSession.get(agentId, sessionId) as SessionRow | undefined;
  }

  async listSessions(agentId: string, query?: PaginationQuery): Promise<Page<SessionRecord>> {
    const bounds = sqlitePageBounds(query);
    const rows = this.#sql.listSessions.all(agentId, bounds.limit, bounds.offset) as SessionRow[];
    return pageFromRows(rows, query, (row) => ({ ...row }));
  }

  async deleteSession(agentId: string, sessionId: string): Promise<boolean> {
    this.#turnCache.deleteSession(agentId, sessionId);
    return this.#deleteSession(agentId, sessionId);
  }

  async saveTurn(stored: StoredTurn): Promise<void> {
    try {
      this.#saveTurn({
        agent_id: stored.agent_id,
        session_id: stored.session_id,
        turn_id: stored.turn.turn_id,
        started_at: stored.turn.started_at,
        status: stored.status,
        turn: JSON.stringify(stored.turn),
        resume_state: stored.resume_state === undefined ? null : JSON.stringify(stored.resume_state),
        updated_at: new Date(this.#now()).toISOString(),
      });
    } catch (error) {
      if (isForeignKeyError(error)) {
        throw new NotFoundError('Session', `${stored.session_id} of agent ${stored.agent_id}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  async getTurn(agentId: string, sessionId: string, turnId: string): Promise<StoredTurn | undefined> {
    const row = this.#sql.getTurn.get(agentId, sessionId, turnId) as TurnRow | undefined;
    return row && turnFromRow(row);
  }

  /**
   * All turns of the session in started_at order, as deep-frozen objects: the same object may be handed to
   * every caller (like MemoryAgentStore's), so treat them as read-only and copy before changing one.
   */
  async listTurns(agentId: string, sessionId: string): Promise<StoredTurn[]> {
    return this.#listTurns(agentId, sessionId);
  }

  #readTurns(agentId: string, sessionId: string): StoredTurn[] {
    const cached = this.#turnCache.enabled ? this.#turnCache.get(agentId, sessionId) : undefined;
    const session = cached
      ? this.#refresh(agentId, sessionId, cached)
      : this.#readSession(agentId, sessionId);
    if (this.#turnCache.enabled && session !== cached) this.#turnCache.set(agentId, sessionId, session);
    return session.turns.map((turn) => turn.stored);
  }

  /**
   * Every save takes a revision above all earlier ones, and turns are only ever deleted with their session. So
   * the rows with a revision above the cached maximum are exactly the turns saved since, every other row is as
   * cached, and the count says whether any cached turn was deleted meanwhile (then: read it all again).
   */
  #refresh(agentId: string, sessionId: string, cached: CachedSession): CachedSession {
    const { count, maxRevision } = this.#sql.turnsFingerprint.get(agentId, sessionId) as TurnsFingerprint;
    if (count === cached.count && maxRevision === cached.maxRevision) return cached;
    const changed = (
      this.#sql.turnsSavedAfter.all(agentId, sessionId, cached.maxRevision) as CachedTurnRow[]
    ).map(cachedTurnFromRow);
    const changedIds = new Set(changed.map((turn) => turn.turnId));
    const kept = cached.turns.filter((turn) => !changedIds.has(turn.turnId));
    if (kept.length + changed.length !== count) return this.#readSession(agentId, sessionId);
    const turns = [...kept, ...changed];
    if (!isInListOrder(turns)) turns.sort(byListOrder);
    return { turns, count, maxRevision };
  }

  #readSession(agentId: string, sessionId: string): CachedSession {
    const turns = (this.#sql.listTurns.all(agentId, sessionId) as CachedTurnRow[]).map(cachedTurnFromRow);
    let maxRevision = -1;
    for (const turn of turns) maxRevision = Math.max(maxRevision, turn.revision);
    return { turns, count: turns.length, maxRevision };
  }

  // Lease writes commit without an fsync of their own (see commitWithoutOwnSync): a lease lost to a power
  // failure just expires, and the next saveTurn's fsync makes it durable anyway.
  async acquireTurnLease(request: TurnLeaseRequest): Promise<boolean> {
    const now = this.#now();
    const result = commitWithoutOwnSync(this.#db, () =>
      this.#sql.acquireLease.run({
        agent_id: request.agent_id,
        session_id: request.session_id,
        turn_id: request.turn_id,
        holder: request.holder,
        expires_at: now + request.ttl_ms,
        now,
      }),
    );
    return result.changes > 0;
  }

  async renewTurnLease(request: TurnLeaseRequest): Promise<boolean> {
    const expiresAt = this.#now() + request.ttl_ms;
    const result = commitWithoutOwnSync(this.#db, () =>
      this.#sql.renewLease.run(expiresAt, request.agent_id, request.session_id, request.holder),
    );
    return result.changes > 0;
  }

  async releaseTurnLease(
    request: Pick<TurnLeaseRequest, 'agent_id' | 'session_id' | 'holder'>,
  ): Promise<void> {
    commitWithoutOwnSync(this.#db, () =>
      this.#sql.releaseLease.run(request.agent_id, request.session_id, request.holder),
    );
  }

  async close(): Promise<void> {
    if (this.#ownsDatabase && this.#db.open) this.#db.close();
  }
}

function prepareStatements(db: Database.Database) {
  return {
    upsertAgent: db.prepare(
      `INSERT INTO agents (agent_id, created_at, config) VALUES (?, ?, ?)
       ON CONFLICT (agent_id) DO UPDATE SET config = excluded.config`,
    ),
    getAgent: db.prepare('SELECT agent_id, created_at, config FROM agents WHERE agent_id = ?'),
    listAgents: db.prepare(
      'SELECT agent_id, created_at, config FROM agents ORDER BY created_at, rowid LIMIT ? OFFSET ?',
    ),
    deleteAgent: db.prepare('DELETE FROM agents WHERE agent_id = ?'),
    deleteAgentLeases: db.prepare('DELETE FROM turn_leases WHERE agent_id = ?'),

    upsertSession: db.prepare(
      `INSERT INTO sessions (agent_id, session_id, session_name, started_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (agent_id, session_id) DO UPDATE SET session_name = excluded.session_name`,
    ),
    getSession: db.prepare(
      'SELECT agent_id, session_id, session_name, started_at FROM sessions WHERE agent_id = ? AND session_id = ?',
    ),
    listSessions: db.prepare(
      `SELECT agent_id, session_id, session_name, started_at FROM sessions WHERE agent_id = ?
       ORDER BY started_at, rowid LIMIT ? OFFSET ?`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE agent_id = ? AND session_id = ?'),
    deleteSessionLease: db.prepare('DELETE FROM turn_leases WHERE agent_id = ? AND session_id = ?'),

    nextTurnRevision: db
      .prepare('UPDATE turn_revisions SET last = last + 1 WHERE id = 1 RETURNING last')
      .pluck(),
    upsertTurn: db.prepare(
      `INSERT INTO turns (agent_id, session_id, turn_id, started_at, status, turn, resume_state, updated_at, revision)
       VALUES (@agent_id, @session_id, @turn_id, @started_at, @status, @turn, @resume_state, @updated_at, @revision)
       ON CONFLICT (agent_id, session_id, turn_id) DO UPDATE SET
         started_at = excluded.started_at, status = excluded.status, turn = excluded.turn,
         resume_state = excluded.resume_state, updated_at = excluded.updated_at, revision = excluded.revision`,
    ),
    getTurn: db.prepare(
      `SELECT agent_id, session_id, status, turn, resume_state FROM turns
       WHERE agent_id = ? AND session_id = ? AND turn_id = ?`,
    ),
    listTurns: db.prepare(
      `SELECT agent_id, session_id, turn_id, revision, started_at, rowid, status, turn, resume_state FROM turns
       WHERE agent_id = ? AND session_id = ? ORDER BY started_at, rowid`,
    ),
    // Both from the turns_by_revision index: max() is one lookup, count() a walk over the session's entries.
    turnsFingerprint: db.prepare(
      `SELECT count(*) AS count, coalesce(max(revision), -1) AS maxRevision FROM turns
       WHERE agent_id = ? AND session_id = ?`,
    ),
    turnsSavedAfter: db.prepare(
      `SELECT agent_id, session_id, turn_id, revision, started_at, rowid, status, turn, resume_state FROM turns
       WHERE agent_id = ? AND session_id = ? AND revision > ? ORDER BY started_at, rowid`,
    ),

    // Granted when the session is free, its lease expired, or the same holder asks again (a renewal).
    // When the WHERE of DO UPDATE is false nothing changes, which is how a refusal shows.
    acquireLease: db.prepare(
      `INSERT INTO turn_leases (agent_id, session_id, turn_id, holder, expires_at)
       VALUES (@agent_id, @session_id, @turn_id, @holder, @expires_at)
       ON CONFLICT (agent_id, session_id) DO UPDATE SET
         turn_id = excluded.turn_id, holder = excluded.holder, expires_at = excluded.expires_at
       WHERE turn_leases.holder = excluded.holder OR turn_leases.expires_at <= @now`,
    ),
    renewLease: db.prepare(
      'UPDATE turn_leases SET expires_at = ? WHERE agent_id = ? AND session_id = ? AND holder = ?',
    ),
    releaseLease: db.prepare('DELETE FROM turn_leases WHERE agent_id = ? AND session_id = ? AND holder = ?'),
  };
}

function agentFromRow(row: AgentRow): AgentRecord {
  return { agent_id: row.agent_id, agent_config: JSON.parse(row.config), created_at: row.created_at };
}

function turnFromRow(row: TurnRow): StoredTurn {
  const stored: StoredTurn = {
    agent_id: row.agent_id,
    session_id: row.session_id,
    status: row.status,
    turn: JSON.parse(row.turn),
  };
  if (row.resume_state !== null) stored.resume_state = JSON.parse(row.resume_state);
  return stored;
}

function cachedTurnFromRow(row: CachedTurnRow): CachedTurn {
  return {
    turnId: row.turn_id,
    revision: row.revision,
    startedAt: row.started_at,
    rowid: row.rowid,
    stored: deepFreeze(turnFromRow(row)),
    chars: row.turn.length + (row.resume_state?.length ?? 0),
  };
}

function byListOrder(a: CachedTurn, b: CachedTurn): number {
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
  return a.rowid - b.rowid;
}

function isInListOrder(turns: readonly CachedTurn[]): boolean {
  for (let i = 1; i < turns.length; i++) {
    if (byListOrder(turns[i - 1] as CachedTurn, turns[i] as CachedTurn) > 0) return false;
  }
  return true;
}

function isForeignKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
