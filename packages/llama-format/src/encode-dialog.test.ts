import { InvalidRequestError, type Message, NotImplementedError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { encodeCompletion, encodeDialog, encodeMessages } from './encode-dialog.js';
import { functionTagToolPrompt } from './system-prompt-function-tag.js';
import { jsonToolPrompt } from './system-prompt-json.js';
import type { ToolDefinitionLike } from './tool-definition.js';

const AUGUST_8 = new Date('2024-08-08T12:00:00Z');
const SEPTEMBER_21 = new Date('2024-09-21T12:00:00Z');

const TRENDING_SONGS: ToolDefinitionLike = {
  tool_name: 'trending_songs',
  description: 'Returns the trending songs on a Music site',
  parameters: {
    n: { param_type: 'int', description: 'The number of songs to return', required: true },
    genre: { param_type: 'str', description: 'The genre of the songs to return', required: false },
  },
};

const GET_WEATHER: ToolDefinitionLike = {
  tool_name: 'get_weather',
  description: 'Get weather info for places',
  parameters: {
    city: {
      param_type: 'string',
      description: 'The name of the city to get the weather for',
      required: true,
    },
    metric: {
      param_type: 'string',
      description: 'The metric for weather. Options are: celsius, fahrenheit',
      required: false,
      default: 'celsius',
    },
  },
};

const user = (content: string): Message => ({ role: 'user', content });
const system = (content: string): Message => ({ role: 'system', content });

describe('encodeDialog, Llama 3.1', () => {
  it('TV-E6: the date block alone when there are no tools and no system message', () => {
    expect(encodeDialog([user('Hi')], { modelFamily: '3.1', date: AUGUST_8 })).toBe(
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n' +
        'Cutting Knowledge Date: December 2023\nToday Date: 08 August 2024<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  it('TV-P2: builtin tools, the date and the caller system prompt', () => {
    const prompt = encodeDialog(
      [system('You are a helpful assistant.'), user('Search the web for the latest price of 1oz gold?')],
      {
        modelFamily: '3.1',
        date: SEPTEMBER_21,
        tools: [{ tool_name: 'brave_search' }, { tool_name: 'wolfram_alpha' }],
      },
    );
    expect(prompt).toBe(
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n' +
        'Environment: ipython\nTools: brave_search, wolfram_alpha\nCutting Knowledge Date: December 2023\nToday Date: 21 September 2024\nYou are a helpful assistant.<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nSearch the web for the latest price of 1oz gold?<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  it('TV-P4: a builtin call and its ipython result in history', () => {
    const prompt = encodeDialog(
      [
        user('What is the 100th decimal of pi?'),
        {
          role: 'assistant',
          content: '',
          stop_reason: 'end_of_message',
          tool_calls: [
            { call_id: 'c1', tool_name: 'wolfram_alpha', arguments: { query: '100th decimal of pi' } },
          ],
        },
        { role: 'tool', call_id: 'c1', content: '{"queryresult": {"success": true}}' },
      ],
      { modelFamily: '3.1', date: SEPTEMBER_21, tools: [{ tool_name: 'wolfram_alpha' }] },
    );
    expect(prompt).toContain(
      '<|start_header_id|>assistant<|end_header_id|>\n\nwolfram_alpha.call(query="100th decimal of pi")<|eom_id|>' +
        '<|start_header_id|>ipython<|end_header_id|>\n\n{"queryresult": {"success": true}}<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  it('TV-P5/P6: custom tools go in a user message after the system message, JSON by default', () => {
    const json = encodeDialog(
      [system('You are a helpful assistant.'), user('Use tools to get latest trending songs')],
      {
        modelFamily: '3.1',
        date: SEPTEMBER_21,
        tools: [TRENDING_SONGS],
      },
    );
    expect(json).toBe(
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n' +
        'Environment: ipython\n\nCutting Knowledge Date: December 2023\nToday Date: 21 September 2024\nYou are a helpful assistant.<|eot_id|>' +
        `<|start_header_id|>user<|end_header_id|>\n\n${jsonToolPrompt([TRENDING_SONGS])}<|eot_id|>` +
        '<|start_header_id|>user<|end_header_id|>\n\nUse tools to get latest trending songs<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
    );
    const tagged = encodeDialog([user('Use tools to get latest trending songs')], {
      modelFamily: '3.1',
      date: SEPTEMBER_21,
      tools: [TRENDING_SONGS],
      toolPromptFormat: 'function_tag',
    });
    expect(tagged).toContain(
      `<|start_header_id|>user<|end_header_id|>\n\n${functionTagToolPrompt([TRENDING_SONGS])}<|eot_id|>`,
    );
  });

  it('formats Llama 3.2 Vision models the 3.1 way', () => {
    const prompt = encodeDialog([user('Hi')], {
      model: 'llama3.2-vision:11b',
      date: AUGUST_8,
      tools: [TRENDING_SONGS],
    });
    expect(prompt).toContain('Today Date: 08 August 2024');
    expect(prompt).toContain("Answer the user's question by making use of the following functions");
  });

  it('refuses the python_list format, which Llama 3.1 was not trained on', () => {
    expect(() =>
      encodeDialog([user('Hi')], {
        modelFamily: '3.1',
        tools: [TRENDING_SONGS],
        toolPromptFormat: 'python_list',
      }),
    ).toThrow(InvalidRequestError);
  });
});

describe('encodeDialog, Llama 3.2 / 3.3', () => {
  it('writes an empty system message when there is neither a system message nor a tool (as Llama Stack does)', () => {
    expect(encodeDialog([user('Which planet do humans live on?')], { modelFamily: '3.2' })).toBe(
      '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\n<|eot_id|>' +
        '<|start_header_id|>user<|end_header_id|>\n\nWhich planet do humans live on?<|eot_id|>' +
        '<|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  it('puts the python-list tool prompt before the system message, and no date', () => {
    const prompt = encodeDialog(
      [system('You are a helpful assistant'), user('What is the weather in SF and Seattle?')],
      {
        modelFamily: '3.3',
        tools: [GET_WEATHER],
        date: AUGUST_8,
      },
    );
    expect(prompt).not.toContain('Today Date');
    expect(prompt).toContain(
      '[\n    {\n        "name": "get_weather",\n        "description": "Get weather info for places",\n        "parameters": {\n            "type": "dict",\n            "required": ["city"],\n            "properties": {\n                "city": {\n                    "type": "string",\n                    "description": "The name of the city to get the weather for"\n                },\n                "metric": {\n                    "type": "string",\n                    "description": "The metric for weather. Options are: celsius, fahrenheit",\n                    "default": "celsius"\n                }\n            }\n        }\n    }\n]',
    );
    expect(prompt).toContain('by using the tool outputs.\nYou are a helpful assistant<|eot_id|>');
  });

  it('prints a default only when Python finds it truthy, as the template does', () => {
    const withDefaults = (value: unknown) =>
      encodeDialog([user('Hi')], {
        tools: [
          {
            tool_name: 'f',
            parameters: { p: { param_type: 'x', required: false, default: value as never } },
          },
        ],
      });
    expect(withDefaults(true)).toContain('"default": "True"');
    expect(withDefaults(3)).toContain('"default": "3"');
    expect(withDefaults(['a', 1])).toContain(`"default": "['a', 1]"`);
    for (const falsy of [false, 0, '', [], {}, null]) expect(withDefaults(falsy)).not.toContain('"default"');
  });

  it('adds the tool_choice line, and drops the tools for tool_choice none', () => {
    const required = encodeDialog([user('Hi')], { tools: [GET_WEATHER], toolChoice: 'required' });
    // Without a system message the tool prompt's own trailing newline stays: a blank line before the rule.
    expect(required).toContain(
      'tool outputs.\n\nYou MUST use one of the provided functions/tools to answer the user query.<|eot_id|>',
    );
    const named = encodeDialog([user('Hi')], { tools: [GET_WEATHER], toolChoice: 'get_weather' });
    expect(named).toContain('\nYou MUST use the tool `get_weather` to answer the user query.<|eot_id|>');
    const none = encodeDialog([system('Be brief.'), user('Hi')], {
      tools: [GET_WEATHER],
      toolChoice: 'none',
    });
    expect(none).toBe(encodeDialog([system('Be brief.'), user('Hi')], {}));
    expect(() => encodeDialog([user('Hi')], { tools: [GET_WEATHER], toolChoice: 'get_time' })).toThrow(
      /tool_choice names get_time, which is not among the offered tools \(get_weather\)/,
    );
  });

  it('lets a system message replace the tool preamble, with the function list where it asks', () => {
    const prompt = encodeDialog(
      [system('You are a weather bot.\n{{ function_description }}\nAnswer briefly.'), user('Hi')],
      { tools: [GET_WEATHER], systemMessageBehavior: 'replace' },
    );
    expect(prompt).toContain(
      '<|start_header_id|>system<|end_header_id|>\n\nYou are a weather bot.\nIf you decide to invoke any of the function(s)',
    );
    expect(prompt).toContain('by using the tool outputs.\nAnswer briefly.<|eot_id|>');
    expect(prompt).not.toContain('You are an expert in composing functions');
  });

  it('puts builtin tools on the Environment / Tools lines before the custom tools', () => {
    const prompt = encodeDialog([user('Hi')], { tools: [{ tool_name: 'brave_search' }, GET_WEATHER] });
    expect(prompt).toContain(
      '<|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nTools: brave_search\nYou are a helpful assistant. You have access to functions',
    );
  });

  it('refuses the json and function_tag formats for custom tools', () => {
    expect(() => encodeDialog([user('Hi')], { tools: [GET_WEATHER], toolPromptFormat: 'json' })).toThrow(
      'Llama 3.2 and 3.3 take custom tools in the python_list format, not json',
    );
  });

  it('asks for JSON output in a last user message, with Python-style JSON of the schema', () => {
    const prompt = encodeDialog([user('Who is Michael Jordan?')], {
      responseFormat: {
        type: 'json_schema',
        json_schema: { type: 'object', properties: { name: { type: 'string', title: 'Name' } } },
      },
    });
    expect(prompt).toContain(
      '<|start_header_id|>user<|end_header_id|>\n\nPlease respond in JSON format with the schema: {"type": "object", "properties": {"name": {"type": "string", "title": "Name"}}}<|eot_id|><|start_header_id|>assistant',
    );
    expect(() => encodeDialog([user('x')], { responseFormat: { type: 'grammar', bnf: {} } })).toThrow(
      NotImplementedError,
    );
  });

  it('refuses an empty dialog and a second system message', () => {
    expect(() => encodeDialog([])).toThrow(InvalidRequestError);
    expect(() => encodeDialog([system('a'), system('b'), user('c')])).toThrow(/Only one system message/);
  });

  it('derives the family from a model name', () => {
    expect(
      encodeDialog([user('Hi')], { model: 'meta-llama/Llama-3.1-8B-Instruct', date: AUGUST_8 }),
    ).toContain('Today Date: 08 August 2024');
    expect(encodeDialog([user('Hi')], { model: 'llama3.2:3b-instruct-fp16' })).not.toContain('Today Date');
  });
});

describe('encodeMessages and encodeCompletion', () => {
  it('encodes a dialog without adding a system prompt (what Llama Guard receives)', () => {
    expect(encodeMessages([user('Hi')])).toBe(
      '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n',
    );
  });

  it('starts a completion with <|begin_of_text|> and appends the JSON instruction', () => {
    expect(encodeCompletion('Complete the sentence using one word: Roses are red, violets are ')).toBe(
      '<|begin_of_text|>Complete the sentence using one word: Roses are red, violets are ',
    );
    expect(
      encodeCompletion('Jordan.', {
        responseFormat: { type: 'json_schema', json_schema: { type: 'object' } },
      }),
    ).toBe('<|begin_of_text|>Jordan.Please respond in JSON format with the schema: {"type": "object"}');
  });
});
