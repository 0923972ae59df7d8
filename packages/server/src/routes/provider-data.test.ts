import 'llama-stack-client/shims/web';
import { AgentRuntime, MemoryAgentStore } from '@llama-stack-ts/agent-core';
import {
  ScriptedInferenceProvider,
  ScriptedToolProvider,
  textReply,
  toolCallReply,
} from '@llama-stack-ts/agent-core/testing';
import { startToolApiStub } from '@llama-stack-ts/tools-builtin/testing';
import LlamaStackClient from 'llama-stack-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { startServer } from '../server/start-server.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const MODEL = 'llama3.2:3b-instruct-fp16';
const HEADER = 'X-LlamaStack-Provider-Data';
const TURN_KEY = 'sk-turn-4f1c9e';
const RESUME_KEY = 'sk-resume-7a2d0b';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server-side tool that answers with whether a request brought its key. */
const lookup = () =>
  new ScriptedToolProvider([
    {
      name: 'lookup',
      toolgroup_id: 'test::lookup',
      description: 'Looks things up with the caller’s key',
      parameters: [{ name: 'q', parameter_type: 'string', description: 'Query', required: true }],
      run: (_args, { invocation }) => (invocation.provider_data?.search_api_key ? 'found it' : 'no key'),
    },
  ]);

async function serve(script: ReturnType<typeof textReply>[], tools: ScriptedToolProvider) {
  const inference = new ScriptedInferenceProvider({ models: [MODEL], script });
  const store = new MemoryAgentStore();
  server = await startTestServer({
    inference,
    store,
    tools: [tools],
    agents: new AgentRuntime({ inference, store, tools: [tools] }),
  });
  return server;
}

async function lastPayload(stream: AsyncIterable<unknown>) {
  let last: Record<string, any> | undefined;
  for await (const chunk of stream as AsyncIterable<{
    event?: { payload: Record<string, any> };
    error?: unknown;
  }>) {
    if (chunk.error) throw new Error(`error frame: ${JSON.stringify(chunk.error)}`);
    last = chunk.event!.payload;
  }
  return last!;
}

describe('X-LlamaStack-Provider-Data on agent turns', () => {
  it('reaches the tools of a turn and of its resume (each its own request’s), and is never stored or logged', async () => {
    const tools = lookup();
    const s = await serve(
      [
        toolCallReply('lookup', { q: 'polyjuice' }),
        toolCallReply('get_time', {}),
        toolCallReply('lookup', { q: 'again' }),
        textReply('Done.'),
      ],
      tools,
    );
    const client = new LlamaStackClient({
      baseURL: s.url,
      maxRetries: 0,
      defaultHeaders: { [HEADER]: JSON.stringify({ search_api_key: TURN_KEY }) },
    });
    const { agent_id } = await client.agents.create({
      agent_config: {
        model: MODEL,
        instructions: 'Look things up.',
        toolgroups: ['test::lookup'],
        client_tools: [{ name: 'get_time', description: 'The time', parameters: [] }],
        enable_session_persistence: true,
      } as never,
    });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'keys' });

    const paused = await lastPayload(
      await client.agents.turn.create(agent_id, session_id, {
        messages: [{ role: 'user', content: 'Look up polyjuice' }],
        stream: true,
      }),
    );
    expect(paused.event_type).toBe('turn_awaiting_input');
    expect(tools.invocations).toHaveLength(1);
    expect(tools.invocations[0]!.provider_data).toEqual({ search_api_key: TURN_KEY });

    const call = paused.turn.output_message.tool_calls[0];
    const done = await lastPayload(
      await client.agents.turn.resume(
        agent_id,
        session_id,
        paused.turn.turn_id,
        { tool_responses: [{ call_id: call.call_id, tool_name: 'get_time', content: 'noon' }], stream: true },
        { headers: { [HEADER]: JSON.stringify({ search_api_key: RESUME_KEY }) } },
      ),
    );
    expect(done.event_type).toBe('turn_complete');
    expect(tools.invocations[1]!.provider_data).toEqual({ search_api_key: RESUME_KEY });
    const lookups = done.turn.steps.filter(
      (step: { step_type: string }) => step.step_type === 'tool_execution',
    );
    expect(lookups.map((step: any) => step.tool_responses[0].content)).toEqual([
      'found it',
      'noon',
      'found it',
    ]);

    const stored = JSON.stringify(await client.agents.session.retrieve(agent_id, session_id));
    expect(stored).not.toContain(TURN_KEY);
    expect(stored).not.toContain(RESUME_KEY);
    expect(s.logs()).not.toContain(TURN_KEY);
    expect(s.logs()).not.toContain(RESUME_KEY);
  });

  it('is optional: without it tools get no provider_data', async () => {
    const tools = lookup();
    const s = await serve([toolCallReply('lookup', { q: 'x' }), textReply('Done.')], tools);
    const client = new LlamaStackClient({ baseURL: s.url, maxRetries: 0 });
    const { agent_id } = await client.agents.create({
      agent_config: { model: MODEL, instructions: 'x', toolgroups: ['test::lookup'] },
    });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'no keys' });
    const turn = await client.agents.turn.create(agent_id, session_id, {
      messages: [{ role: 'user', content: 'Look up x' }],
      stream: false,
    });
    expect(turn.output_message.content).toBe('Done.');
    expect(tools.invocations[0]).not.toHaveProperty('provider_data');
  });

  it('answers 400 naming the header when it is not a JSON object, on turn and on resume, before any model call', async () => {
    const inference = new ScriptedInferenceProvider({ models: [MODEL], script: [textReply('Hello.')] });
    const store = new MemoryAgentStore();
    server = await startTestServer({ inference, store, agents: new AgentRuntime({ inference, store }) });
    const client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
    const { agent_id } = await client.agents.create({ agent_config: { model: MODEL, instructions: 'x' } });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'bad' });
    const base = `${server.url}/v1/agents/${agent_id}/session/${session_id}/turn`;
    const cases = [
      { url: base, body: { messages: [{ role: 'user', content: 'hi' }], stream: true }, header: '{not json' },
      { url: base, body: { messages: [{ role: 'user', content: 'hi' }], stream: false }, header: '["a"]' },
      {
        url: `${base}/turn-x/resume`,
        body: { tool_responses: [{ call_id: 'c1', tool_name: 'get_time', content: 'noon' }], stream: true },
        header: 'null',
      },
    ];
    for (const { url, body, header } of cases) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [HEADER]: header },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/application\/json/);
      const error = ((await response.json()) as { error: { message: string } }).error;
      expect(error.message).toContain(HEADER);
    }
    expect(inference.requests).toHaveLength(0);
    // Nothing started, so the session is free for the next turn.
    const turn = await client.agents.turn.create(agent_id, session_id, {
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
    });
    expect(turn.output_message.content).toBe('Hello.');
  });

  it('carries a Brave key to the builtin web search configured without one', async () => {
    const brave = await startToolApiStub();
    const inference = new ScriptedInferenceProvider({
      models: [MODEL],
      script: [toolCallReply('brave_search', { query: 'llama facts' }), textReply('Llamas hum.')],
    });
    const running = await startServer(
      {
        server: { host: '127.0.0.1', port: 0 },
        providers: {
          storage: { type: 'memory' },
          safety: { llama_guard: { enabled: false }, code_scanner: { enabled: false } },
          tools: {
            code_interpreter: { enabled: false },
            web_search: { provider: 'brave', base_url: brave.url },
          },
        },
      },
      { providers: { inference }, logger: createLogger({ level: 'silent' }) },
    );
    try {
      const client = new LlamaStackClient({
        baseURL: running.url,
        maxRetries: 0,
        defaultHeaders: { [HEADER]: JSON.stringify({ brave_search_api_key: TURN_KEY }) },
      });
      const { agent_id } = await client.agents.create({
        agent_config: { model: MODEL, instructions: 'Search.', toolgroups: ['builtin::websearch'] },
      });
      const { session_id } = await client.agents.session.create(agent_id, { session_name: 'search' });
      const turn = await client.agents.turn.create(agent_id, session_id, {
        messages: [{ role: 'user', content: 'Tell me a llama fact' }],
        stream: false,
      });
      expect(turn.output_message.content).toBe('Llamas hum.');
      expect(brave.requests).toHaveLength(1);
      expect(brave.requests[0]!.headers['x-subscription-token']).toBe(TURN_KEY);
      expect(brave.requests[0]!.query.q).toBe('llama facts');
    } finally {
      await running.close();
      await brave.close();
    }
  });
});
