import type {
  AgentConfigInput,
  AgentRecord,
  AgentToolGroup,
  JsonObject,
  Page,
  PaginationQuery,
  Session,
  Step,
  ToolConfig,
  ToolResponse,
  Turn,
  TurnDocument,
  TurnInputMessage,
  TurnStreamChunk,
} from '@llama-stack-ts/api-types';

/** A running turn: its wire chunks, and its id (known before the first chunk). */
export interface TurnRun extends AsyncIterable<TurnStreamChunk> {
  readonly turnId: string;
}

/** What a turn call takes besides its request (agent-core's TurnCallOptions). */
export interface TurnCallOptions {
  signal: AbortSignal;
  /** The X-LlamaStack-Provider-Data header: per-request tool secrets, passed to every tool call, never stored. */
  providerData?: JsonObject;
}

export interface CreateTurnInput {
  messages: TurnInputMessage[];
  documents?: TurnDocument[];
  toolgroups?: AgentToolGroup[];
  tool_config?: ToolConfig;
}

/**
 * What the HTTP routes need from the agent runtime (agent-core's AgentRuntime has this shape). Lookups throw
 * NotFoundError; createTurn/resumeTurn resolve after their checks (404, 409, 400) and before any model work.
 */
export interface AgentService {
  createAgent(config: AgentConfigInput): Promise<{ agent_id: string }>;
  getAgent(agentId: string): Promise<AgentRecord>;
  listAgents(query?: PaginationQuery): Promise<Page<AgentRecord>>;
  deleteAgent(agentId: string): Promise<unknown>;
  createSession(agentId: string, sessionName: string): Promise<{ session_id: string }>;
  getSession(agentId: string, sessionId: string, turnIds?: string[]): Promise<Session>;
  listSessions(agentId: string, query?: PaginationQuery): Promise<Page<Session>>;
  deleteSession(agentId: string, sessionId: string): Promise<unknown>;
  getTurn(agentId: string, sessionId: string, turnId: string): Promise<Turn>;
  getStep(agentId: string, sessionId: string, turnId: string, stepId: string): Promise<Step>;
  createTurn(
    agentId: string,
    sessionId: string,
    request: CreateTurnInput,
    options: TurnCallOptions,
  ): Promise<TurnRun>;
  resumeTurn(
    agentId: string,
    sessionId: string,
    turnId: string,
    request: { tool_responses: ToolResponse[] },
    options: TurnCallOptions,
  ): Promise<TurnRun>;
}
