import { describe, expect, it } from 'vitest';
import { AgentRuntime } from '../agent-runtime.js';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { ScriptedInferenceProvider, drain, toolCallReply, toolResponse, user } from '../testing/index.js';
import { getBoilingPoint } from './agent-fixture.js';

describe('resume after a restart', () => {
  it('a new runtime over the same store resumes the paused turn, keeping its inference count', async () => {
    const store = new MemoryAgentStore();
    const before = new AgentRuntime({
      inference: new ScriptedInferenceProvider({
        script: [toolCallReply('get_boiling_point', { liquid_name: 'polyjuice' })],
      }),
      store,
    });
    const { agent_id } = await before.createAgent({
      model: 'scripted-model',
      instructions: 'You are a helpful assistant',
      client_tools: [getBoilingPoint],
      enable_session_persistence: true,
      max_infer_iters: 2,
    });
    const { session_id } = await before.createSession(agent_id, 'persistent');
    const paused = await drain(
      before.createTurn(agent_id, session_id, {
        messages: [user('Boiling point of polyjuice?')],
        tool_config: { tool_choice: 'required' },
      }),
    );
    expect(paused.turn.status).toBe('awaiting_input');

    // "Restart": nothing shared with the old runtime but the store.
    const model = new ScriptedInferenceProvider({
      script: [toolCallReply('get_boiling_point', { liquid_name: 'x' })],
    });
    const after = new AgentRuntime({ inference: model, store });
    const resumed = await drain(
      after.resumeTurn(agent_id, session_id, paused.turn.turn_id, {
        tool_responses: [toolResponse(paused.calls[0]!, '-100')],
      }),
    );
    expect(resumed.turn.turn_id).toBe(paused.turn.turn_id);
    // max_infer_iters 2 spans the restart: the second model call is the last even though it asks for a tool.
    expect(resumed.turn.status).toBe('completed');
    expect(model.requests).toHaveLength(1);
    // The turn's own tool_config survived the restart.
    expect(model.requests[0]?.tool_config?.tool_choice).toBe('required');
    expect(model.requests[0]?.messages.slice(1)).toEqual([
      { role: 'user', content: 'Boiling point of polyjuice?' },
      { role: 'assistant', content: '', stop_reason: 'end_of_message', tool_calls: [paused.calls[0]] },
      { role: 'tool', call_id: paused.calls[0]!.call_id, content: '-100' },
    ]);
    // The resume's first event completes the step the paused turn announced.
    expect(resumed.payloads[0]).toMatchObject({ event_type: 'step_complete', step_type: 'tool_execution' });
  });
});
