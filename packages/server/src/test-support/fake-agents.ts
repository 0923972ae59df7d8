import {
  ConflictError,
  NotFoundError,
  type AgentRecord,
  type Page,
  type Session,
  type Step,
  type Turn,
  type TurnStreamChunk,
} from '@llama-stack-ts/api-types';
import type { AgentService, TurnRun } from '../stack/agent-service.js';

/** An agent service that knows one agent and one session; turns replay the given chunks. For HTTP-layer tests. */
export class FakeAgents implements AgentService {
  readonly running = new Set<string>();
  readonly signals: AbortSignal[] = [];
  constructor(private readonly chunks: (signal: AbortSignal) => AsyncIterable<TurnStreamChunk>) {}

  #check(agentId: string, sessionId?: string) {
    if (agentId !== 'agent-1') throw new NotFoundError('Agent', agentId);
    if (sessionId !== undefined && sessionId !== 'session-1') throw new NotFoundError('Session', sessionId);
  }
  async createAgent() {
    return { agent_id: 'agent-1' };
  }
  async getAgent(agentId: string): Promise<AgentRecord> {
    this.#check(agentId);
    throw new Error('not used');
  }
  async listAgents(): Promise<Page<AgentRecord>> {
    return { data: [], has_more: false };
  }
  async deleteAgent(agentId: string) {
    this.#check(agentId);
  }
  async createSession(agentId: string) {
    this.#check(agentId);
    return { session_id: 'session-1' };
  }
  async getSession(agentId: string, sessionId: string, turnIds?: string[]): Promise<Session> {
    this.#check(agentId, sessionId);
    return {
      session_id: sessionId,
      session_name: JSON.stringify(turnIds ?? null),
      turns: [],
      started_at: 'now',
    };
  }
  async listSessions(agentId: string): Promise<Page<Session>> {
    this.#check(agentId);
    return { data: [], has_more: false };
  }
  async deleteSession(agentId: string, sessionId: string) {
    this.#check(agentId, sessionId);
  }
  async getTurn(agentId: string, sessionId: string, turnId: string): Promise<Turn> {
    this.#check(agentId, sessionId);
    throw new NotFoundError('Turn', turnId);
  }
  async getStep(agentId: string, sessionId: string, _turnId: string, stepId: string): Promise<Step> {
    this.#check(agentId, sessionId);
    throw new NotFoundError('Step', stepId);
  }
  async createTurn(
    agentId: string,
    sessionId: string,
    _request: unknown,
    options: { signal: AbortSignal },
  ): Promise<TurnRun> {
    this.#check(agentId, sessionId);
    if (this.running.has(sessionId))
      throw new ConflictError(`A turn is already running in session ${sessionId}`);
    this.running.add(sessionId);
    this.signals.push(options.signal);
    const source = this.chunks(options.signal);
    const running = this.running;
    return {
      turnId: 'turn-1',
      async *[Symbol.asyncIterator]() {
        try {
          yield* source;
        } finally {
          running.delete(sessionId);
        }
      },
    };
  }
  async resumeTurn(agentId: string, sessionId: string, turnId: string): Promise<TurnRun> {
    this.#check(agentId, sessionId);
    throw new NotFoundError('Turn', turnId);
  }
}
