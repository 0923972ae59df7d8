import 'llama-stack-client/shims/web';
import { AgentRuntime, MemoryAgentStore } from '@llama-stack-ts/agent-core';
import {
  ScriptedInferenceProvider,
  ScriptedToolProvider,
  sleep,
  textReply,
  toolCallReply,
} from '@llama-stack-ts/agent-core/testing';
import { type InferenceProvider, UpstreamError } from '@llama-stack-ts/api-types';
import LlamaStackClient from 'llama-stack-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunConfigInput } from '../config/run-config.js';
import { deferred, FakeInference } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const MODEL = 'llama3.2:3b-instruct-fp16';

const getBoilingPoint = {
  name: 'get_boiling_point',
  description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
  parameters: [
    { name: 'liquid_name', parameter_type: 'string', description: 'The name of the liquid', required: true },
    {
      name: 'celcius',
      parameter_type: 'boolean',
      description: 'Whether to return the boiling point in Celcius',
      required: false,
      default: true,
    },
  ],
};

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(
  inference: InferenceProvider,
  config: RunConfigInput = {},
  tools: ScriptedToolProvider[] = [],
) {
  const store = new MemoryAgentStore();
  const agents = new AgentRuntime({ inference, store, tools });
  server = await startTestServer({ inference, store, agents, tools }, config);
  return server;
}

function clientFor(s: TestServer, options: { apiKey?: string; maxRetries?: number } = {}) {
  return new LlamaStackClient({
    baseURL: s.url,
    maxRetries: options.maxRetries ?? 0,
    apiKey: options.apiKey ?? null,
  });
}

type Chunk = { event?: { payload: Record<string, any> }; error?: { message: string } };

async function collect(stream: AsyncIterable<unknown>): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  for await (const chunk of stream) chunks.push(chunk as Chunk);
  return chunks;
}

async function createAgentAndSession(client: LlamaStackClient, extra: Record<string, unknown> = {}) {
  const { agent_id } = await client.agents.create({
    agent_config: {
      model: MODEL,
      instructions: 'You are a helpful assistant',
      client_tools: [getBoilingPoint],
      sampling_params: { strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 } },
      ...extra,
    } as never,
  });
  const { session_id } = await client.agents.session.create(agent_id, { session_name: 'test-session' });
  return { agent_id, session_id };
}

describe('agents API with llama-stack-client@0.3.0', () => {
  it('runs create → session → streamed turn → client tool → resume → retrieve → list → delete', async () => {
    const inference = new ScriptedInferenceProvider({
      models: [MODEL],
      script: [
        toolCallReply('get_boiling_point', { liquid_name: 'polyjuice', celcius: true }),
        textReply(['The boiling point', ' of polyjuice is -100°C.']),
        textReply('Hello there.'),
      ],
    });
    const s = await serve(inference);
    const client = clientFor(s);

    expect((await client.models.list()).map((m) => m.identifier)).toContain(MODEL);
    const { agent_id, session_id } = await createAgentAndSession(client);

    const first = await collect(
      await client.agents.turn.create(agent_id, session_id, {
        messages: [
          { role: 'user', content: 'What is the boiling point of the liquid polyjuice in celsius?' },
        ],
        stream: true,
      }),
    );
    expect(first.every((chunk) => chunk.event && !chunk.error)).toBe(true);
    const paused = first.at(-1)!.event!.payload;
    expect(paused.event_type).toBe('turn_awaiting_input');
    const turnId: string = paused.turn.turn_id;
    const call = paused.turn.output_message.tool_calls[0];
    expect(call).toMatchObject({
      tool_name: 'get_boiling_point',
      arguments: { liquid_name: 'polyjuice', celcius: true },
    });
    expect(paused.turn.output_message.stop_reason).toBe('end_of_message');

    const resumed = await collect(
      await client.agents.turn.resume(agent_id, session_id, turnId, {
        tool_responses: [
          {
            call_id: call.call_id,
            tool_name: 'get_boiling_point',
            content: '-100',
            metadata: { source: 'https://www.google.com' },
          },
        ],
        stream: true,
      }),
    );
    expect(resumed[0]!.event!.payload).toMatchObject({
      event_type: 'step_complete',
      step_type: 'tool_execution',
    });
    const done = resumed.at(-1)!.event!.payload;
    expect(done.event_type).toBe('turn_complete');
    expect(done.turn.turn_id).toBe(turnId);
    expect(done.turn.output_message.content).toContain('-100');
    const streamed = resumed
      .map((c) => c.event!.payload)
      .filter((p) => p.event_type === 'step_progress' && p.delta.type === 'text')
      .map((p) => p.delta.text)
      .join('');
    expect(streamed).toBe('The boiling point of polyjuice is -100°C.');

    // What the model saw on resume: the tool result as a tool message.
    expect(inference.requests[1]!.messages.at(-1)).toMatchObject({
      role: 'tool',
      call_id: call.call_id,
      content: '-100',
    });

    const turn = await client.agents.turn.retrieve(agent_id, session_id, turnId);
    expect(turn).toEqual(done.turn);
    expect(turn.steps.map((step) => step.step_type)).toEqual(['inference', 'tool_execution', 'inference']);
    const toolStep = turn.steps[1] as { tool_responses: Array<{ metadata?: Record<string, unknown> }> };
    expect(toolStep.tool_responses[0]?.metadata).toEqual({ source: 'https://www.google.com' });
    const { step } = await client.agents.steps.retrieve(agent_id, session_id, turnId, turn.steps[1]!.step_id);
    expect(step).toEqual(turn.steps[1]);

    // stream:false answers the finished Turn as JSON (Llama Stack answered 501).
    const second = (await client.agents.turn.create(agent_id, session_id, {
      messages: [{ role: 'user', content: 'Say hello' }],
      stream: false,
    })) as unknown as { turn_id: string; output_message: { content: string } };
    expect(second.output_message.content).toBe('Hello there.');

    // turn_ids is sent comma-joined by this client.
    const both = await client.agents.session.retrieve(agent_id, session_id, {
      turn_ids: [turnId, second.turn_id],
    });
    expect(both.turns.map((t) => t.turn_id)).toEqual([turnId, second.turn_id]);
    const one = await client.agents.session.retrieve(agent_id, session_id, { turn_ids: [second.turn_id] });
    expect(one.turns.map((t) => t.turn_id)).toEqual([second.turn_id]);

    const sessions = await client.agents.session.list(agent_id);
    expect(sessions.data.map((x) => x.session_id)).toEqual([session_id]);
    const agents = await client.agents.list();
    expect(agents.data.map((a) => a.agent_id)).toContain(agent_id);
    expect((await client.agents.retrieve(agent_id)).agent_config.instructions).toBe(
      'You are a helpful assistant',
    );

    await client.agents.session.delete(agent_id, session_id);
    await expect(client.agents.session.retrieve(agent_id, session_id)).rejects.toBeInstanceOf(
      LlamaStackClient.NotFoundError,
    );
    await client.agents.delete(agent_id);
    await expect(client.agents.retrieve(agent_id)).rejects.toBeInstanceOf(LlamaStackClient.NotFoundError);
  });

  it('answers 400 naming the field, 404 for unknown ids even when streaming, and 401 without the key', async () => {
    const s = await serve(new ScriptedInferenceProvider({ models: [MODEL] }), {
      server: { auth: { api_keys: ['secret-key'] } },
    });
    const client = clientFor(s, { apiKey: 'secret-key' });

    const invalid = await client.agents
      .create({ agent_config: { instructions: 'x' } as never })
      .catch((e: unknown) => e);
    expect(invalid).toBeInstanceOf(LlamaStackClient.BadRequestError);
    expect(String((invalid as Error).message)).toContain('agent_config.model');

    const { agent_id } = await createAgentAndSession(client);
    const missing = await client.agents.turn
      .create(agent_id, 'no-such-session', { messages: [{ role: 'user', content: 'hi' }], stream: true })
      .catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(LlamaStackClient.NotFoundError);
    const missingTurn = await client.agents.turn
      .retrieve(agent_id, 'no-such-session', 'x')
      .catch((e: unknown) => e);
    expect(missingTurn).toBeInstanceOf(LlamaStackClient.NotFoundError);

    const anonymous = clientFor(s);
    await expect(anonymous.agents.list()).rejects.toBeInstanceOf(LlamaStackClient.AuthenticationError);
    expect(await anonymous.inspect.health()).toEqual({ status: 'OK' });
  });

  it('answers 409 to a second turn in a running session, and the client does not retry it', async () => {
    const gate = deferred();
    const inference = new FakeInference(
      [[{ text: 'Thinking' }, { wait: gate.promise }, { text: ' done.' }]],
      [MODEL],
    );
    const s = await serve(inference);
    const client = clientFor(s, { maxRetries: 2 });
    const { agent_id, session_id } = await createAgentAndSession(client);

    const firstStream = await client.agents.turn.create(agent_id, session_id, {
      messages: [{ role: 'user', content: 'first' }],
      stream: true,
    });
    const conflict = await client.agents.turn
      .create(agent_id, session_id, { messages: [{ role: 'user', content: 'second' }], stream: true })
      .catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(LlamaStackClient.ConflictError);
    expect((conflict as { headers: Record<string, string> }).headers['x-should-retry']).toBe('false');
    expect(s.logs().match(/"status":409,"code":"conflict","msg":"request rejected"/g)).toHaveLength(1);

    gate.resolve();
    const chunks = await collect(firstStream);
    expect(chunks.at(-1)!.event!.payload.event_type).toBe('turn_complete');
    expect(inference.requests).toHaveLength(1);
  });

  it('answers 413 to a turn whose body is over the limit', async () => {
    const s = await serve(new ScriptedInferenceProvider({ models: [MODEL] }), {
      server: { body_limit: 4096 },
    });
    const client = clientFor(s);
    const { agent_id, session_id } = await createAgentAndSession(client);
    const error = await client.agents.turn
      .create(agent_id, session_id, {
        messages: [{ role: 'user', content: 'x'.repeat(10_000) }],
        stream: true,
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlamaStackClient.APIError);
    expect((error as { status: number }).status).toBe(413);
  });
});

describe('agent turn streams over raw HTTP', () => {
  it('flushes status and headers before the model answers, and sends : ping while it thinks', async () => {
    const gate = deferred();
    const inference = new FakeInference([[{ wait: gate.promise }, { text: 'Hi!' }]], [MODEL]);
    const s = await serve(inference, { server: { keepalive_interval_ms: 20 } });
    const { agent_id, session_id } = await createAgentAndSession(clientFor(s));
    const response = await fetch(`${s.url}/v1/agents/${agent_id}/session/${session_id}/turn`, {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    await new Promise((resolve) => setTimeout(resolve, 80));
    gate.resolve();
    const text = await response.text();
    // step_start goes out at once; the pings fill the wait for the model.
    expect(text.indexOf(': ping\n\n')).toBeGreaterThan(-1);
    expect(text.indexOf(': ping\n\n')).toBeLessThan(text.indexOf('Hi!'));
    expect(text).not.toContain('[DONE]');
    const frames = text
      .split('\n\n')
      .filter((frame) => frame.startsWith('data: '))
      .map((frame) => JSON.parse(frame.slice(6)));
    expect(frames.at(-1).event.payload.event_type).toBe('turn_complete');
  });

  it('cancels the turn and the model request when the client disconnects mid-stream', async () => {
    const inference = new FakeInference(
      [[{ text: 'Once upon a time' }, { wait: new Promise(() => {}) }]],
      [MODEL],
    );
    const s = await serve(inference);
    const client = clientFor(s);
    const { agent_id, session_id } = await createAgentAndSession(client);
    const abort = new AbortController();
    const response = await fetch(`${s.url}/v1/agents/${agent_id}/session/${session_id}/turn`, {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Tell me a long story' }], stream: true }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('Once upon a time')) seen += new TextDecoder().decode((await reader.read()).value);
    abort.abort();

    await expect.poll(() => inference.aborted[0], { timeout: 5_000 }).toBe(true);
    await expect
      .poll(
        async () =>
          (await client.agents.session.retrieve(agent_id, session_id)).turns[0]?.['status' as never],
        {
          timeout: 5_000,
        },
      )
      .toBe('cancelled');
    await expect.poll(() => s.tracker.size).toBe(0);
  });

  it('kills a running server tool when the client disconnects', async () => {
    const toolSignals: AbortSignal[] = [];
    const tools = new ScriptedToolProvider([
      {
        name: 'slow_search',
        toolgroup_id: 'test::search',
        description: 'Takes a while',
        parameters: [],
        run: async (_args, { signal }) => {
          toolSignals.push(signal);
          await sleep(60_000, signal);
          return 'never';
        },
      },
    ]);
    const inference = new ScriptedInferenceProvider({
      models: [MODEL],
      script: [toolCallReply('slow_search', {})],
    });
    const s = await serve(inference, {}, [tools]);
    const client = clientFor(s);
    const { agent_id } = await client.agents.create({
      agent_config: { model: MODEL, instructions: 'Search.', toolgroups: ['test::search'] } as never,
    });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'tools' });
    const abort = new AbortController();
    const response = await fetch(`${s.url}/v1/agents/${agent_id}/session/${session_id}/turn`, {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'go' }], stream: true }),
      signal: abort.signal,
    });
    const reader = response.body!.getReader();
    let seen = '';
    while (!seen.includes('"step_type":"tool_execution"'))
      seen += new TextDecoder().decode((await reader.read()).value);
    await expect.poll(() => toolSignals.length).toBe(1);
    abort.abort();
    await expect.poll(() => toolSignals[0]?.aborted, { timeout: 5_000 }).toBe(true);
    await expect
      .poll(
        async () =>
          (await client.agents.session.retrieve(agent_id, session_id)).turns[0]?.['status' as never],
        {
          timeout: 5_000,
        },
      )
      .toBe('cancelled');
  });

  it('ends a stream that fails after it started with one {error:{message, code}} frame', async () => {
    const inference = new ScriptedInferenceProvider({
      models: [MODEL],
      script: [
        textReply('Partial answer', {
          error: new UpstreamError('Ollama stopped mid-answer'),
          errorAfterText: true,
        }),
      ],
    });
    const s = await serve(inference);
    const client = clientFor(s);
    const { agent_id, session_id } = await createAgentAndSession(client);
    const chunks = await collect(
      await client.agents.turn.create(agent_id, session_id, {
        messages: [{ role: 'user', content: 'hi' }],
        stream: true,
      }),
    );
    const last = chunks.at(-1)!;
    expect(last.event).toBeUndefined();
    expect(last.error).toEqual({
      message: expect.stringContaining('Ollama stopped mid-answer'),
      code: 'upstream_error',
    });
  });
});
