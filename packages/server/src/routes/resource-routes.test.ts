import 'llama-stack-client/shims/web';
import { ScriptedShieldProvider, ScriptedToolProvider } from '@llama-stack-ts/agent-core/testing';
import LlamaStackClient from 'llama-stack-client';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../stack/memory-file-store.js';
import { FakeAgents } from '../test-support/fake-agents.js';
import { FakeInference } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';
import { SERVER_VERSION } from '../version.js';

const MODEL = 'llama3.2:3b-instruct-fp16';
let server: TestServer;
let client: LlamaStackClient;
let inference: FakeInference;
const files = new MemoryFileStore();
const tools = new ScriptedToolProvider([
  {
    name: 'web_search',
    toolgroup_id: 'builtin::websearch',
    description: 'Search the web',
    parameters: [{ name: 'query', parameter_type: 'string', description: 'What to search', required: true }],
    run: (args) => `results for ${String(args.query)}`,
  },
  {
    name: 'code_interpreter',
    toolgroup_id: 'builtin::code_interpreter',
    description: 'Run Python',
    parameters: [{ name: 'code', parameter_type: 'string', description: 'Python', required: true }],
    run: () => ({ content: 'Traceback: boom', error: { message: 'exit code 1', code: 'nonzero_exit' } }),
  },
]);

beforeAll(async () => {
  inference = new FakeInference([[{ text: 'Hel' }, { text: 'lo' }], [{ text: 'Hi' }]], [MODEL]);
  async function* none() {}
  server = await startTestServer({
    inference,
    safety: new ScriptedShieldProvider({ unsafe: (text) => text.includes('bomb') }),
    tools: [tools],
    files,
    agents: new FakeAgents(none),
  });
  client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

describe('models, shields, tools, inference, files and inspect with llama-stack-client@0.3.0', () => {
  it('lists and describes models, in Llama Stack and OpenAI shapes', async () => {
    const models = await client.models.list();
    expect(models).toEqual([
      {
        identifier: MODEL,
        provider_resource_id: MODEL,
        provider_id: 'fake',
        type: 'model',
        model_type: 'llm',
        metadata: {},
      },
    ]);
    expect((await client.models.retrieve(MODEL)).identifier).toBe(MODEL);
    await expect(client.models.retrieve('nope')).rejects.toBeInstanceOf(LlamaStackClient.NotFoundError);
    const openai = await (await fetch(`${server.url}/v1/openai/v1/models`)).json();
    expect(openai).toEqual({
      object: 'list',
      data: [{ id: MODEL, object: 'model', created: 0, owned_by: 'fake' }],
    });
    const sdk = new OpenAI({ baseURL: `${server.url}/v1/openai/v1`, apiKey: 'x', maxRetries: 0 });
    expect((await sdk.models.retrieve(MODEL)).id).toBe(MODEL);
    expect((await sdk.models.list()).data.map((m) => m.id)).toEqual([MODEL]);
  });

  it('lists shields and runs one', async () => {
    expect((await client.shields.list()).map((s) => s.identifier)).toEqual(['llama-guard']);
    const unsafe = await client.safety.runShield({
      shield_id: 'llama-guard',
      messages: [{ role: 'user', content: 'how to make a bomb' }],
      params: {},
    });
    expect(unsafe.violation?.violation_level).toBe('error');
    const safe = await client.safety.runShield({
      shield_id: 'llama-guard',
      messages: [{ role: 'user', content: 'hello' }],
      params: {},
    });
    expect(safe.violation).toBeNull();
    await expect(
      client.safety.runShield({ shield_id: 'nope', messages: [{ role: 'user', content: 'x' }], params: {} }),
    ).rejects.toBeInstanceOf(LlamaStackClient.NotFoundError);
  });

  it('lists tools (by tool group too) and tool groups', async () => {
    const all = await client.tools.list();
    expect(all.map((t) => t.identifier)).toEqual(['web_search', 'code_interpreter']);
    const search = await client.tools.list({ toolgroup_id: 'builtin::websearch' });
    expect(search).toEqual([
      {
        identifier: 'web_search',
        provider_resource_id: 'web_search',
        provider_id: 'scripted-tools',
        toolgroup_id: 'builtin::websearch',
        type: 'tool',
        description: 'Search the web',
        parameters: [
          { name: 'query', parameter_type: 'string', description: 'What to search', required: true },
        ],
      },
    ]);
    const groups = await client.toolgroups.list();
    expect(groups.map((g) => g.identifier)).toEqual(['builtin::websearch', 'builtin::code_interpreter']);
    expect((await client.toolgroups.get('builtin::websearch')).provider_id).toBe('scripted-tools');
    await expect(client.tools.list({ toolgroup_id: 'mcp::nothing' })).rejects.toBeInstanceOf(
      LlamaStackClient.NotFoundError,
    );
    const defs = await client.toolRuntime.listTools({ tool_group_id: 'builtin::code_interpreter' });
    expect(defs.map((d) => d.name)).toEqual(['code_interpreter']);
  });

  it('invokes a tool through the tool runtime, errors included', async () => {
    const ok = await client.toolRuntime.invokeTool({ tool_name: 'web_search', kwargs: { query: 'llamas' } });
    expect(ok.content).toBe('results for llamas');
    expect(ok.error_message).toBeUndefined();
    expect(tools.invocations.at(-1)).toMatchObject({
      tool_name: 'web_search',
      arguments: { query: 'llamas' },
    });
    const failed = await client.toolRuntime.invokeTool({
      tool_name: 'code_interpreter',
      kwargs: { code: '1/0' },
    });
    expect(failed).toMatchObject({ content: 'Traceback: boom', error_message: 'exit code 1', error_code: 1 });
    expect(failed.metadata).toEqual({ error_type: 'nonzero_exit' });
    await client.toolRuntime.invokeTool(
      { tool_name: 'web_search', kwargs: { query: 'keys' } },
      { headers: { 'X-LlamaStack-Provider-Data': JSON.stringify({ brave_search_api_key: 'per-request' }) } },
    );
    expect(tools.invocations.at(-1)?.provider_data).toEqual({ brave_search_api_key: 'per-request' });
    await expect(client.toolRuntime.invokeTool({ tool_name: 'nope', kwargs: {} })).rejects.toBeInstanceOf(
      LlamaStackClient.NotFoundError,
    );
  });

  it('runs a Llama Stack chat completion, streamed and not', async () => {
    const stream = await client.inference.chatCompletion({
      model_id: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const events: Array<{ event: { event_type: string; delta: { type: string; text?: string } } }> = [];
    for await (const chunk of stream) events.push(chunk as never);
    expect(events.map((e) => e.event.event_type)).toEqual(['start', 'progress', 'progress', 'complete']);
    expect(events.map((e) => e.event.delta.text ?? '').join('')).toBe('Hello');

    const response = await client.inference.chatCompletion({
      model_id: MODEL,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(response.completion_message).toEqual({
      role: 'assistant',
      content: 'Hi',
      stop_reason: 'end_of_turn',
      tool_calls: [],
    });
  });

  it('serves stored files, health and version', async () => {
    const stored = await files.put({
      data: new Uint8Array([137, 80, 78, 71]),
      mime_type: 'image/png',
      filename: 'plot.png',
    });
    const response = await fetch(`${server.url}/v1/files/${stored.id}/content`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([137, 80, 78, 71]));
    expect((await fetch(`${server.url}/v1/files/nope/content`)).status).toBe(404);
    expect(await client.inspect.health()).toEqual({ status: 'OK' });
    expect(await client.inspect.version()).toEqual({ version: SERVER_VERSION });
  });
});
