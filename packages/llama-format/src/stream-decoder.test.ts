import type { ContentDelta } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { createStreamDecoder } from './stream-decoder.js';
import type { DecodeOptions } from './decode-assistant-message.js';

function stream(
  chunks: string[],
  options: DecodeOptions = {},
  end: { stopReason?: 'end_of_turn' } = { stopReason: 'end_of_turn' },
) {
  const decoder = createStreamDecoder({ newCallId: () => 'call-1', ...options });
  const perPush = chunks.map((chunk) => decoder.push(chunk));
  const finish = decoder.finish(end.stopReason);
  return {
    perPush,
    all: [...perPush.flat(), ...finish.deltas],
    final: finish.deltas,
    message: finish.message,
  };
}

const texts = (deltas: ContentDelta[]) =>
  deltas.flatMap((delta) => (delta.type === 'text' ? [delta.text] : []));
const statuses = (deltas: ContentDelta[]) =>
  deltas.flatMap((delta) => (delta.type === 'tool_call' ? [delta.parse_status] : []));

describe('createStreamDecoder', () => {
  it('passes text through as soon as it cannot open a tool call', () => {
    const { perPush, message } = stream(['The', ' capital', ' is Paris.']);
    expect(perPush).toEqual([
      [{ type: 'text', text: 'The' }],
      [{ type: 'text', text: ' capital' }],
      [{ type: 'text', text: ' is Paris.' }],
    ]);
    expect(message).toMatchObject({
      content: 'The capital is Paris.',
      tool_calls: [],
      stop_reason: 'end_of_turn',
    });
  });

  it('holds back a leading "[" until it is clear whether a python-list call follows', () => {
    const text = stream(['[', 'Note', ']: it rains']);
    expect(text.perPush).toEqual([[], [], [{ type: 'text', text: '[Note]: it rains' }]]);
    const call = stream(['[', 'get', '_weather', '(location="Paris")]']);
    expect(call.perPush[0]).toEqual([]);
    expect(call.perPush[1]).toEqual([]);
    expect(call.perPush[2]).toEqual([]);
    expect(statuses(call.perPush[3]!)).toEqual(['started', 'in_progress']);
    expect(call.final).toEqual([
      {
        type: 'tool_call',
        parse_status: 'succeeded',
        tool_call: {
          call_id: 'call-1',
          tool_name: 'get_weather',
          arguments: { location: 'Paris' },
          arguments_json: '{"location": "Paris"}',
        },
      },
    ]);
    expect(call.message.content).toBe('');
  });

  it('streams a <|python_tag|> code call: started, the code in progress, then succeeded; the stop token is not shown', () => {
    const { all, message } = stream(['<|python_', 'tag|>print(', '1+1)<|eom', '_id|>']);
    expect(
      all.map((delta) => (delta.type === 'tool_call' ? [delta.parse_status, delta.tool_call] : delta)),
    ).toEqual([
      ['started', ''],
      ['in_progress', 'print('],
      ['in_progress', '1+1)'],
      [
        'succeeded',
        {
          call_id: 'call-1',
          tool_name: 'code_interpreter',
          arguments: { code: 'print(1+1)' },
          arguments_json: '{"code": "print(1+1)"}',
        },
      ],
    ]);
    expect(message.stop_reason).toBe('end_of_message');
  });

  it('streams builtin, function-tag and JSON calls', () => {
    expect(statuses(stream(['brave_search.call(query="x")']).all)).toEqual([
      'started',
      'in_progress',
      'succeeded',
    ]);
    expect(statuses(stream(['<function=f>{"a": 1}</function>']).all)).toEqual([
      'started',
      'in_progress',
      'succeeded',
    ]);
    const json = stream(['{"type": ', '"function", "name": "f", "parameters": {}}']);
    expect(json.perPush[0]).toEqual([]);
    expect(statuses(json.all)).toEqual(['started', 'in_progress', 'succeeded']);
  });

  it('tells a JSON answer from a JSON call by its keys, or by the offered tool names', () => {
    const answer = stream(['{"name": "Michael Jordan", ', '"year_born": "1963"}']);
    expect(answer.perPush[0]).toEqual([]);
    expect(texts(answer.all).join('')).toBe('{"name": "Michael Jordan", "year_born": "1963"}');
    const withTools = stream(['{"name": "Michael Jordan"', ', "x": 1}'], { tools: ['get_weather'] });
    expect(texts(withTools.perPush[0]!)).toEqual(['{"name": "Michael Jordan"']);
    const call = stream(['{"name": "get_weather"', ', "parameters": {"city": "Paris"}}'], {
      tools: ['get_weather'],
    });
    expect(statuses(call.perPush[0]!)).toEqual(['started', 'in_progress']);
    expect(call.message.tool_calls).toHaveLength(1);
  });

  it('never shows a stop token, even split across chunks, but shows text that only looked like one', () => {
    const split = stream(['Done.<|eo', 't_id|>']);
    expect(texts(split.all).join('')).toBe('Done.');
    expect(split.message.stop_reason).toBe('end_of_turn');
    const lookalike = stream(['a <|eo', 'x']);
    expect(texts(lookalike.all).join('')).toBe('a <|eox');
  });

  it('reports a tool call it cannot parse as failed, and keeps its text as the answer', () => {
    const { all, message } = stream(['[get_weather(', 'location="Paris", 42)]']);
    expect(statuses(all)).toEqual(['started', 'in_progress', 'in_progress', 'failed']);
    expect(all.at(-2)).toEqual({
      type: 'tool_call',
      parse_status: 'failed',
      tool_call: '[get_weather(location="Paris", 42)]',
    });
    expect(all.at(-1)).toEqual({ type: 'text', text: '[get_weather(location="Paris", 42)]' });
    expect(message).toMatchObject({ content: '[get_weather(location="Paris", 42)]', tool_calls: [] });
    expect(message.problems[0]?.kind).toBe('unparsed_tool_call');
  });

  it('reports a call to a tool that was not offered as failed', () => {
    const { final, message } = stream(['[book_flight(to="Paris")]'], { tools: ['get_weather'] });
    expect(statuses(final)).toEqual(['failed']);
    expect(message.unknown_tool_calls).toMatchObject([{ tool_name: 'book_flight' }]);
    expect(message.content).toBe('[book_flight(to="Paris")]');
  });

  it('settles a stream that ended while still ambiguous', () => {
    expect(stream(['[']).all).toEqual([{ type: 'text', text: '[' }]);
    expect(stream(['  ']).all).toEqual([]);
    expect(stream([]).message).toMatchObject({ content: '', tool_calls: [], stop_reason: 'end_of_turn' });
  });

  it('gives several calls of one message one succeeded delta each', () => {
    const { final } = stream(['[a(x=1), ', 'b(y=2)]']);
    expect(
      final.map(
        (delta) =>
          delta.type === 'tool_call' && typeof delta.tool_call !== 'string' && delta.tool_call.tool_name,
      ),
    ).toEqual(['a', 'b']);
  });

  it('takes out_of_tokens when the stream ended without a stop reason', () => {
    expect(stream(['Hello, how'], {}, {}).message.stop_reason).toBe('out_of_tokens');
  });

  it('refuses to be fed after it finished', () => {
    const decoder = createStreamDecoder();
    decoder.finish('end_of_turn');
    expect(() => decoder.push('x')).toThrow(/after finish/);
    expect(() => decoder.finish('end_of_turn')).toThrow(/twice/);
  });
});

describe('createStreamDecoder: a tool call after a preamble', () => {
  it('streams the preamble as text and the call after <|python_tag|> as a tool call', () => {
    const { all, message } = stream([
      'Let me look.',
      '<|pyth',
      'on_tag|>brave_search.call(query="x")',
      '<|eom_id|>',
    ]);
    expect(
      all.map((delta) =>
        delta.type === 'text' ? delta.text : delta.type === 'tool_call' ? delta.parse_status : delta.type,
      ),
    ).toEqual(['Let me look.', 'started', 'in_progress', 'succeeded']);
    expect(message).toMatchObject({
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ tool_name: 'brave_search', arguments: { query: 'x' } }],
    });
  });

  it('shows a partial <|python_tag|> at the very end as the text it was', () => {
    expect(texts(stream(['Hello <|pyt']).all).join('')).toBe('Hello <|pyt');
  });
});
