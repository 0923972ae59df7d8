import { InvalidRequestError, type Message, NotImplementedError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { encodeCompletion, encodeDialog, encodeMessages } from './encode-dialog.js';
import { encodeMessage } from './encode-message.js';
import { builtinToolsBlock } from './system-prompt-builtin-tools.js';
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

describe('system prompt blocks (seed spec §4.4 test vectors)', () => {
  it('lists builtin tools except code_interpreter under Environment: ipython', () => {
    const tools = ['code_interpreter', 'brave_search', 'wolfram_alpha'].map((tool_name) => ({ tool_name }));
    expect(builtinToolsBlock(tools)).toBe('Environment: ipython\nTools: brave_search, wolfram_alpha');
    expect(builtinToolsBlock([{ tool_name: 'code_interpreter' }])).toBe('Environment: ipython\n');
    expect(builtinToolsBlock([])).toBe('');
  });

  it('renders the JSON custom-tool prompt of Llama 3.1', () => {
    expect(jsonToolPrompt([TRENDING_SONGS])).toBe(
      "Answer the user's question by making use of the following functions if needed.\n" +
        'If none of the function can be used, please say so.\n' +
        'Here is a list of functions in JSON format:\n' +
        '{\n' +
        '    "type": "function",\n' +
        '    "function": {\n' +
        '        "name": "trending_songs",\n' +
        '        "description": "Returns the trending songs on a Music site",\n' +
        '        "parameters": {\n' +
        '            "type": "object",\n' +
        '            "properties": [\n' +
        '                {\n' +
        '                    "n": {\n' +
        '                        "type": "object",\n' +
        '                        "description": "The number of songs to return"\n' +
        '                    }\n' +
        '                },\n' +
        '                {\n' +
        '                    "genre": {\n' +
        '                        "type": "object",\n' +
        '                        "description": "The genre of the songs to return"\n' +
        '                    }\n' +
        '                }\n' +
        '            ],\n' +
        '            "required": ["n"]\n' +
        '        }\n' +
        '    }\n' +
        '}\n' +
        '\n' +
        'Return function calls in JSON format.',
    );
  });

  it('renders the function-tag custom-tool prompt of Llama 3.1 with sorted parameter keys', () => {
    expect(functionTagToolPrompt([TRENDING_SONGS])).toBe(
      'You have access to the following functions:\n\n' +
        "Use the function 'trending_songs' to 'Returns the trending songs on a Music site':\n" +
        '{"name": "trending_songs", "description": "Returns the trending songs on a Music site", "parameters": {"genre": {"description": "The genre of the songs to return", "param_type": "str", "required": false}, "n": {"description": "The number of songs to return", "param_type": "int", "required": true}}}\n\n' +
        'Think very carefully before calling functions.\n' +
        'If you choose to call a function ONLY reply in the following format with no prefix or suffix:\n\n' +
        '<function=example_function_name>{"example_name": "example_value"}</function>\n\n' +
        'Reminder:\n' +
        '- If looking for real time information use relevant functions before falling back to brave_search\n' +
        '- Function calls MUST follow the specified format, start with <function= and end with </function>\n' +
        '- Required parameters MUST be specified\n' +
        '- Only call one function at a time\n' +
        '- Put the entire function call reply on one line',
    );
  });

  it("escapes the function-tag parameters as jinja's tojson does (HTML-safe, ASCII only)", () => {
    const tool = {
      tool_name: 'f',
      parameters: { q: { param_type: 'str', description: "it's <b>café</b> & co" } },
    };
    expect(functionTagToolPrompt([tool])).toContain(
      '"parameters": {"q": {"description": "it\\u0027s \\u003cb\\u003ecaf\\u00e9\\u003c/b\\u003e \\u0026 co", "param_type": "str", "required": true}}}',
    );
    // A missing description prints as jinja prints None.
    expect(functionTagToolPrompt([tool])).toContain("Use the function 'f' to 'None':");
  });
});

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
