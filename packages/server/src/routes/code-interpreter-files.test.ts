import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedInferenceProvider, textReply, toolCallReply } from '@llama-stack-ts/agent-core/testing';
import type { Turn } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/create-logger.js';
import { type RunningServer, startServer } from '../server/start-server.js';
import { codeInterpreterUnavailable } from '../test-support/sandbox-or-skip.js';

const MODEL = 'llama3.2:3b-instruct-fp16';
const PLOT = 'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.show()';

let server: RunningServer;
let inference: ScriptedInferenceProvider;
let unavailable: string | undefined;

beforeAll(async () => {
  inference = new ScriptedInferenceProvider({
    models: [MODEL],
    script: [toolCallReply('code_interpreter', { code: PLOT }), textReply('Here is the plot.')],
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'lsts-plot-'));
  server = await startServer(
    {
      server: { host: '127.0.0.1', port: 0 },
      providers: { safety: { llama_guard: { enabled: false }, code_scanner: { enabled: false } } },
    },
    { dataDir, providers: { inference }, logger: createLogger({ level: 'silent' }) },
  );
  unavailable = codeInterpreterUnavailable(server.stack, 'code interpreter test');
}, 60_000);
afterAll(() => server?.close());

describe('files the code interpreter produces', () => {
  it('stores a plot in the data dir and serves it at the URL in the turn', async (context) => {
    if (unavailable) return context.skip(unavailable);
    const base = `${server.url}/v1/agents`;
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', body: JSON.stringify(body) }).then((r) => r.json());
    const { agent_id } = await post('', {
      agent_config: { model: MODEL, instructions: 'Plot things.', toolgroups: ['builtin::code_interpreter'] },
    });
    const { session_id } = await post(`/${agent_id}/session`, { session_name: 'plots' });
    const turn = (await post(`/${agent_id}/session/${session_id}/turn`, {
      messages: [{ role: 'user', content: 'Plot y = x^2' }],
      stream: false,
    })) as Turn;
    expect(turn.output_message.content).toBe('Here is the plot.');
    const attachment = turn.output_attachments[0];
    expect(attachment?.mime_type).toBe('image/png');
    const uri = (attachment?.content as { uri: string }).uri;
    expect(uri).toMatch(/^\/v1\/files\/.+\/content$/);
    const image = await fetch(`${server.url}${uri}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  }, 60_000);
});
