import type { StoredTurn } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { MemoryAgentStore } from './memory-agent-store.js';

function completedTurn(turnId: string, startedAt: string): StoredTurn {
  return {
    agent_id: 'agent-1',
    session_id: 'session-1',
    status: 'completed',
    turn: {
      turn_id: turnId,
      session_id: 'session-1',
      input_messages: [{ role: 'user', content: `Question of ${turnId}` }],
      steps: [],
      output_message: { role: 'assistant', content: 'Answer', stop_reason: 'end_of_turn', tool_calls: [] },
      output_attachments: [],
      started_at: startedAt,
      completed_at: startedAt,
      status: 'completed',
    },
  };
}

describe('MemoryAgentStore reads', () => {
  it('hands out read-only records: changing one throws and the store keeps what was saved', async () => {
    const store = new MemoryAgentStore();
    await store.saveTurn(completedTurn('turn-1', '2025-08-01T12:00:00.000Z'));
    const [read] = await store.listTurns('agent-1', 'session-1');
    expect(() => read!.turn.input_messages.push({ role: 'user', content: 'more' })).toThrow(TypeError);
    expect(() => {
      read!.turn.output_message.content = 'changed';
    }).toThrow(TypeError);
    const again = await store.getTurn('agent-1', 'session-1', 'turn-1');
    expect(again?.turn.input_messages).toHaveLength(1);
    expect(again?.turn.output_message.content).toBe('Answer');
  });

  it('saving a turn again replaces the record later reads see, while earlier reads keep theirs', async () => {
    const store = new MemoryAgentStore();
    await store.saveTurn({
      ...completedTurn('turn-1', '2025-08-01T12:00:00.000Z'),
      status: 'awaiting_input',
    });
    const before = await store.getTurn('agent-1', 'session-1', 'turn-1');
    await store.saveTurn(completedTurn('turn-1', '2025-08-01T12:00:00.000Z'));
    expect(before?.status).toBe('awaiting_input');
    expect((await store.getTurn('agent-1', 'session-1', 'turn-1'))?.status).toBe('completed');
  });
});
