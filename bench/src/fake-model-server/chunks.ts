import {
  answerTokens,
  BENCH_MODEL,
  rawToolCallPieces,
  type ToolCallSpelling,
  WEATHER_ARGUMENTS,
  WEATHER_TOOL_NAME,
} from './script.js';

/** A fixed timestamp keeps every byte the server sends identical from run to run. */
const CREATED_AT = '2026-01-01T00:00:00.000000Z';
const CREATED_UNIX = 1767225600;
const WEATHER_ARGUMENTS_JSON = JSON.stringify(WEATHER_ARGUMENTS);

/** Every chunk a reply needs, serialised once per (token count, spelling), so serving is a loop of writes. */
export interface ChunkSet {
  tokens: number;
  text: string;
  generateAnswer: Buffer[];
  generateToolCall: Buffer[];
  toolCallText: string;
  chatAnswer: Buffer[];
  chatToolCall: Buffer[];
  openaiAnswer: Buffer[];
  /** The tool call id differs per call, so this one chunk is built per request. */
  openaiFinishStop: Buffer;
  openaiFinishToolCalls: Buffer;
  openaiDone: Buffer;
}

const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);
const sse = (value: unknown) => Buffer.from(`data: ${JSON.stringify(value)}\n\n`);

function openaiChunk(delta: Record<string, unknown>, finishReason: string | null) {
  return {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED_UNIX,
    model: BENCH_MODEL,
    system_fingerprint: 'fp_ollama',
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
}

export function buildChunkSet(tokens: number, spelling: ToolCallSpelling): ChunkSet {
  const words = answerTokens(tokens);
  const pieces = rawToolCallPieces(spelling);
  const generate = (response: string) =>
    line({ model: BENCH_MODEL, created_at: CREATED_AT, response, done: false });
  const chat = (message: Record<string, unknown>) =>
    line({
      model: BENCH_MODEL,
      created_at: CREATED_AT,
      message: { role: 'assistant', ...message },
      done: false,
    });
  return {
    tokens,
    text: words.join(''),
    generateAnswer: words.map(generate),
    generateToolCall: pieces.map(generate),
    toolCallText: pieces.join(''),
    chatAnswer: words.map((content) => chat({ content })),
    chatToolCall: [
      chat({
        content: '',
        tool_calls: [{ function: { name: WEATHER_TOOL_NAME, arguments: { ...WEATHER_ARGUMENTS } } }],
      }),
    ],
    openaiAnswer: words.map((content, i) =>
      sse(openaiChunk(i === 0 ? { role: 'assistant', content } : { content }, null)),
    ),
    openaiFinishStop: sse(openaiChunk({}, 'stop')),
    openaiFinishToolCalls: sse(openaiChunk({}, 'tool_calls')),
    openaiDone: Buffer.from('data: [DONE]\n\n'),
  };
}

export function openaiToolCallChunk(callId: string): Buffer {
  return sse(
    openaiChunk(
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            index: 0,
            id: callId,
            type: 'function',
            function: { name: WEATHER_TOOL_NAME, arguments: WEATHER_ARGUMENTS_JSON },
          },
        ],
      },
      null,
    ),
  );
}

export function openaiUsageChunk(promptTokens: number, completionTokens: number): Buffer {
  return sse({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED_UNIX,
    model: BENCH_MODEL,
    system_fingerprint: 'fp_ollama',
    choices: [],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  });
}

export function openaiCompletion(options: {
  content: string;
  toolCallId?: string;
  promptTokens: number;
  completionTokens: number;
}) {
  const { content, toolCallId, promptTokens, completionTokens } = options;
  return {
    id: 'chatcmpl-bench',
    object: 'chat.completion',
    created: CREATED_UNIX,
    model: BENCH_MODEL,
    system_fingerprint: 'fp_ollama',
    choices: [
      {
        index: 0,
        message: toolCallId
          ? {
              role: 'assistant',
              content: '',
              tool_calls: [
                {
                  id: toolCallId,
                  type: 'function',
                  function: { name: WEATHER_TOOL_NAME, arguments: WEATHER_ARGUMENTS_JSON },
                },
              ],
            }
          : { role: 'assistant', content },
        finish_reason: toolCallId ? 'tool_calls' : 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/** The closing NDJSON line of an Ollama stream (or the whole body when not streaming). */
export function ollamaDone(options: {
  promptTokens: number;
  evalCount: number;
  extra: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    model: BENCH_MODEL,
    created_at: CREATED_AT,
    ...options.extra,
    done: true,
    done_reason: 'stop',
    total_duration: 1_000_000,
    load_duration: 100_000,
    prompt_eval_count: options.promptTokens,
    prompt_eval_duration: 100_000,
    eval_count: options.evalCount,
    eval_duration: 800_000,
  };
}

export const MODEL_TAGS = {
  models: [
    {
      name: BENCH_MODEL,
      model: BENCH_MODEL,
      modified_at: '2026-01-01T00:00:00.000000Z',
      size: 6433703586,
      digest: '195a8c01d91ec3cb1e0aad4624a51f2602c51fa7d96110f8ab5a20c84081804d',
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'llama',
        families: ['llama'],
        parameter_size: '3.2B',
        quantization_level: 'F16',
      },
    },
  ],
};

export const MODEL_SHOW = {
  license: 'LLAMA 3.2 COMMUNITY LICENSE AGREEMENT',
  modelfile: `FROM ${BENCH_MODEL}`,
  parameters: 'stop "<|start_header_id|>"\nstop "<|end_header_id|>"\nstop "<|eot_id|>"',
  template: '{{ .Prompt }}',
  details: MODEL_TAGS.models[0]!.details,
  model_info: { 'general.architecture': 'llama', 'llama.context_length': 131072 },
  capabilities: ['completion', 'tools'],
  modified_at: '2026-01-01T00:00:00.000000Z',
};

export const OPENAI_MODELS = {
  object: 'list',
  data: [{ id: BENCH_MODEL, object: 'model', created: CREATED_UNIX, owned_by: 'library' }],
};
