import type { AgentRecord } from '../agent-config.js';
import type { JsonValue } from '../json.js';
import type { Page, PaginationQuery } from '../pagination.js';
import type { Turn, TurnStatus } from '../turn.js';

export interface SessionRecord {
  agent_id: string;
  session_id: string;
  session_name: string;
  started_at: string;
}

/** A turn as stored: the wire Turn, where it stands, and the loop state needed to resume a paused turn. */
export interface StoredTurn {
  agent_id: string;
  session_id: string;
  turn: Turn;
  status: TurnStatus;
  /** Serialisable loop state of a turn paused for client tools; absent otherwise. */
  resume_state?: JsonValue;
}

export interface TurnLeaseRequest {
  agent_id: string;
  session_id: string;
  turn_id: string;
  /** Who holds it: a process or replica id plus the turn. */
  holder: string;
  ttl_ms: number;
}

/**
 * Durable agent state. Every write is idempotent on its id; lists come in `created_at` / `started_at` order.
 * A session runs one turn at a time: `acquireTurnLease` grants it to one holder until released or expired.
 */
export interface AgentStore {
  createAgent(agent: AgentRecord): Promise<void>;
  getAgent(agentId: string): Promise<AgentRecord | undefined>;
  listAgents(query?: PaginationQuery): Promise<Page<AgentRecord>>;
  /** Deletes the agent with its sessions, turns and leases. False when it did not exist. */
  deleteAgent(agentId: string): Promise<boolean>;

  createSession(session: SessionRecord): Promise<void>;
  getSession(agentId: string, sessionId: string): Promise<SessionRecord | undefined>;
  listSessions(agentId: string, query?: PaginationQuery): Promise<Page<SessionRecord>>;
  deleteSession(agentId: string, sessionId: string): Promise<boolean>;

  /** Insert or replace by turn id. Durable when the promise resolves. */
  saveTurn(turn: StoredTurn): Promise<void>;
  getTurn(agentId: string, sessionId: string, turnId: string): Promise<StoredTurn | undefined>;
  /** All turns of a session in `started_at` order. */
  listTurns(agentId: string, sessionId: string): Promise<StoredTurn[]>;

  /** True when granted (free, expired, or already held by the same holder, which renews it). */
  acquireTurnLease(request: TurnLeaseRequest): Promise<boolean>;
  /** Extends a held lease; false when it was lost (expired and taken). */
  renewTurnLease(request: TurnLeaseRequest): Promise<boolean>;
  releaseTurnLease(request: Pick<TurnLeaseRequest, 'agent_id' | 'session_id' | 'holder'>): Promise<void>;

  close?(): Promise<void>;
}
