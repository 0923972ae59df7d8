import 'llama-stack-client/shims/web';
import { AgentRuntime, MemoryAgentStore } from '@llama-stack-ts/agent-core';
import { ScriptedInferenceProvider, ScriptedToolProvider } from '@llama-stack-ts/agent-core/testing';
import LlamaStackClient from 'llama-stack-client';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test-support/test-server.js';

const MODEL = 'llama3.2:3b-instruct-fp16';

/** A tool with per-session state, like the code interpreter's work directories. */
class SessionTool extends ScriptedToolProvider {
  readonly released: string[] = [];
  failRelease = false;
  constructor() {
    super([
      { name: 'scratch', toolgroup_id: 'test::scratch', description: 'Scratch space', run: () => 'ok' },
    ]);
  }
  async releaseSession(sessionId: string): Promise<void> {
    if (this.failRelease) throw new Error('disk on fire');
    this.released.push(sessionId);
  }
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(tool: SessionTool) {
  const inference = new ScriptedInferenceProvider({ models: [MODEL], script: [] });
  const store = new MemoryAgentStore();
  server = await startTestServer({
    inference,
    store,
    tools: [tool],
    agents: new AgentRuntime({ inference, store, tools: [tool] }),
  });
  return new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
}

describe('session-scoped tool state', () => {
  it('is released for a deleted session, and for every session of a deleted agent', async () => {
    const tool = new SessionTool();
    const client = await serve(tool);
    const { agent_id } = await client.agents.create({ agent_config: { model: MODEL, instructions: 'x' } });
    const sessions = await Promise.all(
      ['a', 'b', 'c'].map(async (name) => {
        const created = await client.agents.session.create(agent_id, { session_name: name });
        return created.session_id;
      }),
    );
    await client.agents.session.delete(agent_id, sessions[0]!);
    expect(tool.released).toEqual([sessions[0]]);
    await client.agents.delete(agent_id);
    expect(tool.released.toSorted()).toEqual(sessions.toSorted());
  });

  it('releases nothing when the session does not exist (404)', async () => {
    const tool = new SessionTool();
    const client = await serve(tool);
    const { agent_id } = await client.agents.create({ agent_config: { model: MODEL, instructions: 'x' } });
    await expect(client.agents.session.delete(agent_id, 'nope')).rejects.toBeInstanceOf(
      LlamaStackClient.NotFoundError,
    );
    await expect(client.agents.delete('nope')).rejects.toBeInstanceOf(LlamaStackClient.NotFoundError);
    expect(tool.released).toEqual([]);
  });

  it('still deletes the session when releasing fails, and logs why', async () => {
    const tool = new SessionTool();
    tool.failRelease = true;
    const client = await serve(tool);
    const { agent_id } = await client.agents.create({ agent_config: { model: MODEL, instructions: 'x' } });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'a' });
    await client.agents.session.delete(agent_id, session_id);
    await expect(client.agents.session.retrieve(agent_id, session_id)).rejects.toBeInstanceOf(
      LlamaStackClient.NotFoundError,
    );
    expect(server!.logs()).toContain('could not release session files');
    expect(server!.logs()).toContain('disk on fire');
  });
});
