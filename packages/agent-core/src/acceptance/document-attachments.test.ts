import type { TurnDocument } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { ScriptedToolProvider, drain, textReply, toolResponse, user } from '../testing/index.js';
import { getBoilingPoint, startAgent } from './agent-fixture.js';

const CSV = 'year,inflation\n2022,8.0\n2023,4.1\n';
const documents: TurnDocument[] = [
  { content: CSV, mime_type: 'text/csv' },
  {
    content: { uri: `data:text/plain;base64,${Buffer.from('just notes').toString('base64')}` },
    mime_type: 'text/plain',
  },
];
/** The notice for files named `names`, one line each. */
function notice(names: readonly string[]): string {
  return names.map((name) => `# There is a file accessible to you at "/work/${name}"\n`).join('');
}

/** A stand-in for tools-builtin's code interpreter: same toolgroup and builtin name. */
function codeInterpreter() {
  return new ScriptedToolProvider([
    {
      name: 'code_interpreter',
      builtin_name: 'code_interpreter',
      toolgroup_id: 'builtin::code_interpreter',
      run: (_args, { invocation }) =>
        `completed\n[stdout]${invocation.attachments?.length ?? 0} files[/stdout]`,
    },
    { name: 'lookup', toolgroup_id: 'mytools', run: () => 'looked up' },
  ]);
}

const runCode = { toolCalls: [{ tool_name: 'code_interpreter', arguments: { code: 'print(1)' } }] };

describe('documents reach the code interpreter as files', () => {
  it('passes the documents as attachments on every tool call and tells the model where they are', async () => {
    const tools = codeInterpreter();
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['builtin::code_interpreter', 'mytools'] },
      script: [
        {
          toolCalls: [
            { tool_name: 'code_interpreter', arguments: { code: 'import pandas' } },
            { tool_name: 'lookup', arguments: {} },
          ],
        },
        runCode,
        textReply('Average inflation was 6.05%.'),
      ],
    });
    const { turn } = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('Plot the inflation')], documents }),
    );
    expect(turn.status).toBe('completed');
    const attachments = tools.invocations[0]!.attachments!;
    expect(attachments).toEqual([
      { content: CSV, mime_type: 'text/csv', filename: expect.stringMatching(/^turn-[0-9a-f]{8}-1\.csv$/) },
      {
        content: 'just notes',
        mime_type: 'text/plain',
        filename: expect.stringMatching(/^turn-[0-9a-f]{8}-2\.txt$/),
      },
    ]);
    expect(tools.invocations.map((i) => i.attachments)).toEqual([attachments, attachments, attachments]);

    // The documents are still inlined into the user message; the notice follows it, as Llama Stack sent it.
    const prompt = model.requests[0]!.messages;
    expect(prompt.slice(-2)).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Plot the inflation' },
          { type: 'text', text: CSV },
          { type: 'text', text: 'just notes' },
        ],
      },
      { role: 'tool', call_id: '', content: notice(attachments.map((a) => a.filename!)) },
    ]);
    expect(model.requests[2]!.messages.filter((m) => m.role === 'tool' && m.call_id === '')).toHaveLength(1);
    // The notice is the model's context, not the user's input.
    expect(JSON.stringify(turn.input_messages)).not.toContain('accessible to you');
  });

  it('an agent without the code interpreter gets neither attachments nor notice', async () => {
    const tools = codeInterpreter();
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['mytools'] },
      script: [{ toolCalls: [{ tool_name: 'lookup', arguments: {} }] }, textReply('done')],
    });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hi')], documents }));
    expect(tools.invocations[0]).not.toHaveProperty('attachments');
    expect(model.requests[0]!.messages.at(-1)?.role).toBe('user');
    expect(JSON.stringify(model.requests)).not.toContain('accessible to you');
  });

  it('tool_choice none offers no code interpreter, so no notice either', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [codeInterpreter()],
      config: { toolgroups: ['builtin::code_interpreter'], tool_config: { tool_choice: 'none' } },
      script: [textReply('no tools')],
    });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hi')], documents }));
    expect(JSON.stringify(model.requests)).not.toContain('accessible to you');
  });

  it('a turn without documents is unchanged', async () => {
    const tools = codeInterpreter();
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['builtin::code_interpreter'] },
      script: [runCode, textReply('done')],
    });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('hi')] }));
    expect(tools.invocations[0]).not.toHaveProperty('attachments');
    expect(model.requests[0]!.messages.at(-1)?.role).toBe('user');
  });

  it('a resumed turn still has its files and notice; they come from the stored resume state', async () => {
    const tools = codeInterpreter();
    const store = new MemoryAgentStore();
    const { runtime, model, agentId, sessionId } = await startAgent({
      store,
      tools: [tools],
      config: {
        enable_session_persistence: true,
        toolgroups: ['builtin::code_interpreter'],
        client_tools: [getBoilingPoint],
      },
      script: [
        { toolCalls: [{ tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' } }] },
        runCode,
        textReply('done'),
      ],
    });
    const paused = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('boil and compute')], documents }),
    );
    const stored = await store.getTurn(agentId, sessionId, paused.turn.turn_id);
    expect(stored?.resume_state).toMatchObject({
      document_attachments: [{ content: CSV, mime_type: 'text/csv' }, { mime_type: 'text/plain' }],
    });

    await drain(
      runtime.resumeTurn(agentId, sessionId, paused.turn.turn_id, {
        tool_responses: [toolResponse(paused.calls[0]!, '-100')],
      }),
    );
    const resumedFiles = (stored?.resume_state as { document_attachments: { filename: string }[] })
      .document_attachments;
    expect(tools.invocations[0]?.attachments).toEqual([
      { content: CSV, mime_type: 'text/csv', filename: resumedFiles[0]!.filename },
      { content: 'just notes', mime_type: 'text/plain', filename: resumedFiles[1]!.filename },
    ]);
    // The prompt after the resume is the one before it plus the model's call and the client's answer.
    const before = model.requests[0]!.messages;
    const after = model.requests[1]!.messages;
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((m) => m.role)).toEqual(['assistant', 'tool']);
  });

  it("a later turn's document gets its own file name, so it never meets an earlier turn's file", async () => {
    const tools = codeInterpreter();
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['builtin::code_interpreter'] },
      script: [runCode, textReply('first'), runCode, textReply('second')],
    });
    const sales2023 = 'month,sales\njan,10\n';
    const sales2024 = 'month,sales\njan,99\n';
    await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('sum 2023')],
        documents: [{ content: sales2023, mime_type: 'text/csv' }],
      }),
    );
    await drain(
      runtime.createTurn(agentId, sessionId, {
        messages: [user('sum 2024')],
        documents: [{ content: sales2024, mime_type: 'text/csv' }],
      }),
    );

    const [first, second] = tools.invocations.map((invocation) => invocation.attachments?.[0]);
    expect(first).toMatchObject({
      content: sales2023,
      filename: expect.stringMatching(/^turn-[0-9a-f]{8}-1\.csv$/),
    });
    expect(second).toMatchObject({
      content: sales2024,
      filename: expect.stringMatching(/^turn-[0-9a-f]{8}-1\.csv$/),
    });
    expect(second!.filename).not.toBe(first!.filename);

    const noticeOf = (request: (typeof model.requests)[number]) =>
      request.messages.find((m) => m.role === 'tool' && m.call_id === '')?.content;
    expect(noticeOf(model.requests[0]!)).toBe(notice([first!.filename!]));
    expect(noticeOf(model.requests[2]!)).toBe(notice([second!.filename!]));
  });

  it('later turns do not repeat the notice (Llama Stack keeps it out of the history)', async () => {
    const { runtime, model, agentId, sessionId } = await startAgent({
      tools: [codeInterpreter()],
      config: { toolgroups: ['builtin::code_interpreter'] },
      script: [textReply('first'), textReply('second')],
    });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('one')], documents }));
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('two')] }));
    expect(JSON.stringify(model.requests[1])).not.toContain('accessible to you');
  });
});
