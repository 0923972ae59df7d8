import { InvalidRequestError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { fastTurnRequest, turnRequestOf } from './turn-request-of.js';
import { TurnRequest } from './turn-request.js';

const common: unknown[] = [
  { messages: [{ role: 'user', content: 'Hi' }] },
  { messages: [{ role: 'user', content: '' }] },
  { messages: [{ role: 'user', content: { type: 'text', text: 'one item' } }] },
  {
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'a' },
          { type: 'text', text: 'b' },
        ],
      },
    ],
  },
  { messages: [{ role: 'user', content: [] }] },
  { messages: [{ role: 'tool', call_id: 'call-1', content: '42' }] },
  {
    messages: [
      { role: 'tool', call_id: 'call-1', content: [{ type: 'text', text: '42' }] },
      { role: 'user', content: 'and then?' },
    ],
  },
];

const leftToZod: unknown[] = [
  { messages: [{ role: 'user', content: 'Hi', context: 'from a document' }] },
  {
    messages: [{ role: 'user', content: { type: 'image', image: { url: { uri: 'https://x.test/a.png' } } } }],
  },
  { messages: [{ role: 'user', content: 'Hi' }], toolgroups: ['builtin::websearch'] },
  { messages: [{ role: 'user', content: 'Hi' }], documents: [{ content: 'text', mime_type: 'text/plain' }] },
  { messages: [{ role: 'user', content: 'Hi' }], tool_config: { tool_choice: 'none' } },
  { messages: [{ role: 'user', content: 'Hi' }], stream: true },
  { messages: [{ role: 'user', content: 'Hi', extra: 1 }] },
  { messages: [{ role: 'user', content: 'Hi' }], documents: undefined },
];

const invalid: { input: unknown; field: string }[] = [
  { input: { messages: [] }, field: 'messages' },
  { input: {}, field: 'messages' },
  { input: { messages: [{ role: 'assistant', content: 'Hi' }] }, field: 'messages[0].role' },
  { input: { messages: [{ role: 'user', content: 7 }] }, field: 'messages[0].content' },
  { input: { messages: [{ role: 'tool', content: 'x' }] }, field: 'messages[0].call_id' },
  { input: { messages: [{ role: 'user', content: 'Hi' }], toolgroups: [''] }, field: 'toolgroups[0]' },
];

describe('turnRequestOf', () => {
  it.each(common)('reads a common request without zod, exactly as zod would: %j', (input) => {
    const fast = fastTurnRequest(input);
    expect(fast).toBeDefined();
    expect(fast).toStrictEqual(TurnRequest.parse(input));
    expect(turnRequestOf(input)).toStrictEqual(TurnRequest.parse(input));
  });

  it.each(leftToZod)('leaves anything else to zod and returns what zod returns: %j', (input) => {
    expect(fastTurnRequest(input)).toBeUndefined();
    expect(turnRequestOf(input)).toStrictEqual(TurnRequest.parse(input));
  });

  it.each(invalid)('rejects invalid input with an InvalidRequestError naming $field', ({ input, field }) => {
    expect(fastTurnRequest(input)).toBeUndefined();
    let thrown: unknown;
    try {
      turnRequestOf(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidRequestError);
    expect((thrown as InvalidRequestError).field).toBe(field);
  });

  it('copies the request, so changing the input afterwards changes nothing', () => {
    const content = [{ type: 'text', text: 'before' }];
    const input = { messages: [{ role: 'user', content }] };
    const request = turnRequestOf(input);
    content[0] = { type: 'text', text: 'after' };
    input.messages.push({ role: 'user', content: [] });
    expect(request).toStrictEqual({
      messages: [{ role: 'user', content: [{ type: 'text', text: 'before' }] }],
    });
  });

  it('leaves objects with a prototype other than Object to zod', () => {
    class Message {
      role = 'user';
      content = 'Hi';
    }
    expect(fastTurnRequest({ messages: [new Message()] })).toBeUndefined();
  });
});
