import type { StoredTurn } from '@llama-stack-ts/api-types';

export interface CachedTurn {
  revision: number;
  /** Deep-frozen: handed as is to every caller of listTurns. */
  stored: StoredTurn;
  /** Length of its JSON text, the measure of the cache's size. */
  chars: number;
}

export interface ParsedTurnCacheLimits {
  /** Sessions kept, least recently listed dropped first. Default 256; 0 turns the cache off. */
  maxSessions?: number;
  /** Total length of the cached turns' JSON text. Default 64 MiB; a session larger than this is not kept. */
  maxJsonChars?: number;
}

interface CachedSession {
  agentId: string;
  turns: ReadonlyMap<string, CachedTurn>;
  chars: number;
}

/**
 * Parsed turns by session, least recently used sessions evicted first. Holds no truth of its own: the store
 * checks every entry against the turns' revisions in the database before using it.
 */
export class ParsedTurnCache {
  readonly #sessions = new Map<string, CachedSession>();
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

  get(agentId: string, sessionId: string): ReadonlyMap<string, CachedTurn> | undefined {
    return this.#sessions.get(sessionKey(agentId, sessionId))?.turns;
  }

  /** Replaces the session's entry and makes it the most recently used. */
  set(agentId: string, sessionId: string, turns: ReadonlyMap<string, CachedTurn>): void {
    const key = sessionKey(agentId, sessionId);
    this.#remove(key);
    let chars = 0;
    for (const turn of turns.values()) chars += turn.chars;
    this.#sessions.set(key, { agentId, turns, chars });
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

  /** Sessions and JSON characters held (for tests and diagnostics). */
  get size(): { sessions: number; jsonChars: number } {
    return { sessions: this.#sessions.size, jsonChars: this.#chars };
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
