import type { TurnStreamChunk } from '@llama-stack-ts/api-types';
import { deferred } from '../test-support/fake-inference.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAgents } from '../test-support/fake-agents.js';
import { FakeInference } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

async function* never(signal: AbortSignal): AsyncGenerator<TurnStreamChunk> {
  await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const API_KEY = 'sk-test-secret-key-123';

describe('HTTP hardening', () => {
  it('keeps /v1/health open but answers 401 with a JSON error elsewhere when API keys are set', async () => {
    server = await startTestServer(
      { inference: new FakeInference([]), agents: new FakeAgents(never) },
      { server: { auth: { api_keys: [API_KEY] } } },
    );
    const health = await fetch(`${server.url}/v1/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'OK' });

    const missing = await fetch(`${server.url}/v1/models`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get('www-authenticate')).toBe('Bearer');
    expect(await missing.json()).toEqual({
      error: { code: 'unauthorized', message: expect.stringContaining('Authorization: Bearer') },
    });

    const wrong = await fetch(`${server.url}/v1/models`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);

    const right = await fetch(`${server.url}/v1/models`, { headers: { authorization: `Bearer ${API_KEY}` } });
    expect(right.status).toBe(200);
    expect((await right.json()).data[0].identifier).toBe('llama3.2:3b-instruct-fp16');
    expect(server.logs()).not.toContain(API_KEY);
  });

  it('rejects a body over the limit with 413 and x-should-retry: false', async () => {
    server = await startTestServer(
      { inference: new FakeInference([]), agents: new FakeAgents(never) },
      { server: { body_limit: '1kb' } },
    );
    const response = await fetch(`${server.url}/v1/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_config: { model: 'm', instructions: 'x'.repeat(4096) } }),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('x-should-retry')).toBe('false');
    expect((await response.json()).error.code).toBe('payload_too_large');
  });

  it('answers 400 naming the invalid field, and 400 for a body that is not JSON', async () => {
    server = await startTestServer({ inference: new FakeInference([]), agents: new FakeAgents(never) });
    const invalid = await fetch(`${server.url}/v1/agents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ agent_config: { instructions: 'hi' } }),
    });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.message).toContain('agent_config.model');

    const notJson = await fetch(`${server.url}/v1/agents/agent-1/session`, { method: 'POST', body: '{nope' });
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toContain('not valid JSON');
  });

  it('answers 404 JSON for unknown routes and unknown ids', async () => {
    server = await startTestServer({ inference: new FakeInference([]), agents: new FakeAgents(never) });
    const route = await fetch(`${server.url}/v1/nothing-here`);
    expect(route.status).toBe(404);
    expect((await route.json()).error.code).toBe('not_found');
    const agent = await fetch(`${server.url}/v1/agents/unknown/session`, {
      method: 'POST',
      body: JSON.stringify({ session_name: 's' }),
    });
    expect(agent.status).toBe(404);
    expect(agent.headers.get('x-should-retry')).toBe('false');
    expect((await agent.json()).error.message).toBe('Agent unknown not found');
  });

  it('splits turn_ids on commas and accepts repeated keys', async () => {
    server = await startTestServer({ inference: new FakeInference([]), agents: new FakeAgents(never) });
    const names = async (query: string) => {
      const response = await fetch(`${server!.url}/v1/agents/agent-1/session/session-1${query}`);
      return JSON.parse((await response.json()).session_name);
    };
    expect(await names('?turn_ids=a%2Cb')).toEqual(['a', 'b']);
    expect(await names('?turn_ids=a&turn_ids=b,c')).toEqual(['a', 'b', 'c']);
    expect(await names('')).toBeNull();
  });

  it('cancels a running turn when close() outlasts the shutdown timeout', async () => {
    const agents = new FakeAgents(never);
    server = await startTestServer(
      { inference: new FakeInference([]), agents },
      { server: { shutdown_timeout_ms: 50 } },
    );
    const response = await fetch(`${server.url}/v1/agents/agent-1/session/session-1/turn`, {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    expect(response.status).toBe(200);
    expect(server.tracker.size).toBe(1);
    await server.close();
    expect(agents.signals[0]?.aborted).toBe(true);
    expect(server.tracker.size).toBe(0);
    server = undefined;
  });

  it('lets a running turn finish when it ends within the shutdown timeout', async () => {
    const gate = deferred();
    const turn = {
      turn_id: 'turn-1',
      session_id: 'session-1',
      input_messages: [],
      steps: [],
      started_at: 'now',
    };
    async function* finishesLater(): AsyncGenerator<TurnStreamChunk> {
      await gate.promise;
      yield {
        event: {
          payload: {
            event_type: 'turn_complete',
            turn: {
              ...turn,
              output_message: {
                role: 'assistant',
                content: 'done',
                stop_reason: 'end_of_turn',
                tool_calls: [],
              },
              output_attachments: [],
            },
          },
        },
      };
    }
    const agents = new FakeAgents(finishesLater);
    server = await startTestServer(
      { inference: new FakeInference([]), agents },
      { server: { shutdown_timeout_ms: 5_000 } },
    );
    const response = await fetch(`${server.url}/v1/agents/agent-1/session/session-1/turn`, {
      method: 'POST',
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }], stream: true }),
    });
    const body = response.text();
    const closing = server.close();
    // New turns are refused while draining.
    setTimeout(() => gate.resolve(), 50);
    await closing;
    expect(agents.signals[0]?.aborted).toBe(false);
    expect(await body).toContain('"turn_complete"');
    server = undefined;
  });

  it('answers CORS preflights for configured origins without an API key', async () => {
    server = await startTestServer(
      { inference: new FakeInference([]), agents: new FakeAgents(never) },
      { server: { cors: { allow_origins: ['http://localhost:5173'] }, auth: { api_keys: ['k'] } } },
    );
    const preflight = await fetch(`${server.url}/v1/agents`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-llamastack-provider-data');
    const other = await fetch(`${server.url}/v1/health`, { headers: { origin: 'http://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves only the models the config lists, under their own names', async () => {
    server = await startTestServer(
      { inference: new FakeInference([]), agents: new FakeAgents(never) },
      {
        models: [
          { model_id: 'meta-llama/Llama-3.2-3B-Instruct', provider_model_id: 'llama3.2:3b-instruct-fp16' },
        ],
      },
    );
    const body = await (await fetch(`${server.url}/v1/models`)).json();
    expect(body.data).toEqual([
      {
        identifier: 'meta-llama/Llama-3.2-3B-Instruct',
        provider_resource_id: 'llama3.2:3b-instruct-fp16',
        provider_id: 'fake',
        type: 'model',
        model_type: 'llm',
        metadata: {},
      },
    ]);
  });
});
