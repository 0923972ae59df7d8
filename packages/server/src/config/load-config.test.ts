// biome-ignore-all lint/suspicious/noTemplateCurlyInString: run.yaml writes ${env.NAME} in plain strings
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { loadConfigFile, parseConfigText, validateConfig } from './load-config.js';
import { resolveDataDir, resolveOllamaUrl } from './resolve-paths.js';

describe('run.yaml', () => {
  it('runs with no config at all: Ollama on 127.0.0.1:11434, SQLite, Llama Guard when present', () => {
    const config = validateConfig(undefined);
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8321, keepalive_interval_ms: 15_000 });
    expect(config.server.body_limit).toBe(10 * 1024 * 1024);
    expect(config.providers.storage).toEqual({ type: 'sqlite' });
    expect(config.providers.safety.llama_guard).toMatchObject({ enabled: 'auto', model: 'llama-guard3:1b' });
    expect(config.openai_compat).toEqual({ input_shields: [], output_shields: [] });
    expect(resolveOllamaUrl(config, {})).toBe('http://127.0.0.1:11434');
    expect(resolveOllamaUrl(config, { OLLAMA_URL: 'http://127.0.0.1:9999' })).toBe('http://127.0.0.1:9999');
  });

  it('substitutes ${env.NAME} and ${env.NAME:=default}, and drops keys whose variable is unset', () => {
    const config = parseConfigText(
      [
        'server:',
        '  port: ${env.PORT:=9000}',
        '  body_limit: 2mb',
        '  auth:',
        '    api_keys: ["${env.API_KEY}"]',
        'providers:',
        '  inference:',
        '    url: ${env.OLLAMA_URL}',
        '  storage:',
        '    type: postgres',
        '    url: postgres://${env.PGUSER:=me}@127.0.0.1/db',
      ].join('\n'),
      { env: { API_KEY: 'k1' } },
    );
    expect(config.server.port).toBe(9000);
    expect(config.server.body_limit).toBe(2 * 1024 * 1024);
    expect(config.server.auth.api_keys).toEqual(['k1']);
    expect(config.providers.inference.url).toBeUndefined();
    expect(config.providers.storage).toEqual({ type: 'postgres', url: 'postgres://me@127.0.0.1/db' });
  });

  it('turns ${env.X} numbers and booleans of the tools section into numbers and booleans for tools-builtin', () => {
    const text = [
      'providers:',
      '  tools:',
      '    code_interpreter:',
      '      enabled: ${env.CODE_INTERPRETER:=true}',
      '      max_concurrent_runs: ${env.RUNS:=2}',
      '      limits:',
      '        cpu_seconds: ${env.CPU_SECONDS:=5}',
      '        memory_bytes: ${env.MEMORY_BYTES}',
      '        wall_time_ms: "${env.WALL_MS:=1.5e4}"',
      '      extra_read_only_paths: ["${env.EXTRA:=/opt/data}"]',
      '    wolfram_alpha:',
      '      api_key: ${env.WOLFRAM_KEY}',
      '      timeout_ms: ${env.WOLFRAM_TIMEOUT:=5000}',
    ].join('\n');
    const config = parseConfigText(text, {
      env: { MEMORY_BYTES: '536870912', CODE_INTERPRETER: 'false', WOLFRAM_KEY: '123456' },
    });
    const codeInterpreter = config.providers.tools.codeInterpreter!;
    expect(codeInterpreter.enabled).toBe(false);
    expect(codeInterpreter.maxConcurrentRuns).toBe(2);
    expect(codeInterpreter.limits).toMatchObject({
      cpuSeconds: 5,
      memoryBytes: 536_870_912,
      wallTimeMs: 15_000,
      maxProcesses: 32,
    });
    expect(codeInterpreter.extraReadOnlyPaths).toEqual(['/opt/data']);
    // A string field made of digits stays a string.
    expect(config.providers.tools.wolframAlpha).toMatchObject({ apiKey: '123456', timeoutMs: 5000 });
  });

  it('still refuses a tools value that is not a number, naming the key', () => {
    expect(() =>
      parseConfigText(
        'providers:\n  tools:\n    code_interpreter:\n      limits:\n        cpu_seconds: ${env.CPU_SECONDS:=lots}\n',
        { source: 'd.yaml', env: {} },
      ),
    ).toThrow(
      /d\.yaml: invalid config\n\s+providers\.tools\.code_interpreter\.limits\.cpu_seconds: .*expected number/,
    );
  });

  it('names the file and the key path of an invalid value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lsts-config-'));
    const file = join(dir, 'run.yaml');
    await writeFile(file, 'server:\n  port: lots\nproviders:\n  storage:\n    type: mongo\n');
    const error = await loadConfigFile(file, { env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain(file);
    expect(message).toContain('server.port');
    expect(message).toContain('providers.storage.type');
  });

  it('names an unknown key, bad YAML, and a missing variable inside a longer string', () => {
    expect(() => parseConfigText('server:\n  prot: 1\n', { source: 'a.yaml' })).toThrow(
      /a\.yaml.*\n.*server.*prot/,
    );
    expect(() => parseConfigText('server: [oops', { source: 'b.yaml' })).toThrow(/b\.yaml: invalid YAML/);
    expect(() =>
      parseConfigText('providers:\n  storage:\n    type: postgres\n    url: postgres://${env.NOPE}@h/db\n', {
        source: 'c.yaml',
        env: {},
      }),
    ).toThrow(/c\.yaml: providers\.storage\.url: environment variable NOPE is not set/);
  });

  it('takes the data dir from --data-dir, then LLAMA_STACK_TS_DATA_DIR, then data_dir, then ~/.llama-stack-ts', () => {
    const config = validateConfig({ data_dir: '/srv/from-config' });
    expect(
      resolveDataDir(config, { dataDir: '/tmp/flag', env: { LLAMA_STACK_TS_DATA_DIR: '/tmp/env' } }),
    ).toBe('/tmp/flag');
    expect(resolveDataDir(config, { env: { LLAMA_STACK_TS_DATA_DIR: '/tmp/env' } })).toBe('/tmp/env');
    expect(resolveDataDir(config, { env: {} })).toBe('/srv/from-config');
    expect(resolveDataDir(validateConfig({}), { env: {} })).toMatch(/\.llama-stack-ts$/);
  });
});
