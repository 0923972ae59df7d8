// biome-ignore-all lint/suspicious/noTemplateCurlyInString: run.yaml writes ${env.NAME} in plain strings
import 'llama-stack-client/shims/web';
import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedInferenceProvider, textReply, toolCallReply } from '@llama-stack-ts/agent-core/testing';
import LlamaStackClient from 'llama-stack-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../config/load-config.js';
import { createLogger } from '../logging/create-logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { codeInterpreterUnavailable } from '../test-support/sandbox-or-skip.js';

const MODEL = 'llama3.2:3b-instruct-fp16';

let server: RunningServer;
let unavailable: string | undefined;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'lsts-limits-'));
  await chmod(dataDir, 0o711);
  const file = join(dataDir, 'run.yaml');
  await writeFile(
    file,
    [
      'providers:',
      '  safety:',
      '    llama_guard: { enabled: false }',
      '    code_scanner: { enabled: false }',
      '  tools:',
      '    code_interpreter:',
      '      enabled: ${env.CODE_INTERPRETER:=true}',
      '      limits:',
      '        cpu_seconds: ${env.CPU_SECONDS:=5}',
      '        wall_time_ms: ${env.WALL_TIME_MS:=20000}',
    ].join('\n'),
  );
  const config = await loadConfigFile(file, { env: { CPU_SECONDS: '1' } });
  const inference = new ScriptedInferenceProvider({
    models: [MODEL],
    script: [toolCallReply('code_interpreter', { code: 'while True:\n    pass' }), textReply('It spun.')],
  });
  server = await startServer(
    { ...config, server: { ...config.server, port: 0 } },
    { dataDir, providers: { inference }, logger: createLogger({ level: 'silent' }) },
  );
  unavailable = codeInterpreterUnavailable(server.stack, 'code interpreter limits test');
}, 60_000);
afterAll(() => server?.close());

describe('code interpreter limits from ${env.*} in run.yaml', () => {
  it('reach the sandbox as numbers: cpu_seconds ${env.CPU_SECONDS:=5} with CPU_SECONDS=1 stops a busy loop at 1 s', async (context) => {
    if (unavailable) return context.skip(unavailable);
    const client = new LlamaStackClient({ baseURL: server.url, maxRetries: 0 });
    const { agent_id } = await client.agents.create({
      agent_config: { model: MODEL, instructions: 'Use Python.', toolgroups: ['builtin::code_interpreter'] },
    });
    const { session_id } = await client.agents.session.create(agent_id, { session_name: 'limits' });
    const turn = await client.agents.turn.create(agent_id, session_id, {
      messages: [{ role: 'user', content: 'Spin' }],
      stream: false,
    });
    const execution = turn.steps.find((step) => step.step_type === 'tool_execution');
    const response = execution?.step_type === 'tool_execution' ? execution.tool_responses[0] : undefined;
    expect(String(response?.content)).toContain('CPU time limit of 1 s reached');
  }, 30_000);
});
