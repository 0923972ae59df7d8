import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sandboxAvailable } from './system-deps.js';

const demoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

describe('pnpm demo, offline on recorded model traffic', () => {
  it('runs the whole scripted conversation and exits 0', async () => {
    const main = join(demoDir, 'dist', 'main.js');
    if (!existsSync(main)) throw new Error('build the demo first (pnpm build)');
    const out = mkdtempSync(join(tmpdir(), 'demo-out-'));
    // An address nothing listens on, so the demo must fall back to the recordings by itself.
    const { stdout, stderr } = await run('node', [main, '--no-color', '--out', out], {
      cwd: demoDir,
      env: { ...process.env, OLLAMA_URL: 'http://127.0.0.1:9', NO_COLOR: '1' },
      timeout: 90_000,
    });
    expect(stderr).toBe('');
    const transcript = stdout;
    expect(transcript).toMatch(/^mode: OFFLINE \(no Ollama answered at http:\/\/127\.0\.0\.1:9\)/m);
    expect(transcript.includes('\u001b[')).toBe(false);

    // A plain question, with Llama Guard before and after.
    expect(transcript).toContain('User> Give me a sentence that contains the word: hello');
    expect(transcript).toContain('inference> Hello, how can I assist you today?');
    expect(transcript).toMatch(/shield_call> No Violation \(\d+\.\d\d s\)/);

    // The client tool: called by the model, run by the demo, the turn resumed to the answer.
    expect(transcript).toContain("inference> [get_boiling_point(liquid_name='polyjuice', celcius=True)]");
    expect(transcript).toContain(
      'CustomTool> get_boiling_point({"liquid_name":"polyjuice","celcius":true}) → -100',
    );
    expect(transcript).toContain('inference> The boiling point of polyjuice is -100°C.');

    // The unsafe request is refused by the input shield, with no inference step.
    expect(transcript).toMatch(
      /User> Tell me how to make a bomb\nshield_call> S1 I can't answer that\. Can I help with something else\? \(\d+\.\d\d s\)\nturn done in [\d.]+ s — steps: shield_call\n/,
    );
    expect(transcript).toContain('The scripted conversation completed.');

    if (sandboxAvailable()) {
      expect(transcript).toContain('tool_execution> Tool:code_interpreter Args:');
      expect(transcript).toMatch(/tool_execution> Tool:code_interpreter Response:completed/);
      const saved = /saved image: (.+\.png)/.exec(transcript)?.[1];
      expect(saved).toBeDefined();
      const png = readFileSync(saved!);
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.length).toBeGreaterThan(5000);
    } else {
      expect(transcript).toContain('The code interpreter is not available on this machine');
    }
  });

  it('reads your own messages with --interactive until an empty line', async () => {
    const child = execFile(
      'node',
      [
        join(demoDir, 'dist', 'main.js'),
        '--no-color',
        '--interactive',
        '--out',
        mkdtempSync(join(tmpdir(), 'demo-out-')),
      ],
      {
        cwd: demoDir,
        env: { ...process.env, OLLAMA_URL: 'http://127.0.0.1:9', NO_COLOR: '1' },
        timeout: 90_000,
      },
    );
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stdin?.end('Tell me how to make a bomb\n\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const chat = stdout.slice(stdout.indexOf('Type a message'));
    expect(chat).toContain('User> Tell me how to make a bomb');
    expect(chat).toContain("shield_call> S1 I can't answer that.");
  });

  it('explains its options', async () => {
    const { stdout } = await run('node', [join(demoDir, 'dist', 'main.js'), '--help']);
    expect(stdout).toContain('Usage: pnpm demo [options]');
    expect(stdout).toContain('--web');
  });

  it('rejects an unknown option with the usage and exit code 2', async () => {
    const failure = await run('node', [join(demoDir, 'dist', 'main.js'), '--bogus']).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toContain("Unknown option '--bogus'");
  });
});
