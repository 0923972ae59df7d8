import type { StoredTurn } from '@llama-stack-ts/api-types';

export interface CachedTurn {
  turnId: string;
  revision: number;
  /** Where the turn sits in listTurns order: started_at, then rowid (insertion order). */
  startedAt: string;
  rowid: number;
  /** Deep-frozen: handed as is to every caller of listTurns. */
  stored: StoredTurn;
  /** Length of its JSON text, the measure of the cache's size. */
  chars: number;
}

/** A session's turns as last read, in listTurns order, with what identifies that state in the database. */
export interface CachedSession {
  turns: readonly CachedTurn[];
  /** count(*) and max(revision) of the session's rows when read. */
  count: number;
  maxRevision: number;
}

export interface ParsedTurnCacheLimits {
  /** Sessions kept, least recently listed dropped first. Default 256; 0 turns the cache off. */
  maxSessions?: number;
  /** Total length of the cached turns' JSON text. Default 64 Mi; a session larger than this is not kept. */
  maxJsonChars?: number;
}

interface Entry extends CachedSession {
  agentId: string;
  chars: number;
}

/**
 * Parsed turns by session, least recently used sessions evicted first. Holds no truth of its own: the store
 * checks an entry against the database before every use.
 */
export class ParsedTurnCache {
  readonly #sessions = new Map<string, Entry>();
  readonly #maxSessions: number;
  readonly #maxChars: number;
  #chars = 0;

  constructor(limits: ParsedTurnCacheLimits = {}) {
    this.#maxSessions = Math.max(0, Math.trunc(limits.maxSessions ?? 256));
    this.#maxChars = Math.max(0, limits.maxJsonChars ?? 64 * 1024 * 1024);
  }

  get enabled(): boolean {
    return this.#maxSessions > 0 && this.#maxChars > 0;
  }

  get(agentId: string, sessionId: string): CachedSession | undefined {
    return this.#sessions.get(sessionKey(agentId, sessionId));
  }

  /** Replaces the session's entry and makes it the most recently used. */
  set(agentId: string, sessionId: string, session: CachedSession): void {
    const key = sessionKey(agentId, sessionId);
    this.#remove(key);
    let chars = 0;
    for (const turn of session.turns) chars += turn.chars;
    this.#sessions.set(key, { ...session, agentId, chars });
    this.#chars += chars;
    for (const oldest of this.#sessions.keys()) {
      if (this.#sessions.size <= this.#maxSessions && this.#chars <= this.#maxChars) break;
      this.#remove(oldest);
    }
  }

  deleteSession(agentId: string, sessionId: string): void {
    this.#remove(sessionKey(agentId, sessionId));
  }

  deleteAgent(agentId: string): void {
    for (const [key, session] of this.#sessions) if (session.agentId === agentId) this.#remove(key);
  }

  #remove(key: string): void {
    const session = this.#sessions.get(key);
    if (!session) return;
    this.#sessions.delete(key);
    this.#chars -= session.chars;
  }
}

function sessionKey(agentId: string, sessionId: string): string {
  return JSON.stringify([agentId, sessionId]);
}
