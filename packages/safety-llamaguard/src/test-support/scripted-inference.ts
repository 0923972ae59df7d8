import type {
  CallOptions,
  ChatCompletionChunk,
  ChatCompletionRequest,
  InferenceProvider,
  Model,
} from '@llama-stack-ts/api-types';

/** An InferenceProvider that answers each request with `answer(request)` and keeps what it was sent. */
export class FakeInference implements InferenceProvider {
  readonly id = 'fake';
  readonly requests: ChatCompletionRequest[] = [];

  constructor(private readonly answer: (request: ChatCompletionRequest) => string | Error) {}

  async *chatCompletion(
    request: ChatCompletionRequest,
    options: CallOptions = {},
  ): AsyncIterable<ChatCompletionChunk> {
    this.requests.push(request);
    const text = this.answer(request);
    if (text instanceof Error) throw text;
    yield { event: { event_type: 'start', delta: { type: 'text', text: '' } } };
    options.signal?.throwIfAborted();
    yield { event: { event_type: 'progress', delta: { type: 'text', text } } };
    yield {
      event: { event_type: 'complete', delta: { type: 'text', text: '' }, stop_reason: 'end_of_turn' },
    };
  }

  async listModels(): Promise<Model[]> {
    return [];
  }
}

/** The Llama 3 raw prompt for one user message, as the Ollama provider sends a Llama Guard request. */
export function rawUserPrompt(text: string): string {
  return `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${text}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`;
}
