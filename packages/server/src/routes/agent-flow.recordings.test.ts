import 'llama-stack-client/shims/web';
import { startReplayServer, type ReplayServer } from '@llama-stack-ts/inference-ollama/testing';
import LlamaStackClient from 'llama-stack-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';

// Llama Stack's own test_custom_tool, replayed from its recorded Ollama traffic: the prompts this server
// builds must match the recorded ones byte for byte, or the replay server reports a miss.
const MODEL = 'llama3.2:3b-instruct-fp16';

const GUARD = 'llama-guard3:1b';

let replay: ReplayServer;
let server: RunningServer;

beforeAll(async () => {
  // Llama Guard is in "Ollama", so the default `auto` enables the llama-guard shield.
  replay = await startReplayServer({ models: [MODEL, GUARD] });
  server = await startServer(
    {
      server: { host: '127.0.0.1', port: 0 },
      providers: {
        inference: { url: replay.url },
        storage: { type: 'memory' },
        tools: { code_interpreter: { enabled: false } },
      },
    },
    { logger: createLogger({ level: 'silent' }) },
  );
});
afterAll(async () => {
  await server?.close();
  await replay?.close();
});

type Payload = Record<string, any>;
async function payloads(stream: AsyncIterable<unknown>): Promise<Payload[]> {
  const out: Payload[] = [];
  for await (const chunk of stream as AsyncIterable<{ event?: { payload: Payload }; error?: unknown }>) {
    if (chunk.error) throw new Error(`error frame: ${JSON.stringify(chunk.error)}`);
    out.push(chunk.event!.payload);
  }
  return out;
}

describe.each([
  { shields: [] as string[], guardCalls: 0 },
  { shields: ['llama-guard'], guardCalls: 4 },
])('the get_boiling_point client-tool flow against recorded Ollama traffic (shields: $shields)', ({
  shields,
  guardCalls,
}) => {
  it('pauses for the client tool, resumes with its answer, and answers -100°C', async () => {
    replay.reset();
    const client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
    const { agent_id } = await client.agents.create({
      agent_config: {
        model: MODEL,
        instructions: 'You are a helpful assistant',
        input_shields: shields,
        output_shields: shields,
        sampling_params: { strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 } },
        client_tools: [
          {
            name: 'get_boiling_point',
            description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
            parameters: [
              {
                name: 'liquid_name',
                parameter_type: 'str',
                description: 'The name of the liquid',
                required: true,
              },
              {
                name: 'celcius',
                parameter_type: 'bool',
                description: 'Whether to return the boiling point in Celcius',
                required: false,
                default: true,
              },
            ],
          },
        ],
      } as never,
    });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'boiling' });

    const first = await payloads(
      await client.agents.turn.create(agent_id, session_id, {
        messages: [
          { role: 'user', content: 'What is the boiling point of the liquid polyjuice in celsius?' },
        ],
        stream: true,
      }),
    );
    const paused = first.at(-1)!;
    expect(paused.event_type).toBe('turn_awaiting_input');
    const call = paused.turn.output_message.tool_calls[0];
    expect(call.tool_name).toBe('get_boiling_point');
    expect(call.arguments).toEqual({ liquid_name: 'polyjuice', celcius: true });

    const second = await payloads(
      await client.agents.turn.resume(agent_id, session_id, paused.turn.turn_id, {
        tool_responses: [{ call_id: call.call_id, tool_name: 'get_boiling_point', content: '-100' }],
        stream: true,
      }),
    );
    const done = second.at(-1)!;
    expect(done.event_type).toBe('turn_complete');
    expect(done.turn.output_message.content).toContain('-100');
    replay.assertNoMisses();
    const generate = replay.requests.filter((r) => r.path === '/api/generate');
    expect(generate.filter((r) => (r.body as { model?: string }).model === MODEL)).toHaveLength(2);
    expect(generate.filter((r) => (r.body as { model?: string }).model === GUARD)).toHaveLength(guardCalls);
    if (guardCalls > 0) {
      expect(first.filter((p) => p.event_type === 'step_complete').map((p) => p.step_type)).toContain(
        'shield_call',
      );
    }
  });
});

describe('a client that disconnects mid-turn (recorded Ollama stream, slowed down)', () => {
  it('cancels the Ollama request and stores the turn as cancelled', async () => {
    replay.reset();
    replay.behaviour.chunkDelayMs = 100;
    try {
      const client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
      const { agent_id } = await client.agents.create({
        agent_config: {
          model: MODEL,
          instructions: 'You are a helpful assistant',
          sampling_params: { strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 } },
        } as never,
      });
      const { session_id } = await client.agents.session.create(agent_id, { session_name: 'disconnect' });
      const abort = new AbortController();
      const response = await fetch(`${server.url}/v1/agents/${agent_id}/session/${session_id}/turn`, {
        method: 'POST',
        body: JSON.stringify({
          messages: [
            { role: 'user', content: 'What is the boiling point of the liquid polyjuice in celsius?' },
          ],
          stream: true,
        }),
        signal: abort.signal,
      });
      const reader = response.body!.getReader();
      let seen = '';
      while (!seen.includes('"type":"text","text":"I'))
        seen += new TextDecoder().decode((await reader.read()).value);
      abort.abort();

      const generate = replay.requests.find((r) => r.path === '/api/generate');
      expect(generate).toBeDefined();
      expect(await generate!.settled).toBe('aborted');
      await expect
        .poll(
          async () =>
            (await client.agents.session.retrieve(agent_id, session_id)).turns[0]?.['status' as never],
          {
            timeout: 5_000,
          },
        )
        .toBe('cancelled');
    } finally {
      replay.behaviour.chunkDelayMs = 0;
    }
  });
});
