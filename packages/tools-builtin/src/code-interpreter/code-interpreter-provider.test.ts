import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CancelledError, ProviderUnavailableError } from '@llama-stack-ts/api-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../testing/memory-file-store.js';
import { CodeInterpreterProvider } from './code-interpreter-provider.js';
import { codeCall, processesWorkingIn, sandboxTestsEnabled, TEST_LIMITS } from './sandbox-test-support.js';
import { WorkDirectories } from './work-dirs.js';

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const call = codeCall;

function text(content: unknown): string {
  expect(typeof content).toBe('string');
  return content as string;
}

describe.skipIf(!sandboxTestsEnabled())('code_interpreter in the real bubblewrap sandbox', () => {
  let workRoot: string;
  let files: MemoryFileStore;
  let interpreter: CodeInterpreterProvider;

  beforeAll(async () => {
    workRoot = await mkdtemp(path.join(tmpdir(), 'code-interpreter-test-'));
    files = new MemoryFileStore();
    interpreter = new CodeInterpreterProvider({
      workRoot,
      fileStore: files,
      publicBaseUrl: 'http://localhost:8321',
      limits: TEST_LIMITS,
    });
    await interpreter.check();
  });

  afterAll(async () => {
    await interpreter.dispose();
    await rm(workRoot, { recursive: true, force: true });
  });

  it('answers in the model-card format with stdout', async () => {
    const result = await interpreter.invoke(call('print(sum(range(10)))\nprint("done")'));
    expect(result.content).toBe('completed\n[stdout]45\ndone[/stdout]');
    expect(result.error).toBeUndefined();
    expect(result.metadata).toMatchObject({ status: 'completed', exit_code: 0 });
  });

  it('seeds random and numpy with 0, so runs repeat', async () => {
    const code = 'import random\nimport numpy as np\nprint(random.random(), np.random.rand())';
    const first = await interpreter.invoke(call(code));
    const second = await interpreter.invoke(call(code));
    expect(first.content).toBe('completed\n[stdout]0.8444218515250481 0.5488135039273248[/stdout]');
    expect(second.content).toBe(first.content);
  });

  it('reports an exception as failed with a traceback that names lines only', async () => {
    const result = await interpreter.invoke(call('x = 1\nprint(y)'));
    const content = text(result.content);
    expect(
      content.startsWith('failed\n[stderr]Traceback (most recent call last):\n  line 2, in <module>'),
    ).toBe(true);
    expect(content).toContain("NameError: name 'y' is not defined");
    expect(content).not.toContain('File "');
    expect(content).not.toContain('_sandbox_runner');
  });

  it('turns a matplotlib figure into a PNG attachment in the file store', async () => {
    const code = [
      'import matplotlib.pyplot as plt',
      'import numpy as np',
      'x = np.linspace(0, 2 * np.pi, 50)',
      'plt.plot(x, np.sin(x))',
      'plt.title("sine")',
      'plt.show()',
      'print("plotted")',
    ].join('\n');
    const result = await interpreter.invoke(call(code, { session_id: 'plots' }));
    const content = text(result.content);
    expect(content).toMatch(
      /^completed\n\[stdout\]plotted\n\[figure 1 attached as image\/png: http:\/\/localhost:8321\/v1\/files\/[^\]]+\/content\]\[\/stdout\]$/,
    );
    expect(content).not.toContain('non-interactive');
    expect(result.attachments).toHaveLength(1);
    const attachment = result.attachments![0]!;
    expect(attachment.mime_type).toBe('image/png');
    const uri = (attachment.content as { uri: string }).uri;
    const id = /\/v1\/files\/([^/]+)\/content$/.exec(uri)![1]!;
    const stored = await files.get(id);
    expect([...stored!.data.subarray(0, 8)]).toEqual(PNG_MAGIC);
    expect(stored!.file).toMatchObject({
      mime_type: 'image/png',
      filename: 'figure-1.png',
      session_id: 'plots',
    });
  });

  it('returns figures the code never showed', async () => {
    const result = await interpreter.invoke(
      call('import matplotlib.pyplot as plt\nplt.bar(["a", "b"], [3, 5])\nplt.savefig("bars.png")'),
    );
    expect(result.attachments).toHaveLength(1);
    expect(text(result.content)).toContain('[figure 1 attached as image/png');
  });

  it('stops a run that fills its work directory and removes what it wrote', async () => {
    const small = new CodeInterpreterProvider({
      workRoot,
      limits: { maxWorkDirBytes: 8 * 1024 * 1024, maxWorkDirFiles: 100, wallTimeMs: 8_000 },
    });
    await small.invoke(call('open("keep.txt", "w").write("from before")', { session_id: 'disk' }));
    const code = [
      'import time',
      'for i in range(10_000):',
      '    open(f"chunk-{i}.bin", "wb").write(b"x" * 1024 * 1024)',
      '    time.sleep(0.01)',
    ].join('\n');
    const result = await small.invoke(call(code, { session_id: 'disk' }));
    expect(result.metadata).toMatchObject({ status: 'failed', stop_reason: 'disk' });
    expect(text(result.content)).toContain('[sandbox] The work directory may hold 8 MB in 100 entries');
    const after = await small.invoke(
      call('import os\nprint(sorted(os.listdir(".")))', { session_id: 'disk' }),
    );
    expect(after.content).toBe("completed\n[stdout]['keep.txt'][/stdout]");
    await small.releaseSession('disk');
  });

  it('keeps files for the session and apart from other sessions', async () => {
    await interpreter.invoke(call('open("notes.txt", "w").write("remember me")', { session_id: 'alice' }));
    const again = await interpreter.invoke(call('print(open("notes.txt").read())', { session_id: 'alice' }));
    expect(again.content).toBe('completed\n[stdout]remember me[/stdout]');
    const other = await interpreter.invoke(
      call('import os\nprint(os.path.exists("notes.txt"), os.listdir("/work"))', { session_id: 'bob' }),
    );
    expect(other.content).toBe('completed\n[stdout]False [][/stdout]');
    await interpreter.releaseSession('alice');
    const released = await interpreter.invoke(
      call('import os\nprint(os.path.exists("notes.txt"))', { session_id: 'alice' }),
    );
    expect(released.content).toBe('completed\n[stdout]False[/stdout]');
  });

  it('after a restart, releasing a session removes the files an earlier process left', async () => {
    const before = new CodeInterpreterProvider({ workRoot, limits: TEST_LIMITS });
    await before.invoke(call('open("notes.txt", "w").write("remember me")', { session_id: 'carol' }));
    await before.dispose();

    const restarted = new CodeInterpreterProvider({ workRoot, limits: TEST_LIMITS });
    await restarted.releaseSession('carol');
    const after = await restarted.invoke(call('import os\nprint(os.listdir("."))', { session_id: 'carol' }));
    expect(after.content).toBe('completed\n[stdout][][/stdout]');
    await restarted.releaseSession('carol');
    await restarted.dispose();
  });

  it('makes files attached to the turn readable in the work directory', async () => {
    const csv = await files.put({
      data: Buffer.from('year,inflation\n2021,4.7\n2022,8.0\n2023,4.1\n'),
      mime_type: 'text/csv',
      filename: 'inflation.csv',
    });
    const code = [
      'import csv',
      'rows = list(csv.DictReader(open("inflation.csv")))',
      'print(round(sum(float(r["inflation"]) for r in rows) / len(rows), 2))',
      'print(open("attachment-2.txt").read())',
    ].join('\n');
    const result = await interpreter.invoke(
      call(code, {
        session_id: 'with-files',
        attachments: [
          { content: { uri: `/v1/files/${csv.id}/content` }, mime_type: 'text/csv' },
          { content: 'inline notes', mime_type: 'text/plain' },
          { content: { uri: 'http://127.0.0.1:9/elsewhere.csv' }, mime_type: 'text/csv' },
        ],
      }),
    );
    expect(result.content).toBe('completed\n[stdout]5.6\ninline notes[/stdout]');
    expect(result.metadata).toMatchObject({
      attachment_files: ['inflation.csv', 'attachment-2.txt'],
      skipped_attachments: [expect.stringContaining('not available to the code')],
    });
  });

  it("gives a later turn's attachment its name even when an earlier turn used it; edits within a turn survive", async () => {
    const session = { session_id: 'two-turns' };
    const turn1 = [{ content: 'n\n1\n2\n', mime_type: 'text/csv' }];
    const turn2 = [{ content: 'n\n10\n20\n30\n', mime_type: 'text/csv' }];
    const total = 'print(sum(int(n) for n in open("attachment-1.csv").read().split()[1:]))';
    expect((await interpreter.invoke(call(total, { ...session, attachments: turn1 }))).content).toBe(
      'completed\n[stdout]3[/stdout]',
    );
    const edit = 'open("attachment-1.csv", "a").write("100\\n")\n' + total;
    expect((await interpreter.invoke(call(edit, { ...session, attachments: turn1 }))).content).toBe(
      'completed\n[stdout]103[/stdout]',
    );
    expect((await interpreter.invoke(call(total, { ...session, attachments: turn1 }))).content).toBe(
      'completed\n[stdout]103[/stdout]',
    );
    expect((await interpreter.invoke(call(total, { ...session, attachments: turn2 }))).content).toBe(
      'completed\n[stdout]60[/stdout]',
    );
  });

  it('settles at once with a CancelledError when aborted, leaving no process', async () => {
    const controller = new AbortController();
    const pending = interpreter.invoke(call('import time\ntime.sleep(30)'), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('client went away')), 300);
    const started = Date.now();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(processesWorkingIn(workRoot)).toEqual([]);
  });
});

describe.skipIf(!sandboxTestsEnabled() || process.getuid?.() !== 0)(
  'code_interpreter started by root',
  () => {
    it('refuses to run when the sandbox user cannot reach the work directory, quoting bubblewrap', async () => {
      const locked = await mkdtemp(path.join(tmpdir(), 'locked-'));
      const interpreter = new CodeInterpreterProvider({ workRoot: path.join(locked, 'work') });
      try {
        const error = await interpreter.check().catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ProviderUnavailableError);
        expect((error as Error).message).toMatch(
          /^bubblewrap could not create the code interpreter sandbox \(bwrap: .+\)/,
        );
        expect((error as Error).message).toContain('reachable by uid 65534');
        const result = await interpreter.invoke(call('print("should not run")'));
        expect(result.error?.code).toBe('provider_unavailable');
        expect(result.content).not.toContain('should not run\n');
      } finally {
        await interpreter.dispose();
        await rm(locked, { recursive: true, force: true });
      }
    });
  },
);

describe('code_interpreter without its system packages', () => {
  it('says what to install when bubblewrap is missing, and runs nothing', async () => {
    const interpreter = new CodeInterpreterProvider({ bwrapPath: '/nonexistent/bwrap' });
    await expect(interpreter.check()).rejects.toBeInstanceOf(ProviderUnavailableError);
    await expect(interpreter.check()).rejects.toThrow(
      'apt-get install bubblewrap python3 python3-matplotlib python3-numpy',
    );
    const result = await interpreter.invoke(call('print(1)'));
    expect(result.error).toEqual({
      code: 'provider_unavailable',
      message: expect.stringContaining('bubblewrap'),
    });
    expect(text(result.content)).toContain(
      'apt-get install bubblewrap python3 python3-matplotlib python3-numpy',
    );
    await interpreter.dispose();
  });

  it('says what to install when Python is missing', async () => {
    const interpreter = new CodeInterpreterProvider({ pythonPath: '/nonexistent/python3' });
    const result = await interpreter.invoke(call('print(1)'));
    expect(result.error?.code).toBe('provider_unavailable');
    expect(text(result.content)).toContain('Python 3, which is not at /nonexistent/python3');
    await interpreter.dispose();
  });

  it('releases a session directory an earlier process left in its workRoot, without the sandbox', async () => {
    const workRoot = await mkdtemp(path.join(tmpdir(), 'code-interpreter-release-'));
    try {
      // What an earlier server process left: the directories its sessions ran code in.
      const earlier = new WorkDirectories({ root: workRoot });
      const alice = await earlier.forSession('alice');
      const bob = await earlier.forSession('bob');
      await writeFile(path.join(alice, 'plot.png'), 'png');

      const restarted = new CodeInterpreterProvider({ workRoot, bwrapPath: '/nonexistent/bwrap' });
      await restarted.releaseSession('alice');
      expect(existsSync(alice)).toBe(false);
      expect(await readdir(workRoot)).toEqual([path.basename(bob)]);
      await restarted.dispose();
      expect(existsSync(bob)).toBe(true);
    } finally {
      await rm(workRoot, { recursive: true, force: true });
    }
  });

  it('rejects a call without code before touching the sandbox', async () => {
    const interpreter = new CodeInterpreterProvider({ bwrapPath: '/nonexistent/bwrap' });
    const result = await interpreter.invoke({ tool_name: 'code_interpreter', arguments: {}, call_id: 'c' });
    expect(result.error?.code).toBe('invalid_arguments');
  });
});
