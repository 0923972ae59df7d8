import 'llama-stack-client/shims/web';
import LlamaStackClient from 'llama-stack-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bannerFacts, startupBanner } from '../cli/startup-banner.js';
import { FakeInference } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const MODEL = 'llama3.2:3b-instruct-fp16';
const GUARD = 'llama-guard3:1b';

let server: TestServer;
let client: LlamaStackClient;
let inference: FakeInference;

beforeAll(async () => {
  // The guard model is "pulled", so `enabled: auto` turns llama-guard on; the code scanner is on by default.
  inference = new FakeInference([[{ text: 'safe' }]], [MODEL, GUARD]);
  server = await startTestServer(
    { inference },
    { providers: { storage: { type: 'memory' }, safety: { llama_guard: { excluded_categories: ['S6'] } } } },
  );
  client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

const codeInterpreterCall = (code: string) => ({
  role: 'assistant' as const,
  content: '',
  stop_reason: 'end_of_message' as const,
  tool_calls: [{ call_id: 'call-1', tool_name: 'code_interpreter', arguments: { code } }],
});

describe('the shields a server builds from its config', () => {
  it('lists llama-guard and code-scanner with their params, in the API and the startup banner', async () => {
    const shields = await client.shields.list();
    expect(shields.map((s) => s.identifier)).toEqual(['llama-guard', 'code-scanner']);
    expect(shields[0]).toMatchObject({
      type: 'shield',
      provider_resource_id: GUARD,
      params: { excluded_categories: ['S6'] },
    });
    const scanner = await client.shields.retrieve('code-scanner');
    expect(scanner).toMatchObject({
      identifier: 'code-scanner',
      provider_id: 'code-scanner',
      type: 'shield',
    });
    expect(scanner.params).toMatchObject({ scope: 'last-message' });
    expect(scanner.params?.rules).toEqual(expect.arrayContaining([expect.stringMatching(/^python\./)]));
    await expect(client.shields.retrieve('nope')).rejects.toBeInstanceOf(LlamaStackClient.NotFoundError);

    const banner = startupBanner(await bannerFacts(server, 'test'));
    expect(banner).toContain('shields: llama-guard, code-scanner');
  });

  it('flags shell=True built from input in a code_interpreter call with code-scanner', async () => {
    const unsafe = await client.safety.runShield({
      shield_id: 'code-scanner',
      messages: [
        { role: 'user', content: 'Run the command I give you' },
        codeInterpreterCall('import subprocess\ncmd = input()\nsubprocess.run(cmd, shell=True)'),
      ] as never,
      params: {},
    });
    expect(unsafe.violation).toMatchObject({
      violation_level: 'error',
      user_message: 'Sorry, I found security concerns in the code.',
    });
    const metadata = unsafe.violation!.metadata as {
      violation_type: string;
      findings: Array<Record<string, unknown>>;
    };
    expect(metadata.violation_type).toMatch(/shell/);
    expect(metadata.findings[0]).toMatchObject({ source: 'tool_call', tool_name: 'code_interpreter' });

    const safe = await client.safety.runShield({
      shield_id: 'code-scanner',
      messages: [codeInterpreterCall('print(sum(range(10)))')] as never,
      params: {},
    });
    expect(safe.violation).toBeNull();
    expect(inference.requests).toHaveLength(0); // the code scanner needs no model
  });

  it('routes llama-guard to the guard model', async () => {
    const verdict = await client.safety.runShield({
      shield_id: 'llama-guard',
      messages: [{ role: 'user', content: 'What is the capital of France?' }],
      params: {},
    });
    expect(verdict.violation).toBeNull();
    expect(inference.requests.at(-1)?.model_id).toBe(GUARD);
  });

  it('answers 404 naming an unknown shield id', async () => {
    const response = await fetch(`${server.url}/v1/safety/run-shield`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        shield_id: 'no-such-shield',
        messages: [{ role: 'user', content: 'hi' }],
        params: {},
      }),
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('x-should-retry')).toBe('false');
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain('no-such-shield');
  });
});
