import { randomUUID } from 'node:crypto';
import {
  AgentConfig,
  type AgentConfigInput,
  type AgentRecord,
  type AgentStore,
  type CallOptions,
  ConflictError,
  type FileStore,
  type InferenceProvider,
  InvalidRequestError,
  type JsonObject,
  type Logger,
  NotFoundError,
  type Page,
  type PaginationQuery,
  type Session,
  type SessionRecord,
  type ShieldProvider,
  type Step,
  type ToolConfig,
  type ToolProvider,
  type Turn,
  type TurnEventPayload,
  parseOrThrow,
  silentLogger,
} from '@llama-stack-ts/api-types';
import { checkModel, checkShields } from './agent-checks.js';
import { MemoryAgentStore } from './store/memory-agent-store.js';
import { ToolCatalog } from './tools/tool-catalog.js';
import { type ToolSet, resolveToolSet } from './tools/tool-registry.js';
import { documentAttachments, offersCodeInterpreter } from './turn/document-attachments.js';
import { type DocumentFetchOptions, checkDocuments, loadDocumentTexts } from './turn/documents.js';
import { monotonicClock } from './turn/monotonic-clock.js';
import { toolsForChoice } from './turn/tool-choice.js';
import type { TurnContext } from './turn/turn-context.js';
import { turnEvents } from './turn/turn-events.js';
import { DEFAULT_UNREAD_TURN_TIMEOUT_MS, TurnRun, runLeasedTurn } from './turn/turn-run.js';
import { checkToolResponses, newTurnState, readPausedTurn, resumedTurnState } from './turn/turn-start.js';
import { type TurnCallOptions, providerDataOf } from './turn-call-options.js';
import type { TurnState } from './turn/turn-state.js';
import {
  ResumeRequest,
  type ResumeRequestInput,
  type TurnRequest,
  type TurnRequestInput,
} from './turn-request.js';
import { turnRequestOf } from './turn-request-of.js';

export interface AgentRuntimeOptions {
  inference: InferenceProvider;
  safety?: ShieldProvider;
  tools?: ToolProvider[];
  /** Durable store: agent records always, sessions and turns of agents with enable_session_persistence. */
  store: AgentStore;
  /** Where tools put the files they produce (kept for tools that need it; the server serves them). */
  files?: FileStore;
  logger?: Logger;
  now?: () => Date;
  newId?: () => string;
  /** How document URLs given with a turn are fetched (private addresses are refused by default). */
  documents?: DocumentFetchOptions;
  /** How long a running turn holds its session before another replica may take it. Default 30 s. */
  leaseTtlMs?: number;
  /** Names this process in turn leases. Default: a random id. */
  instanceId?: string;
  /**
   * A turn whose stream nobody starts reading within this many milliseconds of `createTurn`/`resumeTurn` is
   * cancelled (stored as cancelled, its session freed). Default 30 s; 0 turns the guard off.
   */
  unreadTurnTimeoutMs?: number;
  /**
   * How long the tool providers' listings are reused across turns (Llama Stack lists them on every turn).
   * A turn asking for a group or tool the kept listing lacks lists again at once, so added tools are seen
   * immediately; removed ones may be offered until it expires. 0 lists on every turn. Default 5 s; see
   * `refreshTools()`.
   */
  toolListTtlMs?: number;
}

/** How long tool listings are reused by default. */
export const DEFAULT_TOOL_LIST_TTL_MS = 5_000;

/**
 * The agent runtime: agents, sessions and turns over injected providers. A turn is an async iterable of
 * Llama Stack v0.2 stream chunks; the non-streaming API is the same stream drained (`drainTurn`).
 */
export class AgentRuntime {
  readonly #inference: InferenceProvider;
  readonly #safety: ShieldProvider | undefined;
  readonly #toolCatalog: ToolCatalog;
  readonly #store: AgentStore;
  /** Sessions and turns of agents without enable_session_persistence, as Llama Stack keeps them. */
  readonly #ephemeral = new MemoryAgentStore();
  readonly #logger: Logger;
  readonly #clock: () => string;
  readonly #newId: () => string;
  readonly #documents: DocumentFetchOptions;
  readonly #leaseTtlMs: number;
  readonly #instanceId: string;
  readonly #unreadTurnTimeoutMs: number;
  readonly files: FileStore | undefined;

  constructor(options: AgentRuntimeOptions) {
    this.#inference = options.inference;
    this.#safety = options.safety;
    this.#toolCatalog = new ToolCatalog(options.tools ?? [], {
      ttlMs: options.toolListTtlMs ?? DEFAULT_TOOL_LIST_TTL_MS,
    });
    this.#store = options.store;
    this.files = options.files;
    this.#logger = options.logger ?? silentLogger;
    this.#clock = monotonicClock(options.now ?? (() => new Date()));
    this.#newId = options.newId ?? randomUUID;
    this.#documents = options.documents ?? {};
    this.#leaseTtlMs = options.leaseTtlMs ?? 30_000;
    this.#instanceId = options.instanceId ?? randomUUID();
    this.#unreadTurnTimeoutMs = options.unreadTurnTimeoutMs ?? DEFAULT_UNREAD_TURN_TIMEOUT_MS;
  }

  // ── agents ──────────────────────────────────────────────────────────────

  /** Fills the defaults, checks the model, shields and tools exist, and stores the agent. */
  async createAgent(input: AgentConfigInput, options: CallOptions = {}): Promise<{ agent_id: string }> {
    const config = parseOrThrow(AgentConfig, input, 'agent_config');
    const signal = options.signal ?? new AbortController().signal;
    await checkModel(this.#inference, config.model, signal);
    await checkShields(this.#safety, config, signal);
    const tools = await resolveToolSet(
      { agentToolGroups: config.toolgroups, clientTools: config.client_tools },
      this.#toolCatalog,
      { signal },
    );
    toolsForChoice(tools.definitions, config.tool_config);
    const record: AgentRecord = { agent_id: this.#newId(), agent_config: config, created_at: this.#clock() };
    await this.#store.createAgent(record);
    return { agent_id: record.agent_id };
  }

  async getAgent(agentId: string): Promise<AgentRecord> {
    const agent = await this.#store.getAgent(agentId);
    if (!agent) throw new NotFoundError('Agent', agentId);
    return agent;
  }

  listAgents(query?: PaginationQuery): Promise<Page<AgentRecord>> {
    return this.#store.listAgents(query);
  }

  async deleteAgent(agentId: string): Promise<void> {
    await this.#ephemeral.deleteAgent(agentId);
    if (!(await this.#store.deleteAgent(agentId))) throw new NotFoundError('Agent', agentId);
  }

  // ── sessions ────────────────────────────────────────────────────────────

  async createSession(agentId: string, sessionName: string): Promise<{ session_id: string }> {
    if (typeof sessionName !== 'string' || sessionName === '') {
      throw new InvalidRequestError('session_name must be a non-empty string', 'session_name');
    }
    const agent = await this.getAgent(agentId);
    const session: SessionRecord = {
      agent_id: agentId,
      session_id: this.#newId(),
      session_name: sessionName,
      started_at: this.#clock(),
    };
    await this.#storeOf(agent).createSession(session);
    return { session_id: session.session_id };
  }

  /** The session with its turns (only the given ones when turnIds is set), in started_at order. */
  async getSession(agentId: string, sessionId: string, turnIds?: readonly string[]): Promise<Session> {
    const { store, session } = await this.#sessionOf(agentId, sessionId);
    const stored = await store.listTurns(agentId, sessionId);
    const wanted = turnIds && turnIds.length > 0 ? new Set(turnIds) : undefined;
    const turns = stored.map((s) => s.turn).filter((turn) => !wanted || wanted.has(turn.turn_id));
    return {
      session_id: session.session_id,
      session_name: session.session_name,
      started_at: session.started_at,
      turns,
    };
  }

  async listSessions(agentId: string, query?: PaginationQuery): Promise<Page<Session>> {
    const agent = await this.getAgent(agentId);
    const page = await this.#storeOf(agent).listSessions(agentId, query);
    return {
      data: page.data.map((s) => ({
        session_id: s.session_id,
        session_name: s.session_name,
        started_at: s.started_at,
        turns: [],
      })),
      has_more: page.has_more,
    };
  }

  async deleteSession(agentId: string, sessionId: string): Promise<void> {
    const { store } = await this.#sessionOf(agentId, sessionId);
    await store.deleteSession(agentId, sessionId);
  }

  // ── turns ───────────────────────────────────────────────────────────────

  async getTurn(agentId: string, sessionId: string, turnId: string): Promise<Turn> {
    return (await this.#storedTurn(agentId, sessionId, turnId)).stored.turn;
  }

  async getStep(agentId: string, sessionId: string, turnId: string, stepId: string): Promise<Step> {
    const turn = await this.getTurn(agentId, sessionId, turnId);
    const step = turn.steps.find((s) => s.step_id === stepId);
    if (!step) throw new NotFoundError('Step', stepId);
    return step;
  }

  /**
   * Checks the request (404 unknown agent or session, 400 invalid input, 409 a turn already running in the
   * session), takes the session's lease, and returns the turn to read. Nothing reaches a model before the
   * returned TurnRun is read.
   */
  async createTurn(
    agentId: string,
    sessionId: string,
    input: TurnRequestInput,
    options: TurnCallOptions = {},
  ): Promise<TurnRun> {
    const request = turnRequestOf(input);
    const providerData = providerDataOf(options);
    const { agent, store } = await this.#sessionOf(agentId, sessionId);
    const config = agent.agent_config;
    const toolConfig = request.tool_config ?? config.tool_config;
    const tools = await this.#toolSet(config, request.toolgroups, toolConfig, options.signal);
    checkDocuments(request.documents ?? []);
    const documentTexts = request.documents?.length
      ? await loadDocumentTexts(request.documents, this.#documents, {
          signal: options.signal ?? new AbortController().signal,
        })
      : [];

    const turnId = this.#newId();
    const lease = await this.#acquireLease(store, agentId, sessionId, turnId);
    try {
      const history = await store.listTurns(agentId, sessionId);
      const state = newTurnState({
        turnId,
        sessionId,
        startedAt: this.#clock(),
        instructions: config.instructions,
        history: history.map((s) => s.turn),
        request,
        documentTexts,
        documentAttachments:
          request.documents && offersCodeInterpreter(tools, toolConfig)
            ? documentAttachments(turnId, request.documents, documentTexts)
            : [],
      });
      return this.#turnRun(agent, store, tools, toolConfig, state, lease, {
        signal: options.signal,
        providerData,
      });
    } catch (error) {
      await store.releaseTurnLease(lease).catch(() => {});
      throw error;
    }
  }

  /**
   * Continues a turn paused for client tools with their responses, under the same turn id. The stream
   * begins with the step_complete of the tool_execution step that carries those responses.
   */
  async resumeTurn(
    agentId: string,
    sessionId: string,
    turnId: string,
    input: ResumeRequestInput,
    options: TurnCallOptions = {},
  ): Promise<TurnRun> {
    const request = parseOrThrow(ResumeRequest, input);
    const providerData = providerDataOf(options);
    const { agent, store } = await this.#sessionOf(agentId, sessionId);
    const paused = await readPausedTurn(store, agentId, sessionId, turnId);
    checkToolResponses(paused.resume.pending, request.tool_responses);
    const config = agent.agent_config;
    const toolConfig = paused.resume.tool_config ?? config.tool_config;
    const tools = await this.#toolSet(config, paused.resume.toolgroups, toolConfig, options.signal);

    const lease = await this.#acquireLease(store, agentId, sessionId, turnId);
    try {
      // Read again under the lease: another replica may have resumed it meanwhile.
      const current = await readPausedTurn(store, agentId, sessionId, turnId);
      const { state, resumeStep } = resumedTurnState({
        paused: current.stored.turn,
        resume: current.resume,
        responses: request.tool_responses,
        completedAt: this.#clock(),
        instructions: config.instructions,
        sessionTurns: (await store.listTurns(agentId, sessionId)).map((s) => s.turn),
        offersCodeInterpreter: offersCodeInterpreter(tools, toolConfig),
      });
      return this.#turnRun(
        agent,
        store,
        tools,
        toolConfig,
        state,
        lease,
        { signal: options.signal, providerData },
        [turnEvents.stepComplete(resumeStep)],
      );
    } catch (error) {
      await store.releaseTurnLease(lease).catch(() => {});
      throw error;
    }
  }

  // ── tools ───────────────────────────────────────────────────────────────

  /**
   * Lists the tool providers' tools again on the next turn instead of reusing the kept listing: call it
   * after a provider's tools changed (a tool removed, a description edited) to stop offering the old ones.
   */
  refreshTools(): void {
    this.#toolCatalog.forget();
  }

  // ── internals ───────────────────────────────────────────────────────────

  #turnRun(
    agent: AgentRecord,
    store: AgentStore,
    tools: ToolSet,
    toolConfig: ToolConfig,
    state: TurnState,
    lease: { agent_id: string; session_id: string; turn_id: string; holder: string; ttl_ms: number },
    call: { signal: AbortSignal | undefined; providerData: JsonObject | undefined },
    prelude: TurnEventPayload[] = [],
  ): TurnRun {
    const controller = new AbortController();
    const ctx: TurnContext = {
      agentId: agent.agent_id,
      sessionId: state.session_id,
      turnId: state.turn_id,
      config: agent.agent_config,
      toolConfig,
      tools,
      inference: this.#inference,
      safety: this.#safety,
      store,
      logger: this.#logger,
      clock: this.#clock,
      newId: this.#newId,
      // AbortSignal.any costs a few µs and weak refs per turn: only when the caller gave a signal.
      signal: call.signal ? AbortSignal.any([call.signal, controller.signal]) : controller.signal,
      providerData: call.providerData,
    };
    return new TurnRun(
      { turnId: state.turn_id, agentId: agent.agent_id, sessionId: state.session_id },
      controller,
      () =>
        runLeasedTurn(
          ctx,
          controller,
          state,
          { request: lease, renewEveryMs: Math.max(10, Math.floor(lease.ttl_ms / 3)) },
          prelude,
        ),
      {
        unreadTimeoutMs: this.#unreadTurnTimeoutMs,
        onUnread: (timeoutMs) =>
          this.#logger.warn('turn cancelled: nobody read its stream', {
            turn_id: state.turn_id,
            session_id: state.session_id,
            timeout_ms: timeoutMs,
          }),
      },
    );
  }

  #storeOf(agent: AgentRecord): AgentStore {
    return agent.agent_config.enable_session_persistence ? this.#store : this.#ephemeral;
  }

  async #sessionOf(agentId: string, sessionId: string) {
    const agent = await this.getAgent(agentId);
    const store = this.#storeOf(agent);
    const session = await store.getSession(agentId, sessionId);
    if (!session) throw new NotFoundError('Session', sessionId);
    return { agent, store, session };
  }

  async #storedTurn(agentId: string, sessionId: string, turnId: string) {
    const { store } = await this.#sessionOf(agentId, sessionId);
    const stored = await store.getTurn(agentId, sessionId, turnId);
    if (!stored) throw new NotFoundError('Turn', turnId);
    return { store, stored };
  }

  async #acquireLease(store: AgentStore, agentId: string, sessionId: string, turnId: string) {
    const lease = {
      agent_id: agentId,
      session_id: sessionId,
      turn_id: turnId,
      holder: `${this.#instanceId}/${turnId}`,
      ttl_ms: this.#leaseTtlMs,
    };
    if (!(await store.acquireTurnLease(lease))) {
      throw new ConflictError(
        `A turn is already running in session ${sessionId}; wait for it to finish (or cancel it) before starting another`,
      );
    }
    return lease;
  }

  async #toolSet(
    config: AgentConfig,
    turnToolGroups: TurnRequest['toolgroups'],
    toolConfig: ToolConfig,
    signal: AbortSignal | undefined,
  ): Promise<ToolSet> {
    const tools = await resolveToolSet(
      {
        agentToolGroups: config.toolgroups,
        turnToolGroups,
        clientTools: config.client_tools,
      },
      this.#toolCatalog,
      { signal },
    );
    toolsForChoice(tools.definitions, toolConfig);
    return tools;
  }
}
