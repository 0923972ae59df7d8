import {
  type ChatCompletionChunk,
  ChatCompletionRequest,
  type ChatCompletionRequestInput,
  CompletionMessage,
  GrammarResponseFormat,
  GreedySamplingStrategy,
  ImageContentItem,
  ImageSource,
  InvalidRequestError,
  JsonSchemaResponseFormat,
  SamplingParams,
  SystemMessage,
  TextContentItem,
  ToolCall,
  ToolConfig,
  ToolDefinition,
  ToolParamDefinition,
  ToolResponseMessage,
  TopKSamplingStrategy,
  TopPSamplingStrategy,
  URL_,
  UserMessage,
} from '@llama-stack-ts/api-types';
import { afterEach, describe, expect, it } from 'vitest';
import {
  chatCompletionRequestOf,
  isParsedChatCompletionRequest,
  PARSED_SHAPES,
} from './chat-completion-request.js';
import { OllamaInferenceProvider } from './ollama-provider.js';
import { drain, GET_WEATHER } from './test-support/recordings.js';
import { anyRequestTo, generateChunks } from './test-support/scripted.js';
import { type ReplayServer, startReplayServer } from './testing/index.js';

/** A request that uses every field and every message and content kind. */
const RICH: ChatCompletionRequestInput = {
  model_id: 'llama3.2:3b',
  messages: [
    { role: 'system', content: 'You are a weather assistant.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather where this photo was taken?' },
        { type: 'image', image: { url: { uri: 'https://example.com/a.png' } } },
        { type: 'image', image: { data: 'aGk=' } },
      ],
      context: { type: 'text', text: 'It is summer.' },
    },
    {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_turn',
      tool_calls: [
        {
          call_id: 'c1',
          tool_name: 'get_weather',
          arguments: { location: 'Paris', days: [1, 2.5, null, true, { nested: ['x'] }] },
          arguments_json: '{"location": "Paris"}',
        },
        { call_id: 'c2', tool_name: 'brave_search', arguments: 'raw' },
      ],
    },
    { role: 'tool', call_id: 'c1', content: [{ type: 'text', text: 'Sunny' }] },
  ],
  sampling_params: {
    strategy: { type: 'top_p', temperature: 0.7, top_p: 0.9 },
    max_tokens: 50,
    stop: ['\n'],
  },
  tools: [
    GET_WEATHER,
    { tool_name: 'brave_search' },
    { tool_name: 'f', parameters: { a: { param_type: 'int', default: { n: [1] } } } },
  ],
  tool_choice: 'auto',
  tool_prompt_format: 'json',
  tool_config: {
    tool_choice: 'get_weather',
    tool_prompt_format: 'python_list',
    system_message_behavior: 'replace',
  },
  response_format: { type: 'json_schema', json_schema: { type: 'object', properties: {} } },
  stream: true,
  logprobs: { top_k: 1 },
};

const MINIMAL: ChatCompletionRequestInput = {
  model_id: 'llama3.2:3b',
  messages: [{ role: 'user', content: 'Hi' }],
};

describe('chatCompletionRequestOf', () => {
  it('takes a parsed request as it is, without parsing it again', () => {
    for (const input of [
      RICH,
      MINIMAL,
      { ...MINIMAL, response_format: { type: 'grammar', bnf: { root: 'x' } } },
    ]) {
      const parsed = ChatCompletionRequest.parse(input);
      expect(isParsedChatCompletionRequest(parsed)).toBe(true);
      expect(chatCompletionRequestOf(parsed)).toBe(parsed);
    }
    for (const strategy of [{ type: 'greedy' }, { type: 'top_k', top_k: 3 }] as const) {
      const parsed = ChatCompletionRequest.parse({ ...MINIMAL, sampling_params: { strategy } });
      expect(chatCompletionRequestOf(parsed)).toBe(parsed);
    }
  });

  it('fills in the defaults of a request that lacks them, as zod does', () => {
    expect(isParsedChatCompletionRequest(MINIMAL)).toBe(false);
    expect(chatCompletionRequestOf(MINIMAL)).toEqual(ChatCompletionRequest.parse(MINIMAL));
    const noRequired = { ...MINIMAL, tools: [{ tool_name: 'f', parameters: { a: { param_type: 'str' } } }] };
    expect(chatCompletionRequestOf(noRequired)).toEqual(ChatCompletionRequest.parse(noRequired));
  });

  it('rejects a bad request with an InvalidRequestError naming the field', () => {
    const parsed = ChatCompletionRequest.parse(RICH);
    const cases: Array<[unknown, string]> = [
      [{ ...parsed, messages: [...parsed.messages, { role: 'robot', content: 'x' }] }, 'messages[4].role'],
      [
        { ...parsed, sampling_params: { ...parsed.sampling_params, max_tokens: -1 } },
        'sampling_params.max_tokens',
      ],
      [{ ...parsed, model_id: '' }, 'model_id'],
      [{ ...parsed, stream: 'yes' }, 'stream'],
    ];
    for (const [request, field] of cases) {
      let error: unknown;
      try {
        chatCompletionRequestOf(request);
      } catch (thrown) {
        error = thrown;
      }
      expect(error, field).toBeInstanceOf(InvalidRequestError);
      expect((error as InvalidRequestError).field).toBe(field);
      expect((error as Error).message).toContain(`Invalid value for ${field}`);
    }
  });

  it('says yes only when zod would return an equal value (every field of a rich request changed in turn)', () => {
    const parsed = ChatCompletionRequest.parse(RICH);
    let accepted = 0;
    for (const variant of variantsOf(parsed)) {
      if (!isParsedChatCompletionRequest(variant)) continue;
      accepted++;
      const zod = ChatCompletionRequest.safeParse(variant);
      expect(zod.success, JSON.stringify(variant)).toBe(true);
      expect(zod.data, JSON.stringify(variant)).toStrictEqual(variant);
    }
    // Setting an optional field to undefined, or a string to another string, keeps a request parsed.
    expect(accepted).toBeGreaterThan(20);
  });

  it('knows exactly the fields of api-types’ schemas (a new field goes through zod until it is added here)', () => {
    const keys = (schema: { shape: object }) => Object.keys(schema.shape).sort();
    const shape = (name: keyof typeof PARSED_SHAPES) => [...PARSED_SHAPES[name]].sort();
    expect(shape('request')).toEqual(keys(ChatCompletionRequest));
    expect(shape('samplingParams')).toEqual(keys(SamplingParams));
    expect(shape('greedy')).toEqual(keys(GreedySamplingStrategy));
    expect(shape('topP')).toEqual(keys(TopPSamplingStrategy));
    expect(shape('topK')).toEqual(keys(TopKSamplingStrategy));
    expect(shape('toolDefinition')).toEqual(keys(ToolDefinition));
    expect(shape('toolParam')).toEqual(keys(ToolParamDefinition));
    expect(shape('toolConfig')).toEqual(keys(ToolConfig));
    expect(shape('jsonSchemaFormat')).toEqual(keys(JsonSchemaResponseFormat));
    expect(shape('grammarFormat')).toEqual(keys(GrammarResponseFormat));
    expect(shape('logprobs')).toEqual(keys(ChatCompletionRequest.shape.logprobs.unwrap()));
    expect(shape('userMessage')).toEqual(keys(UserMessage));
    expect(shape('systemMessage')).toEqual(keys(SystemMessage));
    expect(shape('toolMessage')).toEqual(keys(ToolResponseMessage));
    expect(shape('assistantMessage')).toEqual(keys(CompletionMessage));
    expect(shape('textItem')).toEqual(keys(TextContentItem));
    expect(shape('imageItem')).toEqual(keys(ImageContentItem));
    expect(shape('imageSource')).toEqual(keys(ImageSource));
    expect(shape('url')).toEqual(keys(URL_));
    expect(shape('toolCall')).toEqual(keys(ToolCall));
  });
});

describe('the provider with a parsed request (used as is, not copied)', () => {
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('is not affected by the caller changing the request while the answer streams', async () => {
    server = await startReplayServer({
      recordingsDir: false,
      recordings: [anyRequestTo('/api/generate', generateChunks(['[get_weather(', 'location="Paris")]']))],
    });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url, newCallId: () => 'call-1' });
    const request = ChatCompletionRequest.parse({ ...MINIMAL, tools: [GET_WEATHER], stream: true });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of provider.chatCompletion(request)) {
      chunks.push(chunk);
      request.tools.length = 0;
      request.messages.push({ role: 'user', content: 'changed' });
    }
    const succeeded = chunks.filter(
      (chunk) => chunk.event.delta.type === 'tool_call' && chunk.event.delta.parse_status === 'succeeded',
    );
    expect(succeeded).toHaveLength(1);
    expect((server.requests[0]!.body as { prompt: string }).prompt).not.toContain('changed');
  });
});

describe('the provider with a bad request', () => {
  let server: ReplayServer | undefined;
  afterEach(async () => {
    await server?.close();
  });

  it('throws an InvalidRequestError naming the field from the stream, and sends nothing', async () => {
    server = await startReplayServer({ recordingsDir: false });
    const provider = new OllamaInferenceProvider({ baseUrl: server.url });
    const request = { ...ChatCompletionRequest.parse(RICH), tools: [{ tool_name: 42 }] };
    const error = await drain(provider.chatCompletion(request as never)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('tools[0].tool_name');
    expect(() => provider.ollamaRequest(request as never)).toThrow(InvalidRequestError);
    expect(server.requests).toHaveLength(0);
  });
});

/**
 * Copies of `root`, each with one change at one place: the field removed, set to undefined, null, a number,
 * a string, an empty array or object, an unknown field added, an array emptied or given a hole.
 */
function* variantsOf(root: unknown): Generator<unknown> {
  const replacements: unknown[] = [undefined, null, 0, -1, 1.5, Number.NaN, 'x', '', true, [], {}];
  function* at(value: unknown, rebuild: (next: unknown) => unknown): Generator<unknown> {
    for (const replacement of replacements) yield rebuild(replacement);
    if (Array.isArray(value)) {
      yield rebuild([...value, undefined]);
      for (let i = 0; i < value.length; i++) {
        yield* at(value[i], (next) => rebuild(value.map((item, j) => (i === j ? next : item))));
      }
    } else if (value !== null && typeof value === 'object') {
      yield rebuild({ ...value, unknown_field: 1 });
      for (const key of Object.keys(value)) {
        const { [key]: _removed, ...rest } = value as Record<string, unknown>;
        yield rebuild(rest);
        yield* at((value as Record<string, unknown>)[key], (next) => rebuild({ ...value, [key]: next }));
      }
    }
  }
  yield* at(root, (next) => next);
}
