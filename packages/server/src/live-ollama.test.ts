import 'llama-stack-client/shims/web';
import LlamaStackClient from 'llama-stack-client';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from './logging/create-logger.js';
import { type RunningServer, startServer } from './server/start-server.js';

// Against a real Ollama: OLLAMA_HOST=http://127.0.0.1:11434 (with llama3.2:3b pulled) npx vitest run src/live-ollama
const host = process.env.OLLAMA_HOST;
const model = process.env.LIVE_MODEL ?? 'llama3.2:3b';
if (!host) console.warn('live-ollama tests skipped: set OLLAMA_HOST to a running Ollama to run them');

describe.skipIf(!host)('live Ollama', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const url = host!.startsWith('http') ? host! : `http://${host}`;
    server = await startServer(
      {
        server: { host: '127.0.0.1', port: 0 },
        providers: {
          inference: { url },
          storage: { type: 'memory' },
          tools: { code_interpreter: { enabled: false } },
        },
      },
      { logger: createLogger({ level: 'warn' }) },
    );
  });
  afterAll(() => server?.close());

  it('runs a streamed agent turn', async () => {
    const client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0, timeout: 300_000 });
    const { agent_id } = await client.agents.create({
      agent_config: { model, instructions: 'You are a helpful assistant' },
    });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'live' });
    const stream = await client.agents.turn.create(agent_id, session_id, {
      messages: [{ role: 'user', content: 'Give me a sentence that contains the word: hello' }],
      stream: true,
    });
    let last: { event_type: string; turn?: { output_message: { content: unknown } } } | undefined;
    for await (const chunk of stream) last = chunk.event.payload as never;
    expect(last?.event_type).toBe('turn_complete');
    expect(JSON.stringify(last?.turn?.output_message.content).toLowerCase()).toContain('hello');
  }, 300_000);

  it('answers the openai SDK', async () => {
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'none', maxRetries: 0 });
    const answer = await openai.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Which planet do humans live on? One word.' }],
      temperature: 0,
    });
    expect(answer.choices[0]?.message.content?.toLowerCase()).toContain('earth');
  }, 300_000);
});
