import type { JsonObject, JsonValue, ToolCall, ToolPromptFormat } from '@llama-stack-ts/api-types';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAssistantMessage } from './decode-assistant-message.js';
import { encodeMessage } from './encode-message.js';
import { createStreamDecoder } from './stream-decoder.js';

const identifier = fc.stringMatching(/^[a-z_][a-z0-9_]{0,12}$/);
const customToolName = identifier.filter(
  (name) => !['brave_search', 'wolfram_alpha', 'photogen', 'code_interpreter'].includes(name),
);
const text = fc.string({ unit: 'grapheme', maxLength: 30 });
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Object.is(value, -0)),
);
const jsonValue: fc.Arbitrary<JsonValue> = fc.letrec<{ value: JsonValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(identifier, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const args: fc.Arbitrary<JsonObject> = fc.dictionary(identifier, jsonValue, { maxKeys: 4 });
const customCall = fc.record({ tool_name: customToolName, arguments: args });

/** The body an assistant message with these calls is encoded to, as the model would answer. */
function assistantOutput(calls: Omit<ToolCall, 'call_id'>[], format: ToolPromptFormat): string {
  const encoded = encodeMessage(
    {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_turn',
      tool_calls: calls.map((call, i) => ({ ...call, call_id: `c${i}` })),
    },
    format,
  );
  return encoded.slice(encoded.indexOf('\n\n') + 2);
}

const decodedCalls = (output: string) =>
  decodeAssistantMessage(output, undefined).tool_calls.map(({ tool_name, arguments: a }) => ({
    tool_name,
    arguments: a,
  }));

describe('tool calls survive encode → decode', () => {
  it('python_list: any number of calls with any literal arguments', () => {
    fc.assert(
      fc.property(fc.array(customCall, { minLength: 1, maxLength: 3 }), (calls) => {
        expect(decodedCalls(assistantOutput(calls, 'python_list'))).toEqual(calls);
      }),
    );
  });

  it('function_tag and json: one call', () => {
    fc.assert(
      fc.property(customCall, fc.constantFrom<ToolPromptFormat>('function_tag', 'json'), (call, format) => {
        expect(decodedCalls(assistantOutput([call], format))).toEqual([call]);
      }),
    );
  });

  it('builtin search calls with any query', () => {
    fc.assert(
      fc.property(fc.constantFrom('brave_search', 'wolfram_alpha', 'photogen'), text, (tool_name, query) => {
        const output = `${assistantOutput([{ tool_name, arguments: { query } }], 'python_list')}`;
        expect(decodedCalls(output)).toEqual([{ tool_name, arguments: { query } }]);
      }),
    );
  });

  it('code_interpreter code', () => {
    const line = fc.oneof(
      fc.integer().map((n) => `print(${n})`),
      fc.tuple(identifier, fc.integer()).map(([name, n]) => `${name} = ${n}`),
      fc.constant('for i in range(3):\n    print(i)'),
    );
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 5 }), (lines) => {
        const code = lines.join('\n');
        const output = assistantOutput(
          [{ tool_name: 'code_interpreter', arguments: { code } }],
          'python_list',
        );
        expect(decodedCalls(output)).toEqual([{ tool_name: 'code_interpreter', arguments: { code } }]);
      }),
    );
  });
});

describe('the stream decoder agrees with the batch decoder however the output is cut', () => {
  const output = fc.oneof(
    fc
      .array(customCall, { minLength: 1, maxLength: 2 })
      .map((calls) => assistantOutput(calls, 'python_list')),
    customCall.map((call) => assistantOutput([call], 'function_tag')),
    customCall.map((call) => assistantOutput([call], 'json')),
    text.map((answer) => `${answer}<|eot_id|>`),
    fc.constantFrom(
      '[1, 2, 3]',
      '{"name": "Ann", "age": 3}',
      '[Note] hi',
      '<|python_tag|>print(1)<|eom_id|>',
    ),
  );
  const cuts = (length: number) =>
    fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, length - 1) }), { maxLength: 6 });

  it('gives the same message, and streams exactly the answer text', () => {
    fc.assert(
      fc.property(
        output.chain((out) => fc.tuple(fc.constant(out), cuts(out.length))),
        ([out, positions]) => {
          const points = [0, ...positions.filter((p) => p < out.length).sort((a, b) => a - b), out.length];
          const decoder = createStreamDecoder({ newCallId: () => 'id' });
          const deltas = points.slice(1).flatMap((end, i) => decoder.push(out.slice(points[i], end)));
          const { deltas: last, message } = decoder.finish(undefined);
          const expected = decodeAssistantMessage(out, undefined, { newCallId: () => 'id' });
          expect(message).toEqual(expected);
          const all = [...deltas, ...last];
          const succeeded = all.flatMap((d) =>
            d.type === 'tool_call' && d.parse_status === 'succeeded' ? [d.tool_call] : [],
          );
          expect(succeeded).toEqual(expected.tool_calls);
          if (expected.tool_calls.length === 0) {
            const streamed = all.flatMap((d) => (d.type === 'text' ? [d.text] : [])).join('');
            expect(streamed.replace(/^ +| +$/g, '')).toBe(expected.content);
          }
        },
      ),
    );
  });
});
