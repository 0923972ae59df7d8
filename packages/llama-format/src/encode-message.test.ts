import type { Message } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { encodeMessage } from './encode-message.js';

const user = (content: string): Message => ({ role: 'user', content });

describe('encodeMessage (seed spec §5.8 TV-E vectors, Llama Stack v0.2 rules)', () => {
  it('TV-E1 user message', () => {
    expect(encodeMessage(user('Please tell me how to plan a trip to New York'), 'json')).toBe(
      '<|start_header_id|>user<|end_header_id|>\n\nPlease tell me how to plan a trip to New York<|eot_id|>',
    );
  });

  it('TV-E2 a builtin call ends the message with <|eom_id|> (v0.2 writes no python tag before it)', () => {
    const message: Message = {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ call_id: '1', tool_name: 'brave_search', arguments: { query: 'Who won NBA in 2024?' } }],
    };
    expect(encodeMessage(message, 'json')).toBe(
      '<|start_header_id|>assistant<|end_header_id|>\n\nbrave_search.call(query="Who won NBA in 2024?")<|eom_id|>',
    );
  });

  it('TV-E3 a custom call in function_tag form; json form with Python spacing', () => {
    const message: Message = {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [
        {
          call_id: '1',
          tool_name: 'get_boiling_point',
          arguments: { celsius: true, liquid_name: 'Mercury' },
        },
      ],
    };
    expect(encodeMessage(message, 'function_tag')).toBe(
      '<|start_header_id|>assistant<|end_header_id|>\n\n<function=get_boiling_point>{"celsius": true, "liquid_name": "Mercury"}</function><|eom_id|>',
    );
    expect(encodeMessage(message, 'json')).toBe(
      '<|start_header_id|>assistant<|end_header_id|>\n\n{"type": "function", "name": "get_boiling_point", "parameters": {"celsius": true, "liquid_name": "Mercury"}}<|eom_id|>',
    );
  });

  it('TV-E4 assistant answer', () => {
    const message: Message = {
      role: 'assistant',
      content: 'Hi, I am a helpful assistant. What can I help you with today?',
      stop_reason: 'end_of_turn',
      tool_calls: [],
    };
    expect(encodeMessage(message, 'json')).toBe(
      '<|start_header_id|>assistant<|end_header_id|>\n\nHi, I am a helpful assistant. What can I help you with today?<|eot_id|>',
    );
  });

  it('TV-E7/E8 tool results go in the ipython role', () => {
    expect(
      encodeMessage(
        {
          role: 'tool',
          call_id: '1',
          content: 'completed\n[stdout]{"results":["something something"]}[/stdout]',
        },
        'json',
      ),
    ).toBe(
      '<|start_header_id|>ipython<|end_header_id|>\n\ncompleted\n[stdout]{"results":["something something"]}[/stdout]<|eot_id|>',
    );
  });

  it('writes <|python_tag|> before code for code_interpreter, and the code verbatim', () => {
    const message: Message = {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ call_id: '1', tool_name: 'code_interpreter', arguments: { code: 'print(1+1)' } }],
    };
    expect(encodeMessage(message, 'python_list')).toBe(
      '<|start_header_id|>assistant<|end_header_id|>\n\n<|python_tag|>print(1+1)<|eom_id|>',
    );
  });

  it('TV-P8: a python-list call in history, several calls sharing one list', () => {
    const message: Message = {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_turn',
      tool_calls: [
        { call_id: '1', tool_name: 'get_weather', arguments: { city: 'San Francisco', metric: 'celsius' } },
        {
          call_id: '2',
          tool_name: 'get_weather',
          arguments: { city: 'Seattle', days: 2, exact: false, note: null },
        },
      ],
    };
    expect(encodeMessage(message, 'python_list')).toBe(
      '<|start_header_id|>assistant<|end_header_id|>\n\n[get_weather(city="San Francisco", metric="celsius"), get_weather(city="Seattle", days=2, exact=False, note=None)]<|eot_id|>',
    );
  });

  it('appends a user message context after a blank line, and writes images as <|image|>', () => {
    expect(encodeMessage({ role: 'user', content: 'Q', context: 'C' }, 'json')).toBe(
      '<|start_header_id|>user<|end_header_id|>\n\nQ\n\nC<|eot_id|>',
    );
    const content = [
      { type: 'image' as const, image: { url: { uri: 'https://example.com/dog.png' } } },
      { type: 'text' as const, text: 'What is this?' },
    ];
    expect(encodeMessage({ role: 'user', content }, 'json')).toBe(
      '<|start_header_id|>user<|end_header_id|>\n\n<|image|>What is this?<|eot_id|>',
    );
  });
});
