import {
  type ChatCompletionRequestInput,
  ChatCompletionRequest,
  collectChatCompletion,
  type Logger,
} from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OllamaInferenceProvider } from './ollama-provider.js';
import {
  drain,
  GET_BOILING_POINT,
  GET_WEATHER,
  RECORDINGS_DIR,
  recordedBody,
  recording,
  withoutNumCtx,
} from './test-support/recordings.js';
import { type ReplayServer, startReplayServer } from './testing/index.js';

let server: ReplayServer;
let provider: OllamaInferenceProvider;
const warnings: string[] = [];
const logger: Logger = {
  debug() {},
  info() {},
  warn(message) {
    warnings.push(message);
  },
  error() {},
};

beforeAll(async () => {
  server = await startReplayServer({ recordingsDir: RECORDINGS_DIR });
  provider = new OllamaInferenceProvider({ baseUrl: server.url, logger, newCallId: () => 'call-1' });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.reset();
  warnings.length = 0;
});

function request(input: ChatCompletionRequestInput): ChatCompletionRequest {
  return ChatCompletionRequest.parse(input);
}

const TOP_P = { strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 } } as const;

describe('requests the provider sends match what Llama Stack sent', () => {
  it('streams a Llama 3.2 tool-calling prompt byte for byte (SKU resolved to the Ollama tag)', async () => {
    const chunks = await drain(
      provider.chatCompletion(
        request({
          model_id: 'meta-llama/Llama-3.2-3B-Instruct',
          messages: [
            { role: 'system', content: 'Pretend you are a weather assistant.' },
            { role: 'user', content: "What's the weather like in San Francisco?" },
          ],
          tools: [GET_WEATHER],
          tool_config: { tool_choice: 'required' },
          stream: true,
        }),
      ),
    );
    server.assertNoMisses();
    const sent = server.requests[0]!;
    expect(sent.path).toBe('/api/generate');
    expect(withoutNumCtx(sent.body)).toEqual(recordedBody('08217db872f0.json'));
    expect((sent.body as { prompt: string }).prompt).toBe(recordedBody('08217db872f0.json').prompt);
    expect((sent.body as { options: { num_ctx: number } }).options.num_ctx).toBe(4096);
    // The same request was recorded on several days; any of them may answer.
    expect(sent.converted).toBe(false);
    expect(chunks.at(-1)?.event.event_type).toBe('complete');
  });

  it('re-encodes a tool call and its ipython result in the history, with top_p sampling', async () => {
    const response = await collectChatCompletion(
      provider.chatCompletion(
        request({
          model_id: 'llama3.2:3b-instruct-fp16',
          messages: [
            { role: 'system', content: 'You are a helpful assistant' },
            { role: 'user', content: 'What is the boiling point of the liquid polyjuice in celsius?' },
            {
              role: 'assistant',
              content: '',
              stop_reason: 'end_of_turn',
              tool_calls: [
                {
                  call_id: 'c1',
                  tool_name: 'get_boiling_point',
                  arguments: { liquid_name: 'polyjuice', celcius: true },
                },
              ],
            },
            { role: 'tool', call_id: 'c1', content: '-100' },
          ],
          tools: [GET_BOILING_POINT],
          tool_config: { tool_choice: 'required' },
          sampling_params: TOP_P,
          stream: true,
        }),
      ),
    );
    server.assertNoMisses();
    expect(withoutNumCtx(server.requests[0]!.body)).toEqual(recordedBody('0b9ff4a105fa.json'));
    expect(response.completion_message).toMatchObject({
      content: 'The boiling point of polyjuice is -100°C.',
      stop_reason: 'end_of_turn',
      tool_calls: [],
    });
    expect(response.metrics).toEqual([
      { metric: 'prompt_tokens', value: expect.any(Number), unit: 'tokens' },
      { metric: 'completion_tokens', value: expect.any(Number), unit: 'tokens' },
      { metric: 'total_tokens', value: expect.any(Number), unit: 'tokens' },
    ]);
  });

  it('sends stream: false for a non-streaming request and answers from the single body', async () => {
    const recorded = recording('2f2bd04a9cf6.json');
    const response = await collectChatCompletion(
      provider.chatCompletion(
        request({
          model_id: 'llama3.2:3b',
          messages: [
            { role: 'system', content: '' },
            { role: 'user', content: 'Test metrics generation 0' },
          ],
        }),
      ),
    );
    server.assertNoMisses();
    expect(withoutNumCtx(server.requests[0]!.body)).toEqual(recorded.request.body);
    const body = recorded.response.streaming ? undefined : (recorded.response.body as Record<string, never>);
    expect(response.completion_message.content).toBe(body?.response);
    expect(response.metrics?.find((m) => m.metric === 'prompt_tokens')?.value).toBe(body?.prompt_eval_count);
    expect(response.metrics?.find((m) => m.metric === 'completion_tokens')?.value).toBe(body?.eval_count);
  });

  it('sends a Llama Guard task as one plain user turn', async () => {
    const recorded = recordedBody('0b13639432d7.json') as { prompt: string; model: string };
    const task =
      /^<\|begin_of_text\|><\|start_header_id\|>user<\|end_header_id\|>\n\n([\s\S]*)<\|eot_id\|>/.exec(
        recorded.prompt,
      )![1]!;
    const response = await collectChatCompletion(
      provider.chatCompletion(
        request({ model_id: recorded.model, messages: [{ role: 'user', content: task }] }),
      ),
    );
    server.assertNoMisses();
    expect(withoutNumCtx(server.requests[0]!.body)).toEqual(recorded);
    expect(response.completion_message.content).toBe('unsafe\nS2');
  });

  it('sends images to /api/chat one content item per message, as Llama Stack did', async () => {
    const recorded = recordedBody('471b8117ceb1.json') as { messages: Array<{ images?: string[] }> };
    const image = recorded.messages[0]!.images![0]!;
    const response = await collectChatCompletion(
      provider.chatCompletion(
        request({
          model_id: 'llama3.2-vision:11b',
          messages: [
            {
              role: 'user',
              content: [
                { type: 'image', image: { data: image } },
                { type: 'text', text: 'Describe what is in this image.' },
              ],
            },
          ],
        }),
      ),
    );
    server.assertNoMisses();
    expect(server.requests[0]!.path).toBe('/api/chat');
    expect(withoutNumCtx(server.requests[0]!.body)).toEqual(recorded);
    expect(response.completion_message.content).toMatch(/golden retriever puppy/);
  });
});

describe('streamed answers', () => {
  it('turns a streamed python-list call into tool-call deltas: started, in_progress…, succeeded', async () => {
    const chunks = await drain(
      provider.chatCompletion(
        request({
          model_id: 'llama3.2:3b-instruct-fp16',
          messages: [
            { role: 'system', content: 'Pretend you are a weather assistant.' },
            { role: 'user', content: "What's the weather like in San Francisco?" },
          ],
          tools: [GET_WEATHER],
          tool_config: { tool_choice: 'required' },
          stream: true,
        }),
      ),
    );
    expect(chunks[0]!.event.event_type).toBe('start');
    const toolDeltas = chunks.flatMap((chunk) =>
      chunk.event.delta.type === 'tool_call' ? [chunk.event.delta] : [],
    );
    const statuses = toolDeltas.map((delta) => delta.parse_status);
    expect(statuses[0]).toBe('started');
    expect(statuses.at(-1)).toBe('succeeded');
    expect(statuses.slice(1, -1).every((status) => status === 'in_progress')).toBe(true);
    expect(toolDeltas.at(-1)!.tool_call).toEqual({
      call_id: 'call-1',
      tool_name: 'get_weather',
      arguments: { location: 'San Francisco, CA' },
      arguments_json: expect.any(String),
    });
    const streamedText = toolDeltas
      .slice(1, -1)
      .map((delta) => delta.tool_call)
      .join('');
    expect(streamedText).toBe('[get_weather(location="San Francisco, CA")]');
    const complete = chunks.at(-1)!;
    expect(complete.event).toMatchObject({ event_type: 'complete', stop_reason: 'end_of_turn' });
    expect(complete.metrics?.find((m) => m.metric === 'prompt_tokens')?.value).toBe(339);
  });

  it('streams a plain answer as text deltas in recorded order', async () => {
    const chunks = await drain(
      provider.chatCompletion(
        request({
          model_id: 'llama3.2:3b-instruct-fp16',
          messages: [
            { role: 'system', content: 'You are a helpful assistant' },
            { role: 'user', content: 'What is the boiling point of the liquid polyjuice in celsius?' },
            {
              role: 'assistant',
              content: '',
              stop_reason: 'end_of_turn',
              tool_calls: [
                {
                  call_id: 'c1',
                  tool_name: 'get_boiling_point',
                  arguments: { liquid_name: 'polyjuice', celcius: true },
                },
              ],
            },
            { role: 'tool', call_id: 'c1', content: '-100' },
          ],
          tools: [GET_BOILING_POINT],
          tool_config: { tool_choice: 'required' },
          sampling_params: TOP_P,
          stream: true,
        }),
      ),
    );
    const texts = chunks.flatMap((chunk) =>
      chunk.event.delta.type === 'text' ? [chunk.event.delta.text] : [],
    );
    expect(texts.join('')).toBe('The boiling point of polyjuice is -100°C.');
    expect(texts.filter((text) => text !== '').length).toBeGreaterThan(3);
  });
});

describe('structured output', () => {
  it('sends the JSON schema as Ollama format and as Llama Stack prompt text', async () => {
    const recorded = recordedBody('4c5af607f94a.json') as { prompt: string; format: Record<string, never> };
    const user = /<\|start_header_id\|>user<\|end_header_id\|>\n\n([\s\S]*?)<\|eot_id\|>/.exec(
      recorded.prompt,
    )![1]!;
    const system = /<\|start_header_id\|>system<\|end_header_id\|>\n\n([\s\S]*?)<\|eot_id\|>/.exec(
      recorded.prompt,
    )?.[1];
    await collectChatCompletion(
      provider.chatCompletion(
        request({
          model_id: 'llama3.2:3b-instruct-fp16',
          messages: [
            ...(system !== undefined ? [{ role: 'system' as const, content: system }] : []),
            { role: 'user', content: user },
          ],
          response_format: { type: 'json_schema', json_schema: recorded.format },
        }),
      ),
    );
    server.assertNoMisses();
    expect(withoutNumCtx(server.requests[0]!.body)).toEqual(recorded);
  });
});
