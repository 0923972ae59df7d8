import type {
  AgentRecord,
  AgentStore,
  Page,
  PaginationQuery,
  SessionRecord,
  StoredTurn,
  TurnLeaseRequest,
} from '@llama-stack-ts/api-types';
import { pageOf } from '@llama-stack-ts/api-types';
import { frozenCopy } from './frozen-copy.js';

interface Lease {
  holder: string;
  expiresAt: number;
}

export interface MemoryAgentStoreOptions {
  /** Clock for lease expiry, in milliseconds. */
  now?: () => number;
}

function byTimestamp<T>(items: Iterable<T>, timestamp: (item: T) => string): T[] {
  // Array.prototype.sort is stable, so equal timestamps keep insertion order.
  return [...items].sort((a, b) => (timestamp(a) < timestamp(b) ? -1 : timestamp(a) > timestamp(b) ? 1 : 0));
}

const sessionKey = (agentId: string, sessionId: string) => `${agentId}\u0000${sessionId}`;

/**
 * An AgentStore in process memory: the default for tests and for sessions of agents without
 * `enable_session_persistence`. Values are copied in and deep-frozen, and reads hand out those frozen
 * copies (no copy per read, however long a session grows): a caller's later changes to what it saved never
 * reach the store, and what a read returns is read-only (changing it throws).
 */
export class MemoryAgentStore implements AgentStore {
  readonly #agents = new Map<string, AgentRecord>();
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #turns = new Map<string, Map<string, StoredTurn>>();
  readonly #leases = new Map<string, Lease>();
  readonly #now: () => number;

  constructor(options: MemoryAgentStoreOptions = {}) {
    this.#now = options.now ?? Date.now;
  }

  async createAgent(agent: AgentRecord): Promise<void> {
    this.#agents.set(agent.agent_id, frozenCopy(agent));
  }

  async getAgent(agentId: string): Promise<AgentRecord | undefined> {
    return this.#agents.get(agentId);
  }

  async listAgents(query?: PaginationQuery): Promise<Page<AgentRecord>> {
    const ordered = byTimestamp(this.#agents.values(), (agent) => agent.created_at);
    return pageOf(ordered, query);
  }

  async deleteAgent(agentId: string): Promise<boolean> {
    const existed = this.#agents.delete(agentId);
    for (const session of [...this.#sessions.values()]) {
      if (session.agent_id === agentId) await this.deleteSession(agentId, session.session_id);
    }
    return existed;
  }

  async createSession(session: SessionRecord): Promise<void> {
    this.#sessions.set(sessionKey(session.agent_id, session.session_id), frozenCopy(session));
  }

  async getSession(agentId: string, sessionId: string): Promise<SessionRecord | undefined> {
    return this.#sessions.get(sessionKey(agentId, sessionId));
  }

  async listSessions(agentId: string, query?: PaginationQuery): Promise<Page<SessionRecord>> {
    const own = [...this.#sessions.values()].filter((session) => session.agent_id === agentId);
    return pageOf(
      byTimestamp(own, (session) => session.started_at),
      query,
    );
  }

  async deleteSession(agentId: string, sessionId: string): Promise<boolean> {
    const key = sessionKey(agentId, sessionId);
    this.#turns.delete(key);
    this.#leases.delete(key);
    return this.#sessions.delete(key);
  }

  async saveTurn(turn: StoredTurn): Promise<void> {
    const key = sessionKey(turn.agent_id, turn.session_id);
    let turns = this.#turns.get(key);
    if (!turns) {
      turns = new Map();
      this.#turns.set(key, turns);
    }
    turns.set(turn.turn.turn_id, frozenCopy(turn));
  }

  async getTurn(agentId: string, sessionId: string, turnId: string): Promise<StoredTurn | undefined> {
    return this.#turns.get(sessionKey(agentId, sessionId))?.get(turnId);
  }

  async listTurns(agentId: string, sessionId: string): Promise<StoredTurn[]> {
    const turns = this.#turns.get(sessionKey(agentId, sessionId))?.values() ?? [];
    return byTimestamp(turns, (stored) => stored.turn.started_at);
  }

  async acquireTurnLease(request: TurnLeaseRequest): Promise<boolean> {
    const key = sessionKey(request.agent_id, request.session_id);
    const current = this.#leases.get(key);
    const now = this.#now();
    if (current && current.holder !== request.holder && current.expiresAt > now) return false;
    this.#leases.set(key, { holder: request.holder, expiresAt: now + request.ttl_ms });
    return true;
  }

  async renewTurnLease(request: TurnLeaseRequest): Promise<boolean> {
    const key = sessionKey(request.agent_id, request.session_id);
    const current = this.#leases.get(key);
    // Held means still recorded under this holder: expired but untaken still counts, released does not.
    if (current?.holder !== request.holder) return false;
    this.#leases.set(key, { holder: request.holder, expiresAt: this.#now() + request.ttl_ms });
    return true;
  }

  async releaseTurnLease(
    request: Pick<TurnLeaseRequest, 'agent_id' | 'session_id' | 'holder'>,
  ): Promise<void> {
    const key = sessionKey(request.agent_id, request.session_id);
    if (this.#leases.get(key)?.holder === request.holder) this.#leases.delete(key);
  }

  async close(): Promise<void> {}
}
