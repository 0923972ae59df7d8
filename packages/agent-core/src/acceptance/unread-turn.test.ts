import { CancelledError, type Logger } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { drain, sleep, textReply, toolResponse, user } from '../testing/index.js';
import { getBoilingPoint, startAgent } from './agent-fixture.js';

const pause = (ms: number) => sleep(ms, new AbortController().signal);

function warnings(lines: string[]): Logger {
  const skip = () => {};
  return { debug: skip, info: skip, error: skip, warn: (message) => lines.push(message) };
}

describe('a turn nobody reads does not hold its session forever', () => {
  it('is cancelled after unreadTurnTimeoutMs: stored as cancelled, no model call, the session free again', async () => {
    const logs: string[] = [];
    const { runtime, model, agentId, sessionId } = await startAgent({
      runtime: { unreadTurnTimeoutMs: 40, logger: warnings(logs) },
      script: [textReply('answer of the next turn')],
    });
    const forgotten = await runtime.createTurn(agentId, sessionId, { messages: [user('hello?')] });
    await pause(120);
    expect((await runtime.getTurn(agentId, sessionId, forgotten.turnId)).status).toBe('cancelled');
    expect(model.requests).toHaveLength(0);
    expect(logs).toContain('turn cancelled: nobody read its stream');

    const next = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('again')] }));
    expect(next.turn.output_message.content).toBe('answer of the next turn');
    // Reading it late says what happened instead of hanging or claiming it is being read.
    expect(() => forgotten[Symbol.asyncIterator]()).toThrow(CancelledError);
    expect(() => forgotten[Symbol.asyncIterator]()).toThrow(/nobody read its stream within 40 ms/);
  });

  it('a turn read in time runs to the end, however long it takes after the first read', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      runtime: { unreadTurnTimeoutMs: 40 },
      script: [textReply(['slow ', 'but ', 'read'], { delayMs: 30 })],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    await pause(10);
    const { turn } = await drain(run);
    expect(turn.status).toBe('completed');
    expect(turn.output_message.content).toBe('slow but read');
  });

  it('a resumed turn nobody reads is cancelled too', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      runtime: { unreadTurnTimeoutMs: 40 },
      config: { client_tools: [getBoilingPoint] },
      script: [{ toolCalls: [{ tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' } }] }],
    });
    const paused = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('polyjuice?')] }));
    await runtime.resumeTurn(agentId, sessionId, paused.turn.turn_id, {
      tool_responses: [toolResponse(paused.calls[0]!, '-100')],
    });
    await pause(120);
    expect((await runtime.getTurn(agentId, sessionId, paused.turn.turn_id)).status).toBe('cancelled');
    await expect(
      runtime.createTurn(agentId, sessionId, { messages: [user('free?')] }).then((run) => run.cancel()),
    ).resolves.toBeUndefined();
  });

  it('0 turns the guard off', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      runtime: { unreadTurnTimeoutMs: 0 },
      script: [textReply('still there')],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    await pause(60);
    expect((await drain(run)).turn.output_message.content).toBe('still there');
  });
});
