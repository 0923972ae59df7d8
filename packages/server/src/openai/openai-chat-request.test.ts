import { InvalidRequestError, parseOrThrow } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { chatRequestFromOpenAi, OpenAiChatRequest } from './openai-chat-request.js';

const translate = (body: unknown) => chatRequestFromOpenAi(parseOrThrow(OpenAiChatRequest, body));
const tool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: ['string', 'null'] } } },
  },
};

describe('OpenAI chat request → Llama Stack chat completion request', () => {
  it('maps developer messages to system and image parts to image content (data URLs inline)', () => {
    const request = translate({
      model: 'm',
      messages: [
        { role: 'developer', content: [{ type: 'text', text: 'Be brief' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is this?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });
    expect(request.messages).toEqual([
      { role: 'system', content: 'Be brief' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is this?' },
          { type: 'image', image: { data: 'iVBORw0KGgo=' } },
          { type: 'image', image: { url: { uri: 'https://example.com/cat.png' } } },
        ],
      },
    ]);
    expect(request.sampling_params.strategy).toEqual({ type: 'greedy' });
  });

  it('takes the tools out for tool_choice none, as Llama Stack does', () => {
    const request = translate({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [tool],
      tool_choice: 'none',
    });
    expect(request.tools).toEqual([]);
    expect(request.tool_config).toBeUndefined();
  });

  it('names a forced tool and rejects one the request does not offer', () => {
    const forced = translate({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [tool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    expect(forced.tool_config?.tool_choice).toBe('get_weather');
    expect(forced.tools[0]?.parameters).toEqual({ city: { param_type: 'string', required: false } });
    expect(() =>
      translate({
        model: 'm',
        messages: [{ role: 'user', content: 'hi' }],
        tools: [tool],
        tool_choice: { type: 'function', function: { name: 'launch' } },
      }),
    ).toThrow(/tool_choice: launch is not one of the tools/);
  });

  it('maps json_object to an object schema, stop strings, and max_completion_tokens', () => {
    const request = translate({
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_object' },
      stop: 'END',
      max_completion_tokens: 64,
      top_p: 0.9,
    });
    expect(request.response_format).toEqual({ type: 'json_schema', json_schema: { type: 'object' } });
    expect(request.sampling_params).toMatchObject({
      strategy: { type: 'top_p', top_p: 0.9 },
      max_tokens: 64,
      stop: ['END'],
    });
  });

  it('rejects tool call arguments that are not a JSON object, naming the field', () => {
    const error = (() => {
      try {
        translate({
          model: 'm',
          messages: [
            {
              role: 'assistant',
              content: null,
              tool_calls: [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '[1]' } }],
            },
          ],
        });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as InvalidRequestError).field).toBe('messages[0].tool_calls[0].function.arguments');
  });
});
