import { AgentRuntime, MemoryAgentStore } from '@llama-stack-ts/agent-core';
import { afterEach, describe, expect, it } from 'vitest';
import { deferred, FakeInference, type ScriptStep } from '../test-support/fake-inference.js';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const MODEL = 'llama3.2:3b-instruct-fp16';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(script: ScriptStep[]): Promise<TestServer> {
  const inference = new FakeInference([script], [MODEL]);
  const store = new MemoryAgentStore();
  const agents = new AgentRuntime({ inference, store, tools: [] });
  server = await startTestServer({ inference, store, agents, tools: [] });
  return server;
}

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

type Endpoint = {
  name: string;
  /** Starts a streamed request asking for one answer. */
  start: (s: TestServer) => Promise<Response>;
  /** The answer text one parsed `data:` frame carries. */
  textOf: (frame: any) => string;
  done: boolean;
};

const endpoints: Endpoint[] = [
  {
    name: 'agent turn',
    start: async (s) => {
      const { agent_id } = await (
        await postJson(`${s.url}/v1/agents`, { agent_config: { model: MODEL, instructions: 'Be brief' } })
      ).json();
      const { session_id } = await (
        await postJson(`${s.url}/v1/agents/${agent_id}/session`, { session_name: 'frames' })
      ).json();
      return postJson(`${s.url}/v1/agents/${agent_id}/session/${session_id}/turn`, {
        messages: [{ role: 'user', content: 'Count' }],
        stream: true,
      });
    },
    textOf: (frame) => {
      const payload = frame.event?.payload;
      return payload?.event_type === 'step_progress' && payload.delta?.type === 'text'
        ? payload.delta.text
        : '';
    },
    done: false,
  },
  {
    name: '/v1/inference/chat-completion',
    start: (s) =>
      postJson(`${s.url}/v1/inference/chat-completion`, {
        model_id: MODEL,
        messages: [{ role: 'user', content: 'Count' }],
        stream: true,
      }),
    textOf: (frame) => (frame.event?.delta?.type === 'text' ? frame.event.delta.text : ''),
    done: false,
  },
  ...[
    { base: '/v1/openai/v1', done: false },
    { base: '/v1', done: true },
  ].map(({ base, done }) => ({
    name: `${base}/chat/completions`,
    start: (s: TestServer) =>
      postJson(`${s.url}${base}/chat/completions`, {
        model: MODEL,
        messages: [{ role: 'user', content: 'Count' }],
        stream: true,
      }),
    textOf: (frame: any) => frame.choices?.[0]?.delta?.content ?? '',
    done,
  })),
];

/** The raw SSE body split into frames; `data:` payloads parsed unless they are `[DONE]`. */
function parseFrames(body: string): unknown[] {
  expect(body.endsWith('\n\n')).toBe(true);
  return body
    .slice(0, -2)
    .split('\n\n')
    .filter((frame) => !frame.startsWith(':'))
    .map((frame) => {
      expect(frame.startsWith('data: ')).toBe(true);
      const data = frame.slice('data: '.length);
      return data === '[DONE]' ? data : JSON.parse(data);
    });
}

describe.each(endpoints)('SSE frames of $name over HTTP', ({ start, textOf, done }) => {
  it('arrive intact and in order when the model produces hundreds of chunks at once', async () => {
    const tokens = Array.from({ length: 400 }, (_, index) => `<${index} "é" \\n>`);
    const s = await serve(tokens.map((text) => ({ text })));
    const response = await start(s);
    expect(response.status).toBe(200);
    const frames = parseFrames(await response.text());
    expect(frames.at(-1) === '[DONE]').toBe(done);
    expect(frames.filter((frame) => frame === '[DONE]').length).toBe(done ? 1 : 0);
    const deltas = frames
      .filter((frame) => frame !== '[DONE]')
      .map(textOf)
      .filter(Boolean);
    expect(deltas).toEqual(tokens);
  });

  it('sends the first answer text while the model is still working on the next', async () => {
    const gate = deferred();
    const s = await serve([{ text: 'Hel' }, { wait: gate.promise }, { text: 'lo' }]);
    const response = await start(s);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let seen = '';
    const sawFirst = () => {
      const complete = seen.slice(0, seen.lastIndexOf('\n\n') + 2);
      return (
        complete !== '' &&
        parseFrames(complete).some((frame) => frame !== '[DONE]' && textOf(frame) === 'Hel')
      );
    };
    while (!sawFirst()) {
      const { value, done: ended } = await reader.read();
      expect(ended, 'the stream ended before the first text arrived').toBe(false);
      seen += value;
    }
    expect(seen).not.toContain('"lo"');
    gate.resolve();
    while (true) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      seen += value;
    }
    const deltas = parseFrames(seen)
      .filter((frame) => frame !== '[DONE]')
      .map(textOf)
      .filter(Boolean);
    expect(deltas).toEqual(['Hel', 'lo']);
  });
});
