import 'llama-stack-client/shims/web';
import { chmod, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedInferenceProvider, textReply, toolCallReply } from '@llama-stack-ts/agent-core/testing';
import LlamaStackClient from 'llama-stack-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { codeInterpreterUnavailable } from '../test-support/sandbox-or-skip.js';

const MODEL = 'llama3.2:3b-instruct-fp16';
const WRITE_NOTES = 'open("notes.txt", "w").write("kept for the next call")\nprint("saved")';

let server: RunningServer;
let client: LlamaStackClient;
let workRoot: string;
let unavailable: string | undefined;

beforeAll(async () => {
  const inference = new ScriptedInferenceProvider({
    models: [MODEL],
    script: Array.from({ length: 3 }, () => [
      toolCallReply('code_interpreter', { code: WRITE_NOTES }),
      textReply('Saved.'),
    ]).flat(),
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'lsts-workdirs-'));
  await chmod(dataDir, 0o711); // the sandbox user must reach the work root inside it
  workRoot = join(dataDir, 'code');
  server = await startServer(
    {
      server: { host: '127.0.0.1', port: 0 },
      providers: {
        safety: { llama_guard: { enabled: false }, code_scanner: { enabled: false } },
        tools: { code_interpreter: { work_root: workRoot } },
      },
    },
    { dataDir, providers: { inference }, logger: createLogger({ level: 'silent' }) },
  );
  client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
  unavailable = codeInterpreterUnavailable(server.stack, 'session work directory test');
}, 60_000);
afterAll(() => server?.close());

async function sessionDirectories(): Promise<string[]> {
  return (await readdir(workRoot)).filter((name) => name.startsWith('session-'));
}

async function runCodeIn(agentId: string, sessionName: string): Promise<string> {
  const { session_id } = await client.agents.session.create(agentId, { session_name: sessionName });
  const turn = await client.agents.turn.create(agentId, session_id, {
    messages: [{ role: 'user', content: 'Save a note' }],
    stream: false,
  });
  expect(turn.output_message.content).toBe('Saved.');
  return session_id;
}

async function createAgent(persistent: boolean): Promise<string> {
  const { agent_id } = await client.agents.create({
    agent_config: {
      model: MODEL,
      instructions: 'Use Python.',
      toolgroups: ['builtin::code_interpreter'],
      enable_session_persistence: persistent,
    },
  });
  return agent_id;
}

describe("the code interpreter's per-session work directory", () => {
  it('is removed when its session is deleted, and when its agent is deleted', async (context) => {
    if (unavailable) return context.skip(unavailable);

    const first = await createAgent(true);
    const session = await runCodeIn(first, 'one');
    const [directory] = await sessionDirectories();
    expect(directory).toBeDefined();
    expect(await readdir(join(workRoot, directory!))).toContain('notes.txt');
    await client.agents.session.delete(first, session);
    expect(await sessionDirectories()).toEqual([]);

    const second = await createAgent(false);
    await runCodeIn(second, 'two');
    await runCodeIn(second, 'three');
    expect(await sessionDirectories()).toHaveLength(2);
    await client.agents.delete(second);
    expect(await sessionDirectories()).toEqual([]);

    await expect(client.agents.session.delete(first, session)).rejects.toBeInstanceOf(
      LlamaStackClient.NotFoundError,
    );
  }, 60_000);
});
