import {
  type ChatCompletionChunk,
  type ChatCompletionResponse,
  contentToText,
  type StopReason,
  type ToolCall,
  usageFromMetrics,
} from '@llama-stack-ts/api-types';

export type OpenAiFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface OpenAiToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export interface OpenAiUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export interface OpenAiChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: { role: 'assistant'; content: string | null; refusal: null; tool_calls?: OpenAiToolCall[] };
    finish_reason: OpenAiFinishReason;
    logprobs: null;
  }>;
  usage?: OpenAiUsage;
}

export interface OpenAiChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: {
      role?: 'assistant';
      content?: string;
      tool_calls?: Array<OpenAiToolCall & { index: number }>;
    };
    finish_reason: OpenAiFinishReason | null;
    logprobs: null;
  }>;
  usage?: OpenAiUsage | null;
}

export interface CompletionIdentity {
  id: string;
  created: number;
  model: string;
}

export function openAiToolCall(call: ToolCall): OpenAiToolCall {
  const args =
    call.arguments_json ??
    (typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments));
  return { id: call.call_id, type: 'function', function: { name: call.tool_name, arguments: args } };
}

export function finishReason(stopReason: StopReason | undefined, hasToolCalls: boolean): OpenAiFinishReason {
  if (hasToolCalls) return 'tool_calls';
  return stopReason === 'out_of_tokens' ? 'length' : 'stop';
}

/**
 * Llama 3.2 writes calls as plain text (`[get_weather(city="Tokyo")]`) with no start token, so the decoder
 * streams that text before it knows it was a call. OpenAI clients expect `tool_calls` instead of that text.
 */
export function looksLikeToolCallText(text: string): boolean {
  const start = text.trimStart();
  return start.startsWith('[') || start.startsWith('{') || start.startsWith('<');
}

export function openAiCompletion(
  response: ChatCompletionResponse,
  identity: CompletionIdentity,
): OpenAiChatCompletion {
  const message = response.completion_message;
  const text = contentToText(message.content);
  const toolCalls = message.tool_calls.map(openAiToolCall);
  const content = toolCalls.length > 0 && (text.trim() === '' || looksLikeToolCallText(text)) ? null : text;
  const usage = usageFromMetrics(response.metrics);
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        finish_reason: finishReason(message.stop_reason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    ...(usage ? { usage } : {}),
  };
}

/** A refusal from a shield, as a completed answer. */
export function refusalCompletion(text: string, identity: CompletionIdentity): OpenAiChatCompletion {
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: identity.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        finish_reason: 'content_filter',
        logprobs: null,
      },
    ],
  };
}

export interface ChunkOptions extends CompletionIdentity {
  /** The request offered tools: hold text that may turn out to be a call until the stream says. */
  toolsOffered: boolean;
  includeUsage: boolean;
}

/** Llama Stack chat completion chunks → OpenAI `chat.completion.chunk`s. */
export async function* openAiChunks(
  stream: AsyncIterable<ChatCompletionChunk>,
  options: ChunkOptions,
): AsyncGenerator<OpenAiChatCompletionChunk> {
  const frame = (
    delta: OpenAiChatCompletionChunk['choices'][number]['delta'],
    finish: OpenAiFinishReason | null = null,
  ): OpenAiChatCompletionChunk => ({
    id: options.id,
    object: 'chat.completion.chunk',
    created: options.created,
    model: options.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });

  yield frame({ role: 'assistant', content: '' });
  let held = '';
  let plainText = !options.toolsOffered;
  const toolCalls: ToolCall[] = [];
  let stopReason: StopReason | undefined;
  let metrics: ChatCompletionChunk['metrics'];

  for await (const chunk of stream) {
    const { event } = chunk;
    if (chunk.metrics) metrics = chunk.metrics;
    if (event.stop_reason) stopReason = event.stop_reason;
    const delta = event.delta;
    if (delta.type === 'text' && delta.text !== '') {
      if (plainText) {
        yield frame({ content: delta.text });
        continue;
      }
      held += delta.text;
      if (held.trim() !== '' && !looksLikeToolCallText(held)) {
        plainText = true;
        yield frame({ content: held });
        held = '';
      }
    } else if (
      delta.type === 'tool_call' &&
      delta.parse_status === 'succeeded' &&
      typeof delta.tool_call !== 'string'
    ) {
      toolCalls.push(delta.tool_call);
    }
  }

  if (toolCalls.length > 0) {
    yield frame({ tool_calls: toolCalls.map((call, index) => ({ index, ...openAiToolCall(call) })) });
  } else if (held !== '') {
    yield frame({ content: held });
  }
  yield frame({}, finishReason(stopReason, toolCalls.length > 0));
  const usage = usageFromMetrics(metrics);
  if (options.includeUsage) {
    yield {
      id: options.id,
      object: 'chat.completion.chunk',
      created: options.created,
      model: options.model,
      choices: [],
      usage: usage ?? null,
    };
  }
}

/** A finished completion replayed as chunks (used when output shields held the answer back). */
export async function* chunksOfCompletion(
  completion: OpenAiChatCompletion,
  includeUsage: boolean,
): AsyncGenerator<OpenAiChatCompletionChunk> {
  const choice = completion.choices[0]!;
  const base = {
    id: completion.id,
    object: 'chat.completion.chunk' as const,
    created: completion.created,
    model: completion.model,
  };
  yield {
    ...base,
    choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null, logprobs: null }],
  };
  if (choice.message.content) {
    yield {
      ...base,
      choices: [
        { index: 0, delta: { content: choice.message.content }, finish_reason: null, logprobs: null },
      ],
    };
  }
  if (choice.message.tool_calls) {
    const calls = choice.message.tool_calls.map((call, index) => ({ index, ...call }));
    yield {
      ...base,
      choices: [{ index: 0, delta: { tool_calls: calls }, finish_reason: null, logprobs: null }],
    };
  }
  yield { ...base, choices: [{ index: 0, delta: {}, finish_reason: choice.finish_reason, logprobs: null }] };
  if (includeUsage) yield { ...base, choices: [], usage: completion.usage ?? null };
}
