import { describe, expect, it } from 'vitest';
import { HELP_TEXT, parseCliArgs } from './cli-args.js';
import { runCli } from './run-cli.js';

describe('llama-stack-ts CLI arguments', () => {
  it('reads serve with every option', () => {
    expect(
      parseCliArgs(['serve', '--config', 'run.yaml', '--port', '0', '--host', '::1', '--data-dir', '/tmp/d']),
    ).toEqual({ kind: 'serve', config: 'run.yaml', port: 0, host: '::1', dataDir: '/tmp/d' });
    expect(parseCliArgs([])).toEqual({ kind: 'serve' });
    expect(parseCliArgs(['serve', '-c', 'x.yaml', '-p', '8000'])).toEqual({
      kind: 'serve',
      config: 'x.yaml',
      port: 8000,
    });
  });

  it('has --version and --help', async () => {
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' });
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' });
    const out: string[] = [];
    expect(await runCli(['--help'], { out: (t) => out.push(t), err: () => {}, env: {} })).toBe(0);
    expect(out.join('')).toContain('llama-stack-ts serve [--config run.yaml]');
    expect(HELP_TEXT).toContain('LLAMA_STACK_TS_DATA_DIR');
    const version: string[] = [];
    await runCli(['--version'], { out: (t) => version.push(t), err: () => {}, env: {} });
    expect(version[0]).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('explains a bad port, an unknown option and an unknown command', async () => {
    expect(() => parseCliArgs(['serve', '--port', 'http'])).toThrow(/--port must be a number/);
    expect(() => parseCliArgs(['serve', '--verbose'])).toThrow(/--help for usage/);
    expect(() => parseCliArgs(['start'])).toThrow(/Unknown command: start/);
    const err: string[] = [];
    expect(
      await runCli(['serve', '--config', '/nonexistent/run.yaml'], {
        out: () => {},
        err: (t) => err.push(t),
        env: {},
      }),
    ).toBe(1);
    expect(err.join('')).toContain('/nonexistent/run.yaml: cannot read the config file');
  });
});
