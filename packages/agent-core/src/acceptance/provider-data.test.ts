import { InvalidRequestError, type JsonObject, type Logger } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { MemoryAgentStore } from '../store/memory-agent-store.js';
import { ScriptedToolProvider, drain, textReply, toolResponse, user } from '../testing/index.js';
import { getBoilingPoint, startAgent } from './agent-fixture.js';

const SECRET = 'brave-key-that-must-never-be-stored';

/** A web search stand-in that answers with the key it was given, as a real one would use it. */
function searchTool() {
  return new ScriptedToolProvider([
    {
      name: 'web_search',
      builtin_name: 'brave_search',
      toolgroup_id: 'builtin::websearch',
      run: (_args, { invocation }) =>
        invocation.provider_data?.brave_search_api_key ? 'results' : 'no key: set brave_search_api_key',
    },
  ]);
}

function recordingLogger(lines: string[]): Logger {
  const record = (message: string, fields?: Record<string, unknown>) =>
    lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
  return { debug: record, info: record, warn: record, error: record };
}

describe('per-request provider data (X-LlamaStack-Provider-Data)', () => {
  it('reaches every tool call of the turn as provider_data', async () => {
    const tools = searchTool();
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['builtin::websearch'] },
      script: [
        {
          toolCalls: [
            { tool_name: 'brave_search', arguments: { query: 'a' }, call_id: 'c1' },
            { tool_name: 'brave_search', arguments: { query: 'b' }, call_id: 'c2' },
          ],
        },
        textReply('found it'),
      ],
    });
    const providerData: JsonObject = { brave_search_api_key: SECRET };
    const { turn } = await drain(
      runtime.createTurn(agentId, sessionId, { messages: [user('search')] }, { providerData }),
    );
    expect(tools.invocations.map((i) => i.provider_data)).toEqual([providerData, providerData]);
    expect(turn.steps[1]).toMatchObject({ tool_responses: [{ content: 'results' }] });
  });

  it('is left out of the invocation when the request has none', async () => {
    const tools = searchTool();
    const { runtime, agentId, sessionId } = await startAgent({
      tools: [tools],
      config: { toolgroups: ['builtin::websearch'] },
      script: [{ toolCalls: [{ tool_name: 'brave_search', arguments: { query: 'a' } }] }, textReply('ok')],
    });
    await drain(runtime.createTurn(agentId, sessionId, { messages: [user('search')] }));
    expect(tools.invocations[0]).not.toHaveProperty('provider_data');
  });

  it('is never stored or logged; a resumed turn uses the provider data of the resume request', async () => {
    const tools = searchTool();
    const store = new MemoryAgentStore();
    const logs: string[] = [];
    const { runtime, agentId, sessionId } = await startAgent({
      store,
      tools: [tools],
      runtime: { logger: recordingLogger(logs) },
      config: {
        enable_session_persistence: true,
        toolgroups: ['builtin::websearch'],
        client_tools: [getBoilingPoint],
      },
      script: [
        {
          toolCalls: [
            { tool_name: 'brave_search', arguments: { query: 'polyjuice' }, call_id: 's1' },
            { tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' }, call_id: 'c1' },
          ],
        },
        { toolCalls: [{ tool_name: 'brave_search', arguments: { query: 'again' }, call_id: 's2' }] },
        textReply('-100°C'),
      ],
    });
    const paused = await drain(
      runtime.createTurn(
        agentId,
        sessionId,
        { messages: [user('polyjuice?')] },
        { providerData: { brave_search_api_key: SECRET } },
      ),
    );
    expect(paused.last.event_type).toBe('turn_awaiting_input');
    const stored = await store.getTurn(agentId, sessionId, paused.turn.turn_id);
    expect(stored?.resume_state).toBeDefined();
    expect(JSON.stringify(stored)).not.toContain(SECRET);
    expect(JSON.stringify(paused.payloads)).not.toContain(SECRET);

    const resumeData = { brave_search_api_key: 'key-of-the-resume-request' };
    const done = await drain(
      runtime.resumeTurn(
        agentId,
        sessionId,
        paused.turn.turn_id,
        { tool_responses: [toolResponse(paused.calls[0]!, '-100')] },
        { providerData: resumeData },
      ),
    );
    expect(done.turn.status).toBe('completed');
    expect(tools.invocations.map((i) => i.provider_data)).toEqual([
      { brave_search_api_key: SECRET },
      resumeData,
    ]);
    expect(JSON.stringify(await store.listTurns(agentId, sessionId))).not.toContain(SECRET);
    expect(JSON.stringify(await store.listTurns(agentId, sessionId))).not.toContain(
      resumeData.brave_search_api_key,
    );
    expect(logs.join('\n')).not.toContain(SECRET);
  });

  it('must be a JSON object: anything else is a 400 naming the header', async () => {
    const { runtime, agentId, sessionId } = await startAgent();
    await expect(
      runtime.createTurn(
        agentId,
        sessionId,
        { messages: [user('hi')] },
        { providerData: ['not', 'an', 'object'] as unknown as JsonObject },
      ),
    ).rejects.toMatchObject({
      name: InvalidRequestError.name,
      status: 400,
      field: 'X-LlamaStack-Provider-Data',
    });
  });
});
