import {
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type InferenceProvider,
  type JsonObject,
  type Model,
  type StopReason,
  type ToolCall,
  cancelledFrom,
} from '@llama-stack-ts/api-types';

export interface ScriptedToolCall {
  tool_name: string;
  arguments: JsonObject;
  call_id?: string;
}

/** One scripted model answer. */
export interface ScriptedReply {
  /** The answer text: one delta, or the deltas in order. */
  text?: string | string[];
  toolCalls?: ScriptedToolCall[];
  /** Default end_of_message with tool calls, end_of_turn without; null sends no stop reason at all. */
  stopReason?: StopReason | null;
  /** Raw text of a tool call the model wrote but that did not parse (a `failed` tool-call delta). */
  failedToolCall?: string;
  /** Thrown when the call starts, or after the text deltas with `errorAfterText`. */
  error?: Error;
  errorAfterText?: boolean;
  /** Wait before each chunk (honours the signal). */
  delayMs?: number;
  /** After the text deltas, wait until aborted. */
  hang?: boolean;
}

export type ScriptStep =
  | ScriptedReply
  | ((request: ChatCompletionRequest, callIndex: number) => ScriptedReply);

export interface ScriptedInferenceProviderOptions {
  script?: ScriptStep[];
  /** Answer used once the script is used up; without it an extra call fails the test loudly. */
  fallback?: ScriptStep;
  models?: string[];
}

export function textReply(text: string | string[], options: Omit<ScriptedReply, 'text'> = {}): ScriptedReply {
  return { text, ...options };
}

export function toolCallReply(
  toolName: string,
  args: JsonObject,
  options: Omit<ScriptedReply, 'toolCalls'> & { call_id?: string } = {},
): ScriptedReply {
  const { call_id, ...rest } = options;
  return { toolCalls: [{ tool_name: toolName, arguments: args, ...(call_id ? { call_id } : {}) }], ...rest };
}

function wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledFrom(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledFrom(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const chunk = (event: ChatCompletionChunk['event']): ChatCompletionChunk => ({ event });

/**
 * An InferenceProvider that answers from a script, one entry per call, and records every request so tests
 * can assert on what the agent sent. Streams like a real provider: start, text deltas, tool-call deltas
 * (started, in_progress, succeeded), complete with the stop reason.
 */
export class ScriptedInferenceProvider implements InferenceProvider {
  readonly id = 'scripted';
  readonly requests: ChatCompletionRequest[] = [];
  /** Streams begun and not yet ended: 0 after every turn settles, aborted or not. */
  openStreams = 0;
  readonly #script: ScriptStep[];
  readonly #fallback: ScriptStep | undefined;
  readonly #models: string[];
  #callIds = 0;

  constructor(options: ScriptedInferenceProviderOptions = {}) {
    this.#script = [...(options.script ?? [])];
    this.#fallback = options.fallback;
    this.#models = options.models ?? ['scripted-model'];
  }

  /** Adds answers to the end of the script. */
  push(...steps: ScriptStep[]): this {
    this.#script.push(...steps);
    return this;
  }

  get remaining(): number {
    return this.#script.length;
  }

  async listModels(): Promise<Model[]> {
    return this.#models.map((identifier) => ({
      identifier,
      provider_resource_id: identifier,
      provider_id: this.id,
      type: 'model',
      model_type: 'llm',
      metadata: {},
    }));
  }

  chatCompletion(
    request: ChatCompletionRequest,
    options: { signal?: AbortSignal } = {},
  ): AsyncIterable<ChatCompletionChunk> {
    const index = this.requests.length;
    this.requests.push(structuredClone(request));
    const step = this.#script.shift() ?? this.#fallback;
    return this.#stream(step, request, index, options.signal);
  }

  async *#stream(
    step: ScriptStep | undefined,
    request: ChatCompletionRequest,
    index: number,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<ChatCompletionChunk> {
    this.openStreams += 1;
    try {
      if (!step) throw new Error(`ScriptedInferenceProvider: no scripted answer for call ${index + 1}`);
      const reply = typeof step === 'function' ? step(request, index) : step;
      const pause = async () => {
        if (reply.delayMs) await wait(reply.delayMs, signal);
        if (signal?.aborted) throw cancelledFrom(signal);
      };
      if (reply.error && !reply.errorAfterText) throw reply.error;
      await pause();
      yield chunk({ event_type: 'start', delta: { type: 'text', text: '' } });
      const texts = reply.text === undefined ? [] : Array.isArray(reply.text) ? reply.text : [reply.text];
      for (const text of texts) {
        await pause();
        yield chunk({ event_type: 'progress', delta: { type: 'text', text } });
      }
      if (reply.error) throw reply.error;
      if (reply.hang) await wait(2 ** 31 - 1, signal);
      if (reply.failedToolCall !== undefined) {
        yield chunk({
          event_type: 'progress',
          delta: { type: 'tool_call', tool_call: '', parse_status: 'started' },
        });
        yield chunk({
          event_type: 'progress',
          delta: { type: 'tool_call', tool_call: reply.failedToolCall, parse_status: 'failed' },
        });
      }
      for (const call of reply.toolCalls ?? []) {
        await pause();
        const toolCall: ToolCall = {
          call_id: call.call_id ?? `call-${++this.#callIds}`,
          tool_name: call.tool_name,
          arguments: call.arguments,
        };
        const raw = JSON.stringify({ name: call.tool_name, parameters: call.arguments });
        yield chunk({
          event_type: 'progress',
          delta: { type: 'tool_call', tool_call: '', parse_status: 'started' },
        });
        yield chunk({
          event_type: 'progress',
          delta: { type: 'tool_call', tool_call: raw, parse_status: 'in_progress' },
        });
        yield chunk({
          event_type: 'progress',
          delta: { type: 'tool_call', tool_call: toolCall, parse_status: 'succeeded' },
        });
      }
      const stopReason =
        reply.stopReason === null
          ? undefined
          : (reply.stopReason ?? (reply.toolCalls?.length ? 'end_of_message' : 'end_of_turn'));
      await pause();
      yield chunk({
        event_type: 'complete',
        delta: { type: 'text', text: '' },
        ...(stopReason ? { stop_reason: stopReason } : {}),
      });
    } finally {
      this.openStreams -= 1;
    }
  }
}
