import { describe, expect, it } from 'vitest';
import { builtinToolsBlock } from './system-prompt-builtin-tools.js';
import { functionTagToolPrompt } from './system-prompt-function-tag.js';
import { jsonToolPrompt } from './system-prompt-json.js';
import type { ToolDefinitionLike } from './tool-definition.js';

const TRENDING_SONGS: ToolDefinitionLike = {
  tool_name: 'trending_songs',
  description: 'Returns the trending songs on a Music site',
  parameters: {
    n: { param_type: 'int', description: 'The number of songs to return', required: true },
    genre: { param_type: 'str', description: 'The genre of the songs to return', required: false },
  },
};

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
