// biome-ignore-all lint/suspicious/noTemplateCurlyInString: run.yaml writes ${env.NAME} in plain strings
import { mkdtemp, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReplayServer, startReplayServer } from '@llama-stack-ts/inference-ollama/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

let replay: ReplayServer;
beforeAll(async () => {
  replay = await startReplayServer({ models: ['llama3.2:3b-instruct-fp16', 'llama-guard3:1b'] });
});
afterAll(() => replay.close());

describe('llama-stack-ts serve', () => {
  it('serves from a run.yaml, prints what it serves and what it could not enable, and stops cleanly', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'lsts-serve-'));
    const configFile = join(dataDir, 'run.yaml');
    await writeFile(
      configFile,
      [
        'server:',
        '  host: 127.0.0.1',
        '  log_level: silent',
        '  auth:',
        '    api_keys: ["${env.TEST_API_KEY}"]',
        'providers:',
        '  inference:',
        '    url: ${env.TEST_OLLAMA_URL}',
        '  tools:',
        '    code_interpreter:',
        '      enabled: false',
      ].join('\n'),
    );
    const err: string[] = [];
    const stop = new AbortController();
    const exit = runCli(['serve', '--config', configFile, '--port', '0', '--data-dir', dataDir], {
      out: () => {},
      err: (text) => err.push(text),
      env: { TEST_API_KEY: 'k-123', TEST_OLLAMA_URL: replay.url },
      stop: stop.signal,
    });
    await expect.poll(() => err.join('\n'), { timeout: 10_000 }).toContain('listening on');
    const banner = err.join('\n');
    const url = banner.match(/listening on (http:\/\/\S+)/)![1]!;
    expect(banner).toMatch(/models: {2}llama3\.2:3b-instruct-fp16, .*llama-guard3:1b/);
    expect(banner).toContain('shields: llama-guard, code-scanner');
    expect(banner).toContain(`store:   sqlite ${join(dataDir, 'llama-stack-ts.db')}`);
    expect(banner).toContain('auth:    bearer API keys required');
    expect(banner).toMatch(
      /not enabled:\n(.*\n)*\s+- tool code_interpreter \(builtin::code_interpreter\): disabled/,
    );
    expect(banner).toContain(
      '- tool web_search (builtin::websearch): not configured: set providers.tools.web_search.provider (brave or tavily) and providers.tools.web_search.api_key',
    );
    expect(banner).not.toContain('k-123');

    expect((await fetch(`${url}/v1/health`)).status).toBe(200);
    expect((await fetch(`${url}/v1/agents`)).status).toBe(401);
    const agents = await fetch(`${url}/v1/agents`, { headers: { authorization: 'Bearer k-123' } });
    expect(await agents.json()).toEqual({ data: [], has_more: false, url: '/v1/agents' });
    expect((await stat(join(dataDir, 'llama-stack-ts.db'))).isFile()).toBe(true);

    stop.abort();
    expect(await exit).toBe(0);
    expect(err.at(-1)).toBe('stopped');
    await expect(fetch(`${url}/v1/health`)).rejects.toThrow();
  });

  it('says which key of which file is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lsts-bad-'));
    const configFile = join(dir, 'run.yaml');
    await writeFile(configFile, 'server:\n  port: -1\n');
    const err: string[] = [];
    expect(
      await runCli(['serve', '--config', configFile], { out: () => {}, err: (t) => err.push(t), env: {} }),
    ).toBe(1);
    expect(err.join('')).toMatch(new RegExp(`${configFile}: invalid config\\n\\s+server\\.port: `));
  });
});
