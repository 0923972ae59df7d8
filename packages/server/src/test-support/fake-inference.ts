import {
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  cancelledFrom,
  type InferenceProvider,
  type Model,
  type ToolCall,
  usageMetrics,
} from '@llama-stack-ts/api-types';

export type ScriptStep = { text: string } | { toolCall: ToolCall } | { wait: Promise<void> };

/** A model that answers each request with the next script; records requests and whether they were aborted. */
export class FakeInference implements InferenceProvider {
  readonly id = 'fake';
  readonly requests: ChatCompletionRequest[] = [];
  readonly aborted: boolean[] = [];
  #scripts: ScriptStep[][];

  constructor(
    scripts: ScriptStep[][],
    readonly models: string[] = ['llama3.2:3b-instruct-fp16'],
  ) {
    this.#scripts = [...scripts];
  }

  async listModels(): Promise<Model[]> {
    return this.models.map((identifier) => ({
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
    return this.#answer(request, options);
  }

  async *#answer(
    request: ChatCompletionRequest,
    options: { signal?: AbortSignal },
  ): AsyncGenerator<ChatCompletionChunk> {
    const index = this.requests.push(request) - 1;
    this.aborted[index] = false;
    const script = this.#scripts.shift();
    if (!script) throw new Error(`FakeInference has no script for request ${index + 1}`);
    const signal = options.signal;
    const onAbort = () => {
      this.aborted[index] = true;
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      yield { event: { event_type: 'start', delta: { type: 'text', text: '' } } };
      const calls: ToolCall[] = [];
      for (const step of script) {
        if (signal?.aborted) throw cancelledFrom(signal);
        if ('wait' in step) {
          await Promise.race([
            step.wait,
            new Promise<never>((_, reject) => {
              if (signal?.aborted) reject(cancelledFrom(signal));
              signal?.addEventListener('abort', () => reject(cancelledFrom(signal)), { once: true });
            }),
          ]);
        } else if ('text' in step) {
          yield { event: { event_type: 'progress', delta: { type: 'text', text: step.text } } };
        } else {
          calls.push(step.toolCall);
          yield {
            event: {
              event_type: 'progress',
              delta: { type: 'tool_call', tool_call: step.toolCall, parse_status: 'succeeded' },
            },
          };
        }
      }
      yield {
        event: {
          event_type: 'complete',
          delta: { type: 'text', text: '' },
          stop_reason: calls.length > 0 ? 'end_of_message' : 'end_of_turn',
        },
        metrics: usageMetrics({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }),
      };
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
  }
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
