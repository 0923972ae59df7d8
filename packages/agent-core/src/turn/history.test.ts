import type { Turn } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { historyFromTurns } from './history.js';

const base = { session_id: 's', output_attachments: [], started_at: '2025-01-01T00:00:00.000Z' };
const answer = (content: string, extra: Partial<Turn['output_message']> = {}) => ({
  role: 'assistant' as const,
  content,
  stop_reason: 'end_of_turn' as const,
  tool_calls: [],
  ...extra,
});

describe('historyFromTurns', () => {
  it('puts the instructions first and drops RAG context from user messages', () => {
    const turn: Turn = {
      ...base,
      turn_id: 't1',
      input_messages: [{ role: 'user', content: 'q', context: 'retrieved text' }],
      steps: [{ turn_id: 't1', step_id: 'i', step_type: 'inference', model_response: answer('a') }],
      output_message: answer('a'),
    };
    expect(historyFromTurns('Be brief.', [turn])).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'q' },
      answer('a'),
    ]);
    expect(historyFromTurns('', [turn])[0]).toEqual({ role: 'user', content: 'q' });
  });

  it('leaves out cancelled and failed turns', () => {
    const turn = (status: Turn['status']): Turn => ({
      ...base,
      turn_id: String(status),
      status,
      input_messages: [{ role: 'user', content: String(status) }],
      steps: [],
      output_message: answer(''),
    });
    const messages = historyFromTurns('', [
      turn('cancelled'),
      turn('failed'),
      turn('completed'),
      turn(undefined),
    ]);
    expect(messages.map((m) => m.content)).toEqual(['completed', 'undefined']);
  });

  it('drops tool calls that never got a response (a capped turn) and the message if nothing is left', () => {
    const call = { call_id: 'c', tool_name: 'x', arguments: {} };
    const turn: Turn = {
      ...base,
      turn_id: 't',
      input_messages: [{ role: 'user', content: 'q' }],
      steps: [
        {
          turn_id: 't',
          step_id: 'i1',
          step_type: 'inference',
          model_response: answer('', { tool_calls: [call] }),
        },
        {
          turn_id: 't',
          step_id: 'i2',
          step_type: 'inference',
          model_response: answer('thinking', { tool_calls: [call] }),
        },
      ],
      output_message: answer(''),
    };
    expect(historyFromTurns('', [turn])).toEqual([{ role: 'user', content: 'q' }, answer('thinking')]);
  });

  it('skips a tool message given as input when a tool step already answered the same call', () => {
    const call = { call_id: 'c', tool_name: 'x', arguments: {} };
    const turn: Turn = {
      ...base,
      turn_id: 't',
      input_messages: [
        { role: 'user', content: 'q' },
        { role: 'tool', call_id: 'c', content: 'dup' },
      ],
      steps: [
        {
          turn_id: 't',
          step_id: 'i',
          step_type: 'inference',
          model_response: answer('', { tool_calls: [call] }),
        },
        {
          turn_id: 't',
          step_id: 'x',
          step_type: 'tool_execution',
          tool_calls: [call],
          tool_responses: [{ call_id: 'c', tool_name: 'x', content: 'result' }],
        },
      ],
      output_message: answer(''),
    };
    expect(historyFromTurns('', [turn])).toEqual([
      { role: 'user', content: 'q' },
      answer('', { tool_calls: [call] }),
      { role: 'tool', call_id: 'c', content: 'result' },
    ]);
  });
});
