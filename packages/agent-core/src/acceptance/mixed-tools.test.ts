import { describe, expect, it } from 'vitest';
import { drainTurn } from '../drain-turn.js';
import {
  ScriptedToolProvider,
  collapsedOrder,
  drain,
  textReply,
  toolResponse,
  user,
} from '../testing/index.js';
import { getBoilingPoint, startAgent } from './agent-fixture.js';

describe('server and client tools in one message', () => {
  it('runs the server tool first, then pauses for the client tool only; the model sees both results', async () => {
    const tools = new ScriptedToolProvider([
      { name: 'lookup', toolgroup_id: 'mytools', run: () => 'polyjuice is a potion' },
    ]);
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['mytools'], client_tools: [getBoilingPoint] },
      script: [
        {
          toolCalls: [
            { tool_name: 'lookup', arguments: { q: 'polyjuice' }, call_id: 'server-1' },
            { tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' }, call_id: 'client-1' },
          ],
        },
        textReply('A potion boiling at -100°C.'),
      ],
    });
    const first = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('polyjuice?')] }));
    expect(collapsedOrder(first.order)).toEqual([
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:tool_execution',
      'step_progress:tool_execution',
      'step_complete:tool_execution',
      'turn_awaiting_input',
    ]);
    expect(first.calls.map((c) => c.call_id)).toEqual(['client-1']);
    const done = await drainTurn(
      await runtime.resumeTurn(agentId, sessionId, first.turn.turn_id, {
        tool_responses: [toolResponse(first.calls[0]!, '-100')],
      }),
    );
    expect(done.steps.map((s) => s.step_type)).toEqual([
      'inference',
      'tool_execution',
      'tool_execution',
      'inference',
    ]);
    expect(model.requests[1]?.messages.slice(-3)).toMatchObject([
      { role: 'assistant', tool_calls: [{ call_id: 'server-1' }, { call_id: 'client-1' }] },
      { role: 'tool', call_id: 'server-1', content: 'polyjuice is a potion' },
      { role: 'tool', call_id: 'client-1', content: '-100' },
    ]);
  });
});

describe('many sessions at once', () => {
  it('keeps 30 concurrent sessions apart', async () => {
    const { runtime, model, agentId } = await startAgent({
      fallback: (request) => textReply(`echo: ${String(request.messages.at(-1)?.content)}`, { delayMs: 2 }),
    });
    const sessions = await Promise.all(
      Array.from({ length: 30 }, (_, i) => runtime.createSession(agentId, `s${i}`)),
    );
    const turns = await Promise.all(
      sessions.map(async ({ session_id }, i) =>
        drainTurn(await runtime.createTurn(agentId, session_id, { messages: [user(`message ${i}`)] })),
      ),
    );
    turns.forEach((turn, i) => {
      expect(turn.output_message.content).toBe(`echo: message ${i}`);
      expect(turn.session_id).toBe(sessions[i]!.session_id);
    });
    expect(model.requests).toHaveLength(30);
  });
});
