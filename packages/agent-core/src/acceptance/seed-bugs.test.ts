/**
 * One test per bug of the seed agent (seed-spec.md §3.13) that applies to agent-core; each fails on the
 * seed's behaviour. Not applicable here:
 * - B15 (tool API keys from env) and B16 (needs env USER): tool configuration lives in tools-builtin.
 * - B23 (attachment notices): agent-core inserts no notices; documents are inlined as text and http(s)
 *   URLs are fetched (documents.test.ts covers the fetch and the private-address check).
 * - B25's SSE framing is the server's; here: the non-streaming turn is the drained stream and an error
 *   carries its own message.
 */
import {
  type InferenceProvider,
  type Logger,
  ModelNotFoundError,
  type ShieldProvider,
} from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { AgentRuntime } from '../agent-runtime.js';
import { drainTurn } from '../drain-turn.js';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import {
  ScriptedInferenceProvider,
  ScriptedToolProvider,
  collapsedOrder,
  drain,
  textReply,
  user,
} from '../testing/index.js';
import { getBoilingPoint, startAgent } from './agent-fixture.js';

const echoTools = () =>
  new ScriptedToolProvider([
    { name: 'echo', toolgroup_id: 'mytools', run: (args) => JSON.stringify(args) },
    {
      name: 'web_search',
      toolgroup_id: 'builtin::websearch',
      builtin_name: 'brave_search',
      run: () => 'results',
    },
  ]);

describe('seed bugs (seed-spec.md §3.13), each pinned', () => {
  it('B1: agents, sessions and turns persist beyond one runtime, can be deleted, and turns are serialised per session', async () => {
    const store = new MemoryAgentStore();
    const first = await startAgent({
      store,
      config: { enable_session_persistence: true },
      script: [textReply('a', { delayMs: 30 })],
    });
    const run = await first.runtime.createTurn(first.agentId, first.sessionId, { messages: [user('hi')] });
    await expect(
      first.runtime.createTurn(first.agentId, first.sessionId, { messages: [user('again')] }),
    ).rejects.toMatchObject({
      status: 409,
    });
    const turn = await drainTurn(run);
    const other = new AgentRuntime({ inference: new ScriptedInferenceProvider(), store });
    expect((await other.getSession(first.agentId, first.sessionId)).turns).toEqual([turn]);
    await other.deleteAgent(first.agentId);
    await expect(first.runtime.getAgent(first.agentId)).rejects.toMatchObject({ status: 404 });
  });

  it('B2: the provider stop reason is kept: end_of_message continues, out_of_tokens ends, none means out_of_tokens', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      script: [
        textReply('Part one, ', { stopReason: 'end_of_message' }),
        textReply('part two.', { stopReason: 'end_of_turn' }),
        textReply('cut o', { stopReason: 'out_of_tokens' }),
        textReply('no reason', { stopReason: null }),
      ],
    });
    const continued = await drainTurn(
      await runtime.createTurn(agentId, sessionId, { messages: [user('1')] }),
    );
    expect(model.requests).toHaveLength(2);
    expect(model.requests[1]?.messages.at(-1)).toEqual({
      role: 'assistant',
      content: 'Part one, ',
      stop_reason: 'end_of_message',
      tool_calls: [],
    });
    expect(continued.output_message).toMatchObject({ content: 'part two.', stop_reason: 'end_of_turn' });
    const truncated = await drainTurn(
      await runtime.createTurn(agentId, sessionId, { messages: [user('2')] }),
    );
    expect(truncated.output_message.stop_reason).toBe('out_of_tokens');
    expect(model.requests).toHaveLength(3);
    const silent = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('3')] }));
    expect(silent.output_message.stop_reason).toBe('out_of_tokens');
  });

  it('B2: a tool-call message is recorded with end_of_message, as the provider said', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      config: { toolgroups: ['mytools'] },
      script: [{ toolCalls: [{ tool_name: 'echo', arguments: { a: 1 } }] }, textReply('done')],
    });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    const first = turn.steps[0];
    expect(first?.step_type === 'inference' && first.model_response.stop_reason).toBe('end_of_message');
  });

  it('B3: no made-up shield step after a tool runs when there are no tool shields', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      config: { toolgroups: ['mytools'] },
      script: [{ toolCalls: [{ tool_name: 'echo', arguments: {} }] }, textReply('done')],
    });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(result.turn.steps.map((s) => s.step_type)).toEqual(['inference', 'tool_execution', 'inference']);
    expect(result.order.filter((e) => e.includes('shield_call'))).toEqual([]);
  });

  it('B4: a shield step reports the real outcome, warnings included', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'] },
      shields: {
        unsafe: () => ({
          violation_level: 'warn',
          user_message: 'borderline',
          metadata: { violation_type: 'S6' },
        }),
      },
      script: [textReply('ok')],
    });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(turn.steps[0]).toMatchObject({
      step_type: 'shield_call',
      violation: { violation_level: 'warn', metadata: { violation_type: 'S6' } },
    });
  });

  it('B5: a model stream with no answer at all ends the turn cleanly instead of crashing', async () => {
    const scripted = new ScriptedInferenceProvider();
    const empty: InferenceProvider = {
      id: 'empty',
      listModels: () => scripted.listModels(),
      chatCompletion: async function* () {},
    };
    const runtime = new AgentRuntime({ inference: empty, store: new MemoryAgentStore() });
    const { agent_id } = await runtime.createAgent({ model: 'scripted-model', instructions: '' });
    const { session_id } = await runtime.createSession(agent_id, 's');
    const turn = await drainTurn(await runtime.createTurn(agent_id, session_id, { messages: [user('x')] }));
    expect(turn.output_message).toEqual({
      role: 'assistant',
      content: '',
      stop_reason: 'out_of_tokens',
      tool_calls: [],
    });
  });

  it('B6: a tool output shield refusal ends the turn explicitly; output shields do not re-judge the refusal', async () => {
    const { runtime, safety, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      shields: { shields: ['guard'], unsafe: (text) => text === 'results' },
      config: {
        toolgroups: ['builtin::websearch'],
        tool_output_shields: ['guard'],
        output_shields: ['guard'],
      },
      script: [{ toolCalls: [{ tool_name: 'brave_search', arguments: { query: 'q' } }] }],
    });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(result.turn.steps.map((s) => s.step_type)).toEqual(['inference', 'tool_execution', 'shield_call']);
    expect(result.turn.status).toBe('completed');
    expect(result.last.event_type).toBe('turn_complete');
    expect(safety.requests).toHaveLength(1);
  });

  it('B7: the tool_execution progress event carries the tool call', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      config: { toolgroups: ['mytools'] },
      script: [{ toolCalls: [{ tool_name: 'echo', arguments: { x: 1 }, call_id: 'e1' }] }, textReply('done')],
    });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    const progress = result.payloads.find(
      (p) => p.event_type === 'step_progress' && p.step_type === 'tool_execution',
    );
    expect(progress).toMatchObject({
      delta: {
        type: 'tool_call',
        parse_status: 'in_progress',
        tool_call: { call_id: 'e1', tool_name: 'echo' },
      },
    });
  });

  it('B8: step_complete carries the step id of its step_start', async () => {
    const { runtime, agentId, sessionId } = await startAgent({ script: [textReply('x')] });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    const start = result.payloads[0];
    const complete = result.payloads.find((p) => p.event_type === 'step_complete');
    expect(start?.event_type === 'step_start' && start.step_id).toBe(
      complete?.event_type === 'step_complete' && complete.step_id,
    );
  });

  it('B9: a shield that rewrites the messages it gets does not change the history', async () => {
    const mutating: ShieldProvider = {
      id: 'mutating',
      listShields: async () => [{ identifier: 'llama-guard', provider_id: 'mutating', type: 'shield' }],
      runShield: async (request) => {
        const first = request.messages[0] as { role: string };
        first.role = 'user';
        return { violation: null };
      },
    };
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'] },
      runtime: { safety: mutating },
      script: [textReply('ok')],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(model.requests[0]?.messages[0]?.role).toBe('system');
  });

  it("B10: tool output shields judge the tool's output, not its input", async () => {
    const { runtime, safety, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      shields: { shields: ['guard'] },
      config: { toolgroups: ['mytools'], tool_output_shields: ['guard'] },
      script: [
        { toolCalls: [{ tool_name: 'echo', arguments: { said: 'hello' }, call_id: 'e' }] },
        textReply('done'),
      ],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(safety.requests[0]?.messages.at(-1)).toEqual({
      role: 'tool',
      call_id: 'e',
      content: '{"said":"hello"}',
    });
  });

  it('B11: a warning is logged with the shield id', async () => {
    const logs: Array<{ message: string; fields?: Record<string, unknown> }> = [];
    const logger: Logger = {
      debug: () => {},
      info: () => {},
      warn: (message, fields) => logs.push({ message, ...(fields ? { fields } : {}) }),
      error: () => {},
    };
    const { runtime, agentId, sessionId } = await startAgent({
      config: { input_shields: ['llama-guard'] },
      shields: { unsafe: () => ({ violation_level: 'warn', metadata: {} }) },
      runtime: { logger },
      script: [textReply('ok')],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(logs).toContainEqual({
      message: 'shield raised a warning',
      fields: { shield_id: 'llama-guard', touchpoint: 'user-input', level: 'warn' },
    });
  });

  it('B12: a builtin tool that is not enabled becomes an error response, not an aborted turn', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      script: [
        { toolCalls: [{ tool_name: 'code_interpreter', arguments: { code: 'print(1)' }, call_id: 'ci' }] },
        textReply('I cannot run code.'),
      ],
    });
    const turn = await drainTurn(
      await runtime.createTurn(agentId, sessionId, { messages: [user('run code')] }),
    );
    expect(turn.status).toBe('completed');
    expect(String(model.requests[1]?.messages.at(-1)?.content)).toContain('Unknown tool `code_interpreter`');
  });

  it('B13: a blocked answer is neither streamed (buffer policy) nor in the next history', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { output_shields: ['llama-guard'] },
      shields: { unsafe: (text) => text.includes('unsafe') },
      script: [textReply('unsafe text'), textReply('fine')],
    });
    const blocked = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('1')] }));
    expect(blocked.streamedText).toBe('');
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('2')] }));
    expect(JSON.stringify(model.requests[1]?.messages)).not.toContain('unsafe text');
  });

  it('B14: instructions become the system message and every sampling parameter reaches the model', async () => {
    const sampling = {
      strategy: { type: 'top_k' as const, top_k: 7 },
      max_tokens: 128,
      repetition_penalty: 1.3,
      stop: ['<end>'],
    };
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: {
        instructions: 'Answer in French.',
        sampling_params: sampling,
        response_format: { type: 'json_schema', json_schema: { type: 'object' } },
      },
      script: [textReply('{}')],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(model.requests[0]?.messages[0]).toEqual({ role: 'system', content: 'Answer in French.' });
    expect(model.requests[0]?.sampling_params).toEqual(sampling);
    expect(model.requests[0]?.response_format).toEqual({
      type: 'json_schema',
      json_schema: { type: 'object' },
    });
  });

  it('B17: every tool call of a message runs, not only the first', async () => {
    const tools = echoTools();
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['mytools'] },
      script: [
        {
          toolCalls: [
            { tool_name: 'echo', arguments: { n: 1 } },
            { tool_name: 'echo', arguments: { n: 2 } },
          ],
        },
        textReply('done'),
      ],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(tools.invocations.map((i) => i.arguments)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('B18: max_infer_iters is configurable; the capped answer is end_of_turn without unexecuted calls', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      config: { toolgroups: ['mytools'], max_infer_iters: 1 },
      script: [{ toolCalls: [{ tool_name: 'echo', arguments: {} }] }],
    });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(model.requests).toHaveLength(1);
    expect(turn.output_message).toMatchObject({ stop_reason: 'end_of_turn', tool_calls: [] });
  });

  it("B19: files a tool made travel as attachments, not as server paths in the answer's content", async () => {
    const tools = new ScriptedToolProvider([
      {
        name: 'plot',
        toolgroup_id: 'mytools',
        run: () => ({
          content: 'done',
          attachments: [{ content: { uri: 'data:image/png;base64,AAAA' }, mime_type: 'image/png' }],
        }),
      },
    ]);
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['mytools'] },
      script: [{ toolCalls: [{ tool_name: 'plot', arguments: {} }] }, textReply('Here it is.')],
    });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(turn.output_message.content).toBe('Here it is.');
    expect(turn.output_attachments).toEqual([
      { content: { uri: 'data:image/png;base64,AAAA' }, mime_type: 'image/png' },
    ]);
  });

  it('B20: when a tool call parsed, the call text streamed as text is not kept as content', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      config: { client_tools: [getBoilingPoint] },
      script: [
        {
          text: '<function=get_boiling_point>{"liquid_name": "polyjuice"}</function>',
          toolCalls: [{ tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' } }],
        },
      ],
    });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    const step = turn.steps[0];
    expect(step?.step_type === 'inference' && step.model_response.content).toBe('');
    expect(turn.output_message.content).toBe('');
  });

  it('B21: tools go to inference as definitions; the agent writes no tool prompt of its own', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      config: { client_tools: [getBoilingPoint] },
      script: [textReply('ok')],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(model.requests[0]?.messages[0]).toEqual({
      role: 'system',
      content: 'You are a helpful assistant',
    });
    expect(model.requests[0]?.tools.map((t) => t.tool_name)).toEqual(['get_boiling_point']);
  });

  it('B22: tool-call arguments keep their JSON types', async () => {
    const tools = echoTools();
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['mytools'] },
      script: [
        { toolCalls: [{ tool_name: 'echo', arguments: { n: 3, flag: true, list: [1, 'a'], none: null } }] },
        textReply('ok'),
      ],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(tools.invocations[0]?.arguments).toEqual({ n: 3, flag: true, list: [1, 'a'], none: null });
  });

  it('B24: turns and steps can be read back; sessions and agents deleted', async () => {
    const { runtime, agentId, sessionId } = await startAgent({ script: [textReply('x')] });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    expect(await runtime.getTurn(agentId, sessionId, turn.turn_id)).toEqual(turn);
    expect(await runtime.getStep(agentId, sessionId, turn.turn_id, turn.steps[0]!.step_id)).toEqual(
      turn.steps[0],
    );
    await runtime.deleteSession(agentId, sessionId);
    await expect(runtime.getTurn(agentId, sessionId, turn.turn_id)).rejects.toMatchObject({ status: 404 });
  });

  it('B25: a model error fails the turn with its own message (stored as failed), not a generic 500 text', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      script: [
        textReply('partial', {
          error: new Error('model server returned 500: out of memory'),
          errorAfterText: true,
        }),
      ],
    });
    const run = await runtime.createTurn(agentId, sessionId, { messages: [user('x')] });
    await expect(drainTurn(run)).rejects.toThrow('out of memory');
    expect((await runtime.getTurn(agentId, sessionId, run.turnId)).status).toBe('failed');
    // The lease was released: the session takes another turn.
    await expect(runtime.createTurn(agentId, sessionId, { messages: [user('y')] })).resolves.toBeDefined();
  });

  it('B26: logs carry no dialog text', async () => {
    const lines: string[] = [];
    const record = (message: string, fields?: Record<string, unknown>) =>
      lines.push(message + JSON.stringify(fields ?? {}));
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      config: { toolgroups: ['mytools'], max_infer_iters: 2, input_shields: ['llama-guard'] },
      shields: { unsafe: () => ({ violation_level: 'warn', metadata: {} }) },
      runtime: { logger },
      script: [
        { toolCalls: [{ tool_name: 'nope', arguments: { secret: 'SECRET-ARG' } }] },
        { toolCalls: [{ tool_name: 'echo', arguments: {} }] },
      ],
    });
    await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('my SECRET-PROMPT')] }));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toMatch(/SECRET-(PROMPT|ARG)|helpful assistant/);
  });

  it('B27: tool steps have started_at and completed_at', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      config: { toolgroups: ['mytools'] },
      script: [{ toolCalls: [{ tool_name: 'echo', arguments: {} }] }, textReply('ok')],
    });
    const turn = await drainTurn(await runtime.createTurn(agentId, sessionId, { messages: [user('x')] }));
    for (const step of turn.steps) {
      expect(step.started_at).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(step.completed_at! > step.started_at!).toBe(true);
    }
  });

  it('B28: an agent on a model the provider does not serve is refused at creation', async () => {
    const { runtime } = await startAgent();
    await expect(runtime.createAgent({ model: 'Llama-9-1T', instructions: '' })).rejects.toBeInstanceOf(
      ModelNotFoundError,
    );
  });

  it('event order of a builtin tool call matches Llama Stack (seed §3.11 B with B3/B7 fixed)', async () => {
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [echoTools()],
      config: { toolgroups: ['builtin::websearch'] },
      script: [
        { toolCalls: [{ tool_name: 'brave_search', arguments: { query: 'current US President' } }] },
        textReply('answer'),
      ],
    });
    const result = await drain(runtime.createTurn(agentId, sessionId, { messages: [user('who?')] }));
    expect(collapsedOrder(result.order)).toEqual([
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'step_start:tool_execution',
      'step_progress:tool_execution',
      'step_complete:tool_execution',
      'step_start:inference',
      'step_progress:inference',
      'step_complete:inference',
      'turn_complete',
    ]);
  });
});
