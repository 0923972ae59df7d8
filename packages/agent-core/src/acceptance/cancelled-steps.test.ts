import type { Step, TurnEventPayload, TurnStreamChunk } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import type { TurnRun } from '../turn/turn-run.js';
import { ScriptedToolProvider, sleep, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

/** Reads the whole stream, aborting shortly after the first payload `when` matches. */
async function readAndAbortWhen(
  run: TurnRun & AsyncIterable<TurnStreamChunk>,
  controller: AbortController,
  when: (payload: TurnEventPayload) => boolean,
): Promise<TurnEventPayload[]> {
  const payloads: TurnEventPayload[] = [];
  let aborting = false;
  for await (const { event } of run) {
    payloads.push(event.payload);
    if (!aborting && when(event.payload)) {
      aborting = true;
      setTimeout(() => controller.abort(new Error('client went away')), 20);
    }
  }
  return payloads;
}

/** Every step_start is followed by its step_complete; returns the completed steps in wire order. */
function completedSteps(payloads: readonly TurnEventPayload[]): Step[] {
  const started = payloads.flatMap((p) => (p.event_type === 'step_start' ? [p.step_id] : []));
  const completed = payloads.flatMap((p) => (p.event_type === 'step_complete' ? [p.step_details] : []));
  expect(completed.map((s) => s.step_id).sort()).toEqual([...started].sort());
  for (const step of completed) {
    expect(step.completed_at).toBeDefined();
    expect(step.started_at! <= step.completed_at!).toBe(true);
  }
  return completed;
}

async function startCancellable(setup: Parameters<typeof startAgent>[0]) {
  const agent = await startAgent(setup);
  const controller = new AbortController();
  const run = await agent.runtime.createTurn(
    agent.agentId,
    agent.sessionId,
    { messages: [user('hi')] },
    { signal: controller.signal },
  );
  const storedTurn = () => agent.runtime.getTurn(agent.agentId, agent.sessionId, run.turnId);
  return { ...agent, controller, run, storedTurn };
}

describe('a cancelled turn completes the steps it started', () => {
  it('mid-answer: the inference step completes with the text streamed so far, before turn_complete', async () => {
    const { run, controller, storedTurn } = await startCancellable({
      script: [textReply(['Polyjuice ', 'boils'], { hang: true })],
    });
    const payloads = await readAndAbortWhen(run, controller, (p) => p.event_type === 'step_progress');
    expect(payloads.slice(-2).map((p) => p.event_type)).toEqual(['step_complete', 'turn_complete']);
    const [step] = completedSteps(payloads);
    expect(step).toMatchObject({
      step_type: 'inference',
      model_response: {
        role: 'assistant',
        content: 'Polyjuice boils',
        stop_reason: 'out_of_tokens',
        tool_calls: [],
      },
    });
    const stored = await storedTurn();
    expect(stored.status).toBe('cancelled');
    expect(stored.steps).toEqual([step]);
    const last = payloads.at(-1);
    expect(last?.event_type === 'turn_complete' && last.turn.steps).toEqual([step]);
  });

  it('mid-tool: the tool step completes with its call and no response; later calls never started', async () => {
    const tools = new ScriptedToolProvider([
      {
        name: 'slow',
        toolgroup_id: 'mytools',
        run: async (_args, { signal }) => sleep(60_000, signal).then(() => 'x'),
      },
    ]);
    const { run, controller, storedTurn } = await startCancellable({
      tools: [tools],
      config: { toolgroups: ['mytools'] },
      script: [
        {
          toolCalls: [
            { tool_name: 'slow', arguments: { n: 1 }, call_id: 'first' },
            { tool_name: 'slow', arguments: { n: 2 }, call_id: 'second' },
          ],
        },
      ],
    });
    const payloads = await readAndAbortWhen(
      run,
      controller,
      (p) => p.event_type === 'step_start' && p.step_type === 'tool_execution',
    );
    const steps = completedSteps(payloads);
    expect(steps).toMatchObject([
      { step_type: 'inference' },
      { step_type: 'tool_execution', tool_calls: [{ call_id: 'first' }], tool_responses: [] },
    ]);
    expect((await storedTurn()).steps).toEqual(steps);
  });

  it('mid-shield: the shield step completes without a verdict', async () => {
    const { run, controller, storedTurn } = await startCancellable({
      config: { input_shields: ['llama-guard'] },
      shields: { hang: true },
      script: [textReply('never')],
    });
    const payloads = await readAndAbortWhen(run, controller, (p) => p.event_type === 'step_start');
    const steps = completedSteps(payloads);
    expect(steps).toMatchObject([{ step_type: 'shield_call', violation: null }]);
    expect((await storedTurn()).steps).toEqual(steps);
  });

  it('an answer held for the output shields (policy buffer) never leaves, not even in its step_complete', async () => {
    const { run, controller, storedTurn } = await startCancellable({
      config: { output_shields: ['llama-guard'], output_shield_policy: 'buffer' },
      shields: { hang: true },
      script: [textReply('an answer nobody checked')],
    });
    const payloads = await readAndAbortWhen(run, controller, (p) => p.event_type === 'step_start');
    expect(JSON.stringify(payloads)).not.toContain('nobody checked');
    const steps = completedSteps(payloads);
    expect(steps).toMatchObject([{ step_type: 'inference', model_response: { content: '' } }]);
    const stored = await storedTurn();
    expect(JSON.stringify(stored)).not.toContain('nobody checked');
    expect(stored.steps).toEqual(steps);
  });
});
