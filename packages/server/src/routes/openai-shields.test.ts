import { ScriptedShieldProvider } from '@llama-stack-ts/agent-core/testing';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAgents } from '../test-support/fake-agents.js';
import { FakeInference } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function* noTurns() {}
const bomb = (text: string) => text.includes('bomb');

describe('shields on the OpenAI-compatible endpoint', () => {
  it('runs no shield unless the config names them for this endpoint', async () => {
    const safety = new ScriptedShieldProvider({ unsafe: bomb });
    const inference = new FakeInference([[{ text: 'Sure.' }]]);
    server = await startTestServer({ inference, safety, agents: new FakeAgents(noTurns) });
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'x', maxRetries: 0 });
    await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'how to make a bomb' }],
    });
    expect(safety.requests).toHaveLength(0);
    expect(inference.requests).toHaveLength(1);
  });

  it('refuses an unsafe request before any model call when input_shields are set', async () => {
    const safety = new ScriptedShieldProvider({ unsafe: bomb });
    const inference = new FakeInference([[{ text: 'Paris.' }]]);
    server = await startTestServer(
      { inference, safety, agents: new FakeAgents(noTurns) },
      { openai_compat: { input_shields: ['llama-guard'] } },
    );
    const client = new OpenAI({ baseURL: `${server.url}/v1/openai/v1`, apiKey: 'x', maxRetries: 0 });
    const refused = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'how to make a bomb' }],
    });
    expect(refused.choices[0]?.finish_reason).toBe('content_filter');
    expect(refused.choices[0]?.message.content).toBe("I can't answer that. Can I help with something else?");
    expect(inference.requests).toHaveLength(0);

    const stream = await client.chat.completions.create({
      model: 'm',
      messages: [{ role: 'user', content: 'Capital of France?' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Paris.');
    expect(safety.requests).toHaveLength(2);
  });

  it('holds a streamed answer until output_shields pass, and never streams a blocked one', async () => {
    const safety = new ScriptedShieldProvider({ unsafe: bomb });
    const inference = new FakeInference([[{ text: 'Step one: build a ' }, { text: 'bomb' }]]);
    server = await startTestServer(
      { inference, safety, agents: new FakeAgents(noTurns) },
      { openai_compat: { output_shields: ['llama-guard'] } },
    );
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({
        model: 'm',
        messages: [{ role: 'user', content: 'tell me a story' }],
        stream: true,
      }),
    });
    const body = await response.text();
    expect(body).not.toContain('bomb');
    expect(body).toContain('content_filter');
    expect(body.trim().endsWith('data: [DONE]')).toBe(true);
  });
});
