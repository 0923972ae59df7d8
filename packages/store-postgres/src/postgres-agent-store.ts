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
import type { QueryResultRow } from 'pg';
import { migratePostgres } from './migrations.js';
import { type PoolHandle, type PostgresConnectionOptions, poolFrom } from './pool.js';

export interface PostgresStoreOptions extends PostgresConnectionOptions {
  /** Run the schema migrations before the first query (default true). Turn off when you run `migratePostgres` yourself. */
  migrate?: boolean;
}

interface AgentRow {
  agent_id: string;
  created_at: string;
  config: string;
}

interface TurnRow {
  agent_id: string;
  session_id: string;
  status: TurnStatus;
  turn: string;
  resume_state: string | null;
}

const SESSION_COLUMNS = 'agent_id, session_id, session_name, started_at';
// JSON comes back as text and is parsed here: exact, and independent of any global pg type parsers.
const TURN_COLUMNS = 'agent_id, session_id, status, turn::text AS turn, resume_state::text AS resume_state';

/**
 * An AgentStore on PostgreSQL, shared by every server replica: relational tables, every write an idempotent
 * upsert, and the one-turn-per-session lease held in the database with an expiry on the database clock, so a
 * crashed replica's lease runs out. Migrates the schema (under an advisory lock) before its first query.
 */
export class PostgresAgentStore implements AgentStore {
  readonly #handle: PoolHandle;
  readonly #migrate: boolean;
  #ready: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions) {
    this.#handle = poolFrom(options);
    this.#migrate = options.migrate ?? true;
  }

  /** Opens the store and runs the migrations now, so a bad URL or an incompatible schema fails at startup. */
  static async open(options: PostgresStoreOptions & { signal?: AbortSignal }): Promise<PostgresAgentStore> {
    const store = new PostgresAgentStore(options);
    try {
      await store.ready(options);
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  get pool() {
    return this.#handle.pool;
  }

  /** Resolves once the schema is migrated (runs the migrations on first call). */
  ready(options: { signal?: AbortSignal } = {}): Promise<void> {
    if (!this.#migrate) return Promise.resolve();
    this.#ready ??= migratePostgres(this.#handle.pool, options).catch((error: unknown) => {
      this.#ready = undefined; // let a later call retry, e.g. once the database is up
      throw error;
    });
    return this.#ready;
  }

  async createAgent(agent: AgentRecord): Promise<void> {
    await this.#query(
      `INSERT INTO agents (agent_id, created_at, config) VALUES ($1, $2, $3::json)
       ON CONFLICT (agent_id) DO UPDATE SET config = EXCLUDED.config`,
      [agent.agent_id, agent.created_at, JSON.stringify(agent.agent_config)],
    );
  }

  async getAgent(agentId: string): Promise<AgentRecord | undefined> {
    const { rows } = await this.#query<AgentRow>(
      'SELECT agent_id, created_at, config::text AS config FROM agents WHERE agent_id = $1',
      [agentId],
    );
    return rows[0] && agentFromRow(rows[0]);
  }

  async listAgents(query?: PaginationQuery): Promise<Page<AgentRecord>> {
    const { rows } = await this.#query<AgentRow>(
      `SELECT agent_id, created_at, config::text AS config FROM agents ORDER BY created_at, seq
       LIMIT $1 OFFSET $2`,
      pageBounds(query),
    );
    return pageFromRows(rows, query, agentFromRow);
  }

  async deleteAgent(agentId: string): Promise<boolean> {
    // One statement, so atomic; sessions and turns go through ON DELETE CASCADE.
    const result = await this.#query(
      `WITH leases AS (DELETE FROM turn_leases WHERE agent_id = $1)
       DELETE FROM agents WHERE agent_id = $1`,
      [agentId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async createSession(session: SessionRecord): Promise<void> {
    try {
      await this.#query(
        `INSERT INTO sessions (${SESSION_COLUMNS}) VALUES ($1, $2, $3, $4)
         ON CONFLICT (agent_id, session_id) DO UPDATE SET session_name = EXCLUDED.session_name`,
        [session.agent_id, session.session_id, session.session_name, session.started_at],
      );
    } catch (error) {
      if (isForeignKeyError(error)) throw new NotFoundError('Agent', session.agent_id, { cause: error });
      throw error;
    }
  }

  async getSession(agentId: string, sessionId: string): Promise<SessionRecord | undefined> {
    const { rows } = await this.#query<SessionRecord>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE agent_id = $1 AND session_id = $2`,
      [agentId, sessionId],
    );
    return rows[0];
  }

  async listSessions(agentId: string, query?: PaginationQuery): Promise<Page<SessionRecord>> {
    const { rows } = await this.#query<SessionRecord>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE agent_id = $1 ORDER BY started_at, seq LIMIT $2 OFFSET $3`,
      [agentId, ...pageBounds(query)],
    );
    return pageFromRows(rows, query, (row) => row);
  }

  async deleteSession(agentId: string, sessionId: string): Promise<boolean> {
    const result = await this.#query(
      `WITH leases AS (DELETE FROM turn_leases WHERE agent_id = $1 AND session_id = $2)
       DELETE FROM sessions WHERE agent_id = $1 AND session_id = $2`,
      [agentId, sessionId],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async saveTurn(stored: StoredTurn): Promise<void> {
    try {
      await this.#query(
        `INSERT INTO turns (agent_id, session_id, turn_id, started_at, status, turn, resume_state)
         VALUES ($1, $2, $3, $4, $5, $6::json, $7::json)
         ON CONFLICT (agent_id, session_id, turn_id) DO UPDATE SET
           started_at = EXCLUDED.started_at, status = EXCLUDED.status, turn = EXCLUDED.turn,
           resume_state = EXCLUDED.resume_state, updated_at = clock_timestamp()`,
        [
          stored.agent_id,
          stored.session_id,
          stored.turn.turn_id,
          stored.turn.started_at,
          stored.status,
          JSON.stringify(stored.turn),
          stored.resume_state === undefined ? null : JSON.stringify(stored.resume_state),
        ],
      );
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
    const { rows } = await this.#query<TurnRow>(
      `SELECT ${TURN_COLUMNS} FROM turns WHERE agent_id = $1 AND session_id = $2 AND turn_id = $3`,
      [agentId, sessionId, turnId],
    );
    return rows[0] && turnFromRow(rows[0]);
  }

  async listTurns(agentId: string, sessionId: string): Promise<StoredTurn[]> {
    const { rows } = await this.#query<TurnRow>(
      `SELECT ${TURN_COLUMNS} FROM turns WHERE agent_id = $1 AND session_id = $2 ORDER BY started_at, seq`,
      [agentId, sessionId],
    );
    return rows.map(turnFromRow);
  }

  async acquireTurnLease(request: TurnLeaseRequest): Promise<boolean> {
    // Granted when the session is free, its lease expired, or the same holder asks again (a renewal). Under
    // concurrent requests INSERT … ON CONFLICT DO UPDATE locks the row and re-checks the WHERE, so one wins.
    const result = await this.#query(
      `INSERT INTO turn_leases (agent_id, session_id, turn_id, holder, expires_at)
       VALUES ($1, $2, $3, $4, clock_timestamp() + make_interval(secs => $5::double precision / 1000))
       ON CONFLICT (agent_id, session_id) DO UPDATE SET
         turn_id = EXCLUDED.turn_id, holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
       WHERE turn_leases.holder = EXCLUDED.holder OR turn_leases.expires_at <= clock_timestamp()`,
      [request.agent_id, request.session_id, request.turn_id, request.holder, request.ttl_ms],
    );
    return result.rowCount === 1;
  }

  async renewTurnLease(request: TurnLeaseRequest): Promise<boolean> {
    const result = await this.#query(
      `UPDATE turn_leases SET expires_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000)
       WHERE agent_id = $1 AND session_id = $2 AND holder = $3`,
      [request.agent_id, request.session_id, request.holder, request.ttl_ms],
    );
    return result.rowCount === 1;
  }

  async releaseTurnLease(
    request: Pick<TurnLeaseRequest, 'agent_id' | 'session_id' | 'holder'>,
  ): Promise<void> {
    await this.#query('DELETE FROM turn_leases WHERE agent_id = $1 AND session_id = $2 AND holder = $3', [
      request.agent_id,
      request.session_id,
      request.holder,
    ]);
  }

  async close(): Promise<void> {
    await this.#handle.end();
  }

  async #query<Row extends object = Record<string, unknown>>(text: string, values: unknown[]) {
    await this.ready();
    return this.#handle.pool.query<Row & QueryResultRow>(text, values);
  }
}

/** LIMIT one row more than the page, so `has_more` needs no COUNT. LIMIT NULL is "all". */
function pageBounds(query: PaginationQuery = {}): [number | null, number] {
  return [query.limit === undefined ? null : query.limit + 1, query.start_index ?? 0];
}

function pageFromRows<Row, Item>(
  rows: Row[],
  query: PaginationQuery = {},
  toItem: (row: Row) => Item,
): Page<Item> {
  const hasMore = query.limit !== undefined && rows.length > query.limit;
  return { data: (hasMore ? rows.slice(0, query.limit) : rows).map(toItem), has_more: hasMore };
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

function isForeignKeyError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23503';
}
