import { describe, expect, it } from 'vitest';
import { decodeAssistantMessage } from './decode-assistant-message.js';

let counter = 0;
const ids = { newCallId: () => `call-${++counter}` };
const decode = (text: string, stop?: Parameters<typeof decodeAssistantMessage>[1], tools?: string[]) =>
  decodeAssistantMessage(text, stop, tools ? { ...ids, tools } : ids);

describe('decodeAssistantMessage: the seed spec vectors (§5.8 TV-D)', () => {
  it('D1: reads <function=name>{json} without a closing tag', () => {
    const message = decode('<function=getWeather>{"location":"New York","date":"2023-08-05"}');
    expect(message.tool_calls).toMatchObject([
      { tool_name: 'getWeather', arguments: { location: 'New York', date: '2023-08-05' } },
    ]);
    expect(message.content).toBe('');
  });

  it('D2/D3: reads builtin calls after <|python_tag|> and ends the message at <|eom_id|>', () => {
    const brave = decode(
      '<|python_tag|>brave_search.call(query="latest price of 1oz gold")<|eom_id|>',
      'end_of_turn',
    );
    expect(brave).toMatchObject({
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ tool_name: 'brave_search', arguments: { query: 'latest price of 1oz gold' } }],
    });
    const wolfram = decode('<|python_tag|>wolfram_alpha.call(query="100th decimal of pi")<|eom_id|>');
    expect(wolfram.tool_calls).toMatchObject([
      { tool_name: 'wolfram_alpha', arguments: { query: '100th decimal of pi' } },
    ]);
  });

  it('D4 and TV-P3: code after <|python_tag|> is a code_interpreter call, the code kept verbatim', () => {
    expect(decode('<|python_tag|>print(1+1)<|eom_id|>').tool_calls).toMatchObject([
      { tool_name: 'code_interpreter', arguments: { code: 'print(1+1)' } },
    ]);
    const code =
      'def is_prime(n):\n    if n <= 1\n        return False\n    for i in range(2, int(n**0.5) + 1):\n        if n % i == 0:\n            return False\n    return True\n\nprint(is_prime(7))  # Output: True';
    const message = decode(`<|python_tag|>${code}<|eom_id|>`);
    expect(message.tool_calls).toMatchObject([{ tool_name: 'code_interpreter', arguments: { code } }]);
    expect(message.stop_reason).toBe('end_of_message');
  });

  it('D5: a function tag ending the turn', () => {
    expect(decode('<function=trending_songs>{"n": 10}</function><|eot_id|>')).toMatchObject({
      content: '',
      stop_reason: 'end_of_turn',
      tool_calls: [{ tool_name: 'trending_songs', arguments: { n: 10 } }],
    });
  });

  it('D6 and TV-P5: a whole-body JSON call, with or without "type": "function"', () => {
    expect(
      decode('{"type": "function", "name": "get_boiling_point", "parameters": {"liquid_name": "polyjuice"}}')
        .tool_calls,
    ).toMatchObject([{ tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' } }]);
    const tvP5 =
      '<|python_tag|>{\n    "type": "function",\n    "name": "trending_songs",\n    "parameters": {\n        "n": "10",\n        "genre": "all"\n    }\n}<|eom_id|>';
    expect(decode(tvP5)).toMatchObject({
      stop_reason: 'end_of_message',
      tool_calls: [{ tool_name: 'trending_songs', arguments: { n: '10', genre: 'all' } }],
    });
  });

  it('D7: a JSON object with a name but no parameters is text, and the problem is reported', () => {
    const message = decode('{"name": "x"}');
    expect(message.tool_calls).toEqual([]);
    expect(message.content).toBe('{"name": "x"}');
    expect(message.problems).toEqual([
      { kind: 'unparsed_tool_call', message: 'the JSON tool call x has no "parameters"' },
    ]);
  });

  it('D8: a builtin tool written as a function tag becomes the builtin with a query', () => {
    expect(decode('<function=brave_search>{"query": "weather"}</function>').tool_calls).toMatchObject([
      { tool_name: 'brave_search', arguments: { query: 'weather' } },
    ]);
    expect(decode('<function=brave_search>{"q": "weather"}</function>').tool_calls).toMatchObject([
      { tool_name: 'brave_search', arguments: { query: 'weather' } },
    ]);
  });

  it('D9: name.call(...) inside prose is text (Llama Stack made it a call to a tool "foo")', () => {
    const message = decode('The answer is foo.call(query="bar") indeed');
    expect(message.tool_calls).toEqual([]);
    expect(message.content).toBe('The answer is foo.call(query="bar") indeed');
  });

  it('D10: nested JSON arguments are read whole (Llama Stack cut them at the first "}")', () => {
    expect(decode('<|python_tag|><function=f>{"a": {"b": 1}}</function><|eom_id|>').tool_calls).toMatchObject(
      [{ tool_name: 'f', arguments: { a: { b: 1 } } }],
    );
  });

  it('D11: single-quoted JSON arguments are accepted', () => {
    expect(decode("<function=f>{'a': 'b'}</function>").tool_calls).toMatchObject([
      { tool_name: 'f', arguments: { a: 'b' } },
    ]);
  });

  it('D12 and TV-P1: plain text ends the turn', () => {
    expect(decode('Paris is the capital.<|eot_id|>')).toMatchObject({
      content: 'Paris is the capital.',
      stop_reason: 'end_of_turn',
      tool_calls: [],
      unknown_tool_calls: [],
      problems: [],
    });
    expect(decode('Here\'s my response\n\n"What is a helpful assistant?"<|eot_id|>').content).toBe(
      'Here\'s my response\n\n"What is a helpful assistant?"',
    );
  });

  it('D13/D14 and TV-P7: a python list gives every call in it', () => {
    expect(decode('[get_boiling_point(liquid_name="water", celcius=True)]').tool_calls).toMatchObject([
      { tool_name: 'get_boiling_point', arguments: { liquid_name: 'water', celcius: true } },
    ]);
    const two = decode(
      '[get_boiling_point(liquid_name="water", celcius=True), get_melting_point(substance="ice", kelvin=False)]',
    );
    expect(two.tool_calls).toMatchObject([
      { tool_name: 'get_boiling_point', arguments: { liquid_name: 'water', celcius: true } },
      { tool_name: 'get_melting_point', arguments: { substance: 'ice', kelvin: false } },
    ]);
    const tvP7 = decode(
      "[get_weather(city='San Francisco', metric='celsius'), get_weather(city='Seattle', metric='celsius')]<|eot_id|>",
    );
    expect(tvP7.tool_calls.map((call) => call.arguments)).toEqual([
      { city: 'San Francisco', metric: 'celsius' },
      { city: 'Seattle', metric: 'celsius' },
    ]);
    expect(tvP7.tool_call_syntax).toBe('python_list');
  });

  it('TV-P8 and TV-P10: a python list after <|python_tag|>, integer arguments', () => {
    expect(
      decode('<|python_tag|>[get_weather(city="San Francisco", metric="celsius")]<|eot_id|>').tool_calls,
    ).toMatchObject([{ tool_name: 'get_weather', arguments: { city: 'San Francisco', metric: 'celsius' } }]);
    expect(decode("[get_user_info(user_id=7890, special='black')]<|eot_id|>").tool_calls).toMatchObject([
      { tool_name: 'get_user_info', arguments: { user_id: 7890, special: 'black' } },
    ]);
  });
});

describe('decodeAssistantMessage: stop reasons', () => {
  it('keeps the provider stop reason when no stop token is in the text', () => {
    expect(decode('Hello', 'end_of_turn').stop_reason).toBe('end_of_turn');
    expect(decode('Hello', 'out_of_tokens').stop_reason).toBe('out_of_tokens');
  });

  it('reads an unfinished answer as out_of_tokens when the provider gives no stop reason', () => {
    expect(decode('Hello, how can I', undefined).stop_reason).toBe('out_of_tokens');
  });

  it('lets the stop token win over the provider stop reason', () => {
    expect(decode('Hi<|eom_id|>', 'end_of_turn').stop_reason).toBe('end_of_message');
    expect(decode('Hi<|eot_id|>', 'end_of_message').stop_reason).toBe('end_of_turn');
  });

  it('strips surrounding spaces and a leading assistant header', () => {
    expect(decode('  <|start_header_id|>assistant<|end_header_id|>\n\nHi there  ').content).toBe('Hi there');
  });
});

describe('decodeAssistantMessage: tools that were not offered', () => {
  it('reports a call to an unknown tool instead of guessing, and keeps the text', () => {
    const message = decode('[get_wether(location="Paris")]', 'end_of_turn', ['get_weather']);
    expect(message.tool_calls).toEqual([]);
    expect(message.unknown_tool_calls).toMatchObject([
      { tool_name: 'get_wether', arguments: { location: 'Paris' } },
    ]);
    expect(message.content).toBe('[get_wether(location="Paris")]');
    expect(message.problems).toEqual([
      {
        kind: 'unknown_tool',
        tool_name: 'get_wether',
        message: 'The model called get_wether, which is not among the offered tools (get_weather)',
      },
    ]);
  });

  it('keeps the offered calls of a message and reports the others', () => {
    const message = decode('[get_weather(location="Paris"), book_flight(to="Paris")]', 'end_of_turn', [
      'get_weather',
    ]);
    expect(message.tool_calls.map((call) => call.tool_name)).toEqual(['get_weather']);
    expect(message.unknown_tool_calls.map((call) => call.tool_name)).toEqual(['book_flight']);
  });

  it('treats every call as unknown when no tools were offered', () => {
    const message = decode('<|python_tag|>print(1)', 'end_of_message', []);
    expect(message.tool_calls).toEqual([]);
    expect(message.unknown_tool_calls).toMatchObject([{ tool_name: 'code_interpreter' }]);
    expect(message.content).toBe('print(1)');
  });

  it('accepts definitions as well as names', () => {
    const message = decodeAssistantMessage('[get_weather(location="Paris")]', 'end_of_turn', {
      tools: [{ tool_name: 'get_weather' }],
    });
    expect(message.tool_calls).toHaveLength(1);
  });
});

describe('decodeAssistantMessage: tool call details', () => {
  it('gives each call an id and its arguments as an object and as JSON', () => {
    const message = decodeAssistantMessage('[f(a=1), g(b="x")]', 'end_of_turn');
    const [first, second] = message.tool_calls;
    expect(first!.call_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first!.call_id).not.toBe(second!.call_id);
    expect(second).toMatchObject({ arguments: { b: 'x' }, arguments_json: '{"b": "x"}' });
  });

  it('reads several JSON calls in one message', () => {
    expect(
      decode('{"name": "a", "parameters": {"x": 1}}; {"name": "b", "parameters": {}}').tool_calls.map(
        (c) => c.tool_name,
      ),
    ).toEqual(['a', 'b']);
    expect(
      decode('[{"name": "a", "parameters": {"x": 1}}, {"name": "b", "arguments": {}}]').tool_calls,
    ).toHaveLength(2);
  });

  it('reads several function tags in one message', () => {
    const message = decode('<function=a>{"x": 1}</function><function=b>{"y": [1, 2]}</function>');
    expect(message.tool_calls).toMatchObject([
      { tool_name: 'a', arguments: { x: 1 } },
      { tool_name: 'b', arguments: { y: [1, 2] } },
    ]);
  });

  it('accepts the quoted function name of the llama-models CLI template (TV-E3)', () => {
    expect(
      decode(
        '<|python_tag|><function="get_boiling_point">{"celsius": true, "liquid_name": "Mercury"}</function><|eom_id|>',
      ).tool_calls,
    ).toMatchObject([
      { tool_name: 'get_boiling_point', arguments: { celsius: true, liquid_name: 'Mercury' } },
    ]);
  });

  it('leaves JSON that is not a tool call as text (structured output)', () => {
    const json = '{ "name": "Michael Jordan", "year_born": "1963", "year_retired": "2003"}\n    ';
    // Llama Stack strips spaces (only spaces) around the output.
    expect(decode(json, 'end_of_turn')).toMatchObject({
      content: json.trimEnd() + '\n',
      tool_calls: [],
      problems: [],
    });
  });

  it('leaves an empty python list and a malformed one as text, reporting the malformed one', () => {
    expect(decode('[]', 'end_of_turn')).toMatchObject({ content: '[]', tool_calls: [], problems: [] });
    const broken = decode('[get_weather(location="Paris"', 'out_of_tokens');
    expect(broken.tool_calls).toEqual([]);
    expect(broken.content).toBe('[get_weather(location="Paris"');
    expect(broken.problems[0]?.kind).toBe('unparsed_tool_call');
  });

  it('reads several builtin calls after one python tag', () => {
    expect(
      decode(
        '<|python_tag|>brave_search.call(query="a")\nwolfram_alpha.call(query="b")<|eom_id|>',
      ).tool_calls.map((c) => c.tool_name),
    ).toEqual(['brave_search', 'wolfram_alpha']);
  });
});

describe('decodeAssistantMessage: a preamble before <|python_tag|>', () => {
  it('finds the call after the tag, as Llama Stack found builtin calls anywhere', () => {
    expect(
      decode('Let me search.<|python_tag|>brave_search.call(query="gold price")<|eom_id|>'),
    ).toMatchObject({
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ tool_name: 'brave_search', arguments: { query: 'gold price' } }],
    });
  });
});
