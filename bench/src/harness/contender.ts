/** What every contender implements; the workloads drive nothing else, so all of them do the same work. */

export interface ContenderContext {
  /** The fake model server: Ollama API at the root, OpenAI-compatible API under /v1. */
  modelBaseUrl: string;
  model: string;
  instructions: string;
}

/** Receives the answer's text deltas as the contender's caller would see them. */
export interface TextSink {
  text(delta: string): void;
}

export interface TurnOutcome {
  /** Tool calls the contender executed during the turn. */
  toolCalls: number;
}

export interface ContenderSession {
  /** One user message in, the streamed answer out (through `sink`); resolves when the turn is over. */
  turn(userText: string, sink: TextSink): Promise<TurnOutcome>;
}

export interface Contender {
  /** Import time of the library in a helper process (the server contender's server), added to this one's. */
  helperImportMs?: number;
  /** A new conversation; `tools` offers the local get_weather tool. */
  newSession(options: { tools: boolean }): Promise<ContenderSession>;
  /** CPU spent in helper processes (the server contender's server), in microseconds since it started. */
  externalCpuMicros?(): Promise<number>;
  /** Peak RSS of helper processes, in KiB. */
  externalMaxRssKiB?(): Promise<number>;
  close(): Promise<void>;
}

export type CreateContender = (context: ContenderContext) => Promise<Contender>;

/** Each contender module exports this. */
export interface ContenderModule {
  createContender: CreateContender;
}
