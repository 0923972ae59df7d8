import 'llama-stack-client/shims/web';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedInferenceProvider, textReply, toolCallReply } from '@llama-stack-ts/agent-core/testing';
import { startTestPostgresOrSkip, type TestPostgres } from '@llama-stack-ts/store-postgres/testing';
import LlamaStackClient from 'llama-stack-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageSection } from '../config/run-config.js';
import { createLogger } from '../logging/create-logger.js';
import { startServer } from '../server/start-server.js';

const MODEL = 'llama3.2:3b-instruct-fp16';

let postgres: TestPostgres | undefined;
let postgresSkip: string | undefined;
beforeAll(async () => {
  const started = await startTestPostgresOrSkip();
  postgres = started.postgres;
  postgresSkip = started.skipReason;
}, 60_000);
afterAll(() => postgres?.stop());

async function serveOn(dataDir: string, inference: ScriptedInferenceProvider, storage: StorageSection) {
  return startServer(
    { server: { host: '127.0.0.1', port: 0 }, providers: { storage } },
    { dataDir, providers: { inference, tools: [] }, logger: createLogger({ level: 'silent' }) },
  );
}

async function lastPayload(stream: AsyncIterable<unknown>) {
  let last: Record<string, any> | undefined;
  for await (const chunk of stream as AsyncIterable<{ event: { payload: Record<string, any> } }>)
    last = chunk.event.payload;
  return last!;
}

describe.each(['sqlite', 'postgres'] as const)('%s storage', (kind) => {
  it('resumes a turn paused for a client tool after the server restarted', async (context) => {
    if (kind === 'postgres' && !postgres) return context.skip(postgresSkip);
    const storage: StorageSection =
      kind === 'sqlite' ? { type: 'sqlite' } : { type: 'postgres', url: postgres!.url };
    const dataDir = await mkdtemp(join(tmpdir(), 'lsts-restart-'));
    const first = await serveOn(
      dataDir,
      new ScriptedInferenceProvider({
        models: [MODEL],
        script: [toolCallReply('get_time', { zone: 'UTC' })],
      }),
      storage,
    );
    let client = new LlamaStackClient({ baseURL: first.url, maxRetries: 0 });
    const { agent_id } = await client.agents.create({
      agent_config: {
        model: MODEL,
        instructions: 'You are a helpful assistant',
        enable_session_persistence: true,
        client_tools: [{ name: 'get_time', description: 'Current time', parameters: [] }],
      } as never,
    });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'durable' });
    const paused = await lastPayload(
      await client.agents.turn.create(agent_id, session_id, {
        messages: [{ role: 'user', content: 'Time?' }],
        stream: true,
      }),
    );
    expect(paused.event_type).toBe('turn_awaiting_input');
    if (kind === 'sqlite')
      expect(first.stack.storeDescription).toBe(`sqlite ${join(dataDir, 'llama-stack-ts.db')}`);
    else expect(first.stack.storeDescription).toMatch(/^postgres postgres:\/\//);
    await first.close();

    const second = await serveOn(
      dataDir,
      new ScriptedInferenceProvider({ models: [MODEL], script: [textReply('It is noon.')] }),
      storage,
    );
    try {
      client = new LlamaStackClient({ baseURL: second.url, maxRetries: 0 });
      const call = paused.turn.output_message.tool_calls[0];
      const done = await lastPayload(
        await client.agents.turn.resume(agent_id, session_id, paused.turn.turn_id, {
          tool_responses: [{ call_id: call.call_id, tool_name: 'get_time', content: '12:00' }],
          stream: true,
        }),
      );
      expect(done.event_type).toBe('turn_complete');
      expect(done.turn.turn_id).toBe(paused.turn.turn_id);
      expect(done.turn.output_message.content).toBe('It is noon.');
      const session = await client.agents.session.retrieve(agent_id, session_id);
      expect(session.turns.map((t) => t.turn_id)).toEqual([paused.turn.turn_id]);
    } finally {
      await second.close();
    }
  });
});
