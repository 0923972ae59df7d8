import {
  type AgentConfigInput,
  type CallOptions,
  InvalidRequestError,
  type JsonObject,
  type JsonValue,
  type ToolCall,
  type ToolResponse,
  type Turn,
  toolCallArguments,
} from '@llama-stack-ts/api-types';
import type { AgentRuntime } from './agent-runtime.js';
import { drainTurn } from './drain-turn.js';
import type { TurnRun } from './turn/turn-run.js';
import type { TurnCallOptions } from './turn-call-options.js';
import type { TurnRequestInput } from './turn-request.js';

/** Runs a client tool in-process: gets the call's arguments, returns its result (text or JSON). */
export type ClientToolHandler = (args: JsonObject, call: ToolCall) => JsonValue | Promise<JsonValue>;

/**
 * One agent of a runtime, for library use: `Agent.create(runtime, config)`, then sessions whose `run()` drives
 * a turn to its end, running client tools with your handlers (what the Python client's Agent does).
 */
export class Agent {
  private constructor(
    readonly runtime: AgentRuntime,
    readonly id: string,
  ) {}

  static async create(
    runtime: AgentRuntime,
    config: AgentConfigInput,
    options: CallOptions = {},
  ): Promise<Agent> {
    const { agent_id } = await runtime.createAgent(config, options);
    return new Agent(runtime, agent_id);
  }

  /** An agent that already exists in the runtime's store. */
  static async open(runtime: AgentRuntime, agentId: string): Promise<Agent> {
    await runtime.getAgent(agentId);
    return new Agent(runtime, agentId);
  }

  async createSession(name = `session-${new Date().toISOString()}`): Promise<AgentSession> {
    const { session_id } = await this.runtime.createSession(this.id, name);
    return new AgentSession(this, session_id);
  }
}

export class AgentSession {
  constructor(
    readonly agent: Agent,
    readonly id: string,
  ) {}

  /** Starts a turn; read the returned TurnRun for its events. A string is one user message. */
  turn(input: string | TurnRequestInput, options: TurnCallOptions = {}): Promise<TurnRun> {
    const request =
      typeof input === 'string' ? { messages: [{ role: 'user' as const, content: input }] } : input;
    return this.agent.runtime.createTurn(this.agent.id, this.id, request, options);
  }

  resume(turnId: string, toolResponses: ToolResponse[], options: TurnCallOptions = {}): Promise<TurnRun> {
    return this.agent.runtime.resumeTurn(
      this.agent.id,
      this.id,
      turnId,
      { tool_responses: toolResponses },
      options,
    );
  }

  /**
   * Runs a turn to the end: whenever it waits for client tools, runs them with `clientTools` and resumes.
   * A handler that throws answers the model with the error text, as a server tool would.
   */
  async run(
    input: string | TurnRequestInput,
    options: TurnCallOptions & { clientTools?: Record<string, ClientToolHandler> } = {},
  ): Promise<Turn> {
    let turn = await drainTurn(await this.turn(input, options));
    while (turn.status === 'awaiting_input') {
      const responses = await Promise.all(
        turn.output_message.tool_calls.map((call) => this.#runClientTool(call, options.clientTools ?? {})),
      );
      turn = await drainTurn(await this.resume(turn.turn_id, responses, options));
    }
    return turn;
  }

  async #runClientTool(call: ToolCall, handlers: Record<string, ClientToolHandler>): Promise<ToolResponse> {
    const handler = handlers[call.tool_name];
    if (!handler) {
      throw new InvalidRequestError(
        `The model called client tool ${call.tool_name} but run() got no handler for it; pass it in clientTools`,
        'clientTools',
      );
    }
    let content: string;
    try {
      const result = await handler(toolCallArguments(call), call);
      content = typeof result === 'string' ? result : JSON.stringify(result);
    } catch (error) {
      content = `Error when running tool ${call.tool_name}: ${error instanceof Error ? error.message : String(error)}`;
    }
    return { call_id: call.call_id, tool_name: call.tool_name, content };
  }
}
