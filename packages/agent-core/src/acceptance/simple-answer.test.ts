import { describe, expect, it } from 'vitest';
import { collapsedOrder, drain, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

describe('test_agent_simple (llama-stack-api.md §6.2 #1)', () => {
  it('streams the answer as text deltas and completes the turn', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      script: [textReply(['Hello', ' there, ', 'hello world!'])],
    });
    const run = await runtime.createTurn(agentId, sessionId, {
      messages: [user('Give me a sentence that contains the word: hello')],
    });
    const result = await drain(run);
    expect(result.streamedText).toBe('Hello there, hello world!');
    expect(result.turn.output_message).toEqual({
      role: 'assistant',
      content: 'Hello there, hello world!',
      stop_reason: 'end_of_turn',
      tool_calls: [],
    });
    expect(collapsedOrder(result.order)).toEqual([
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'turn_complete',
    ]);
    expect(model.requests[0]?.messages).toEqual([
      { role: 'system', content: 'You are a helpful assistant' },
      { role: 'user', content: 'Give me a sentence that contains the word: hello' },
    ]);
    expect(await runtime.getTurn(agentId, sessionId, run.turnId)).toEqual(result.turn);
  });
});
