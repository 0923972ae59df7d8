import { type Message, contentToText } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { BLOCKED_ANSWER } from '../turn/turn-loop.js';
import { LLAMA_GUARD_REFUSAL, collapsedOrder, drain, textReply, user } from '../testing/index.js';
import { startAgent } from './agent-fixture.js';

const isBomb = (text: string) => /bomb/i.test(text);

describe('test_agent_simple with shields (§6.2 #1): unsafe input is refused', () => {
  it('answers the safe turn, refuses the unsafe one without any inference, and keeps the refusal in history', async () => {
    const { runtime, model, safety, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'], output_shields: ['llama-guard'] },
      shields: { unsafe: isBomb },
      script: [textReply('Hello! Here is a sentence with hello in it.'), textReply('Next answer')],
    });
    const safe = await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('Give me a sentence that contains the word: hello')],
      }),
    );
    expect(collapsedOrder(safe.order)).toEqual([
      'step_start:shield_call',
      'step_complete:shield_call',
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_complete',
    ]);
    expect(safe.payloads[0]).toMatchObject({
      event_type: 'step_start',
      metadata: { touchpoint: 'user-input' },
    });
    expect(
      safe.payloads.find((p, i) => i > 1 && p.event_type === 'step_start' && p.step_type === 'shield_call'),
    ).toMatchObject({
      metadata: { touchpoint: 'assistant-output' },
    });
    expect(safe.streamedText).toContain('hello');

    const unsafe = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('Tell me how to make a bomb')] }),
    );
    expect(unsafe.order).toEqual(['step_start:shield_call', 'step_complete:shield_call', 'turn_complete']);
    expect(unsafe.turn.output_message).toEqual({
      role: 'assistant',
      content: LLAMA_GUARD_REFUSAL,
      stop_reason: 'end_of_turn',
      tool_calls: [],
    });
    expect(contentToText(unsafe.turn.output_message.content)).toContain("I can't");
    const shieldStep = unsafe.turn.steps[0];
    expect(shieldStep?.step_type === 'shield_call' && shieldStep.violation?.violation_level).toBe('error');
    expect(model.requests).toHaveLength(1);
    // The input shield saw the whole history, not only the new message.
    expect(safety.requests[2]?.messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'user']);

    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('ok, something else')] }));
    expect(model.requests[1]?.messages.slice(-3)).toEqual([
      { role: 'user', content: 'Tell me how to make a bomb' },
      { role: 'assistant', content: LLAMA_GUARD_REFUSAL, stop_reason: 'end_of_turn', tool_calls: [] },
      { role: 'user', content: 'ok, something else' },
    ]);
  });

  it('runs the input shields in parallel', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      shields: { shields: ['a', 'b', 'c'], delayMs: 150 },
      config: { input_shields: ['a', 'b', 'c'] },
      script: [textReply('ok')],
    });
    const started = performance.now();
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hi')] }));
    expect(performance.now() - started).toBeLessThan(400);
  });

  it('records a warning in the shield step and carries on', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'] },
      shields: { unsafe: () => ({ violation_level: 'warn', user_message: 'careful', metadata: {} }) },
      script: [textReply('fine')],
    });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hi')] }));
    const step = result.turn.steps[0];
    expect(step?.step_type === 'shield_call' && step.violation?.violation_level).toBe('warn');
    expect(result.turn.output_message.content).toBe('fine');
    expect(model.requests).toHaveLength(1);
  });

  it('fails the turn (never answers) when a shield cannot decide', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'] },
      shields: { error: new Error('guard model unavailable') },
      script: [textReply('should not be produced')],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('hi')] });
    await expect(drain(run)).rejects.toThrow('guard model unavailable');
    expect(model.requests).toHaveLength(0);
    expect((await runtime.getTurn(agentId, sessionId, run.turnId)).status).toBe('failed');
  });
});

describe('output shields', () => {
  const unsafeAnswer = 'Step 1: acquire the bomb parts';

  it('buffer (default): a blocked answer never leaves as deltas, is redacted in the stored step and left out of later history', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { output_shields: ['llama-guard'] },
      shields: { unsafe: isBomb },
      script: [textReply(['Step 1: ', 'acquire the bomb parts']), textReply('Sure, something else.')],
    });
    const blocked = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('How do I do it?')] }),
    );
    expect(blocked.streamedText).toBe('');
    expect(JSON.stringify(blocked.payloads)).not.toContain('bomb');
    expect(blocked.order).toEqual([
      'step_start:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_complete',
    ]);
    expect(blocked.turn.output_message.content).toBe(LLAMA_GUARD_REFUSAL);
    const inference = blocked.turn.steps[0];
    expect(inference?.step_type === 'inference' && inference.model_response.content).toBe(BLOCKED_ANSWER);
    const stored = await runtime.getTurn(agentId, sessionId, blocked.turn.turn_id);
    expect(JSON.stringify(stored)).not.toContain('bomb');

    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('Something else then')] }));
    const history = model.requests[1]!.messages;
    expect(JSON.stringify(history)).not.toContain(unsafeAnswer);
    expect(JSON.stringify(history)).not.toContain(BLOCKED_ANSWER);
    expect(history.slice(-3)).toEqual([
      { role: 'user', content: 'How do I do it?' },
      { role: 'assistant', content: LLAMA_GUARD_REFUSAL, stop_reason: 'end_of_turn', tool_calls: [] },
      { role: 'user', content: 'Something else then' },
    ]);
  });

  it('buffer: a safe answer is released with every delta once the shields pass, before the shield step', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      config: { output_shields: ['llama-guard'] },
      shields: { unsafe: isBomb },
      script: [textReply(['Paris ', 'is the ', 'capital.'])],
    });
    const result = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('Capital of France?')] }),
    );
    expect(result.order).toEqual([
      'step_start:inference',
      'step_progress:inference',
      'step_progress:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_complete',
    ]);
    expect(result.streamedText).toBe('Paris is the capital.');
    // The output shield saw the conversation plus the answer.
    const steps = result.turn.steps;
    expect(steps[0]!.completed_at! < steps[1]!.started_at!).toBe(true);
  });

  it("stream (Llama Stack's policy): the answer streams at once, then the refusal replaces it; history still leaves it out", async () => {
    const { runtime, model, safety, agentId, sessionId } = await startAgent({
      config: { output_shields: ['llama-guard'], output_shield_policy: 'stream' },
      shields: { unsafe: isBomb },
      script: [textReply(unsafeAnswer), textReply('Sure.')],
    });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('How?')] }));
    expect(collapsedOrder(result.order)).toEqual([
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_complete',
    ]);
    expect(result.streamedText).toBe(unsafeAnswer);
    expect(result.turn.output_message.content).toBe(LLAMA_GUARD_REFUSAL);
    const shieldMessages: Message[] = safety.requests[0]!.messages;
    expect(shieldMessages.at(-1)).toMatchObject({ role: 'assistant', content: unsafeAnswer });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('next')] }));
    expect(JSON.stringify(model.requests[1]!.messages)).not.toContain(unsafeAnswer);
  });

  it('buffer: an answer continued after end_of_message is held and judged as one; blocked, no part of it leaves', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { output_shields: ['llama-guard'] },
      shields: { unsafe: isBomb },
      script: [
        textReply('First the harmless part, ', { stopReason: 'end_of_message' }),
        textReply('then the bomb part.'),
        textReply('Fine.', { stopReason: 'end_of_message' }),
        textReply(' All good.'),
      ],
    });
    const blocked = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('go on')] }));
    expect(blocked.order).toEqual([
      'step_start:inference',
      'step_complete:inference',
      'step_start:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_complete',
    ]);
    expect(JSON.stringify(blocked.payloads)).not.toContain('harmless');
    expect(JSON.stringify(blocked.turn)).not.toContain('harmless');

    const passed = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('again')] }));
    expect(passed.order).toEqual([
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:shield_call',
      'step_complete:shield_call',
      'turn_complete',
    ]);
    expect(passed.streamedText).toBe('Fine. All good.');
    // The blocked turn left nothing of its answer in the history, only the refusal.
    const history = JSON.stringify(model.requests[2]?.messages);
    expect(history).not.toContain('harmless');
    expect(history).not.toContain(BLOCKED_ANSWER);
  });
});
