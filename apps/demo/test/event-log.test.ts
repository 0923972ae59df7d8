import { describe, expect, it } from 'vitest';
import { palette } from '../src/cli/colors.js';
import { EventLog } from '../src/cli/event-log.js';

function capture() {
  const chunks: string[] = [];
  return { out: { write: (chunk: string) => chunks.push(chunk) }, text: () => chunks.join('') };
}

const stepBase = {
  turn_id: 't',
  started_at: '2025-01-01T00:00:00.000Z',
  completed_at: '2025-01-01T00:00:00.250Z',
};

describe('EventLog', () => {
  it('prints streamed text, tool calls, results and verdicts like the original EventLogger', () => {
    const { out, text } = capture();
    const log = new EventLog(out, palette(false));
    log.user('Search for llamas');
    log.handle({ event_type: 'step_start', step_type: 'inference', step_id: 's1', metadata: {} });
    log.handle({
      event_type: 'step_progress',
      step_type: 'inference',
      step_id: 's1',
      delta: {
        type: 'tool_call',
        tool_call: 'brave_search.call(query="llamas")',
        parse_status: 'in_progress',
      },
    });
    log.handle({
      event_type: 'step_complete',
      step_type: 'inference',
      step_id: 's1',
      step_details: {
        ...stepBase,
        step_id: 's1',
        step_type: 'inference',
        model_response: { role: 'assistant', content: '', stop_reason: 'end_of_message', tool_calls: [] },
      },
    });
    log.handle({
      event_type: 'step_complete',
      step_type: 'tool_execution',
      step_id: 's2',
      step_details: {
        ...stepBase,
        step_id: 's2',
        step_type: 'tool_execution',
        tool_calls: [{ call_id: 'c', tool_name: 'brave_search', arguments: { query: 'llamas' } }],
        tool_responses: [{ call_id: 'c', tool_name: 'brave_search', content: 'Llamas are camelids.' }],
      },
    });
    log.handle({
      event_type: 'step_complete',
      step_type: 'shield_call',
      step_id: 's3',
      step_details: {
        ...stepBase,
        step_id: 's3',
        step_type: 'shield_call',
        violation: {
          violation_level: 'error',
          user_message: "I can't answer that.",
          metadata: { violation_type: 'S9' },
        },
      },
    });
    expect(text()).toBe(
      [
        'User> Search for llamas',
        'inference> brave_search.call(query="llamas") (0.25 s)',
        'tool_execution> Tool:brave_search Args:{"query":"llamas"}',
        'tool_execution> Tool:brave_search Response:Llamas are camelids. (0.25 s)',
        "shield_call> S9 I can't answer that. (0.25 s)",
        '',
      ].join('\n'),
    );
  });

  it('colours by role when asked', () => {
    const { out, text } = capture();
    new EventLog(out, palette(true)).user('hi');
    expect(text()).toContain('\u001b[36mUser>\u001b[39m hi');
  });
});
