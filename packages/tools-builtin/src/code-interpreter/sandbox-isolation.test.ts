import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeInterpreterProvider } from './code-interpreter-provider.js';
import {
  codeCall as call,
  processesWorkingIn,
  sandboxTestsEnabled,
  TEST_LIMITS,
} from './sandbox-test-support.js';

function text(content: unknown): string {
  expect(typeof content).toBe('string');
  return content as string;
}

describe.skipIf(!sandboxTestsEnabled())('the code interpreter sandbox', () => {
  let workRoot: string;
  let interpreter: CodeInterpreterProvider;

  beforeAll(async () => {
    workRoot = await mkdtemp(path.join(tmpdir(), 'sandbox-isolation-test-'));
    interpreter = new CodeInterpreterProvider({ workRoot, limits: TEST_LIMITS });
    await interpreter.check();
  });

  afterAll(async () => {
    await interpreter.dispose();
    await rm(workRoot, { recursive: true, force: true });
  });

  it('stops an infinite loop at the CPU limit', async () => {
    const started = Date.now();
    const result = await interpreter.invoke(call('while True:\n    pass'));
    expect(Date.now() - started).toBeLessThan(7_000);
    expect(result.metadata).toMatchObject({ status: 'failed', stop_reason: 'cpu_time' });
    expect(text(result.content)).toContain('CPU time limit of 1 s reached');
  });

  it('kills a sleeping program at the wall-clock limit', async () => {
    const sleeper = new CodeInterpreterProvider({ workRoot, limits: { wallTimeMs: 1_000 } });
    const started = Date.now();
    const result = await sleeper.invoke(call('import time\nprint("going to sleep")\ntime.sleep(60)'));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.content).toBe(
      'failed\n[stdout]going to sleep[/stdout]\n[stderr][sandbox] Timed out: the program ran longer than 1 s and was killed.[/stderr]',
    );
    expect(processesWorkingIn(workRoot)).toEqual([]);
  });

  it('refuses forks past the process limit', async () => {
    const code = [
      'import os, time',
      'children = 0',
      'try:',
      '    for _ in range(500):',
      '        if os.fork() == 0:',
      '            time.sleep(30)',
      '            os._exit(0)',
      '        children += 1',
      'except BlockingIOError:',
      '    print("refused after", children)',
    ].join('\n');
    const result = await interpreter.invoke(call(code));
    const refused = /refused after (\d+)/.exec(text(result.content));
    expect(refused).not.toBeNull();
    expect(Number(refused![1])).toBeLessThan(16);
    expect(processesWorkingIn(workRoot)).toEqual([]);
  });

  it('contains a fork bomb and leaves no process behind', async () => {
    const started = Date.now();
    const result = await interpreter.invoke(call('import os\nwhile True:\n    os.fork()'));
    expect(Date.now() - started).toBeLessThan(9_000);
    expect(result.metadata).toMatchObject({ status: 'failed' });
    expect(processesWorkingIn(workRoot)).toEqual([]);
  });

  it('stops a memory bomb at the address-space limit', async () => {
    const result = await interpreter.invoke(
      call('hoard = []\nwhile True:\n    hoard.append(bytearray(50 * 1024 * 1024))'),
    );
    expect(result.metadata).toMatchObject({ status: 'failed' });
    expect(text(result.content)).toContain('MemoryError');
  });

  it('cuts a 100 MB print at the output limit', async () => {
    const started = Date.now();
    const result = await interpreter.invoke(call('print("x" * 100_000_000)\nprint("never")'));
    expect(Date.now() - started).toBeLessThan(6_000);
    const content = text(result.content);
    expect(content.length).toBeLessThan(64 * 1024 + 1_000);
    expect(content).toContain('[output truncated: more than 65536 bytes; the program was stopped]');
    expect(content).not.toContain('never');
    expect(result.metadata).toMatchObject({ status: 'failed', stop_reason: 'output' });
  });

  it('cannot read /etc/shadow or the user home directory', async () => {
    const code = [
      'import os',
      'for target in ["/etc/shadow", "/etc/passwd", ' +
        JSON.stringify(path.join(homedir(), '.bashrc')) +
        ']:',
      '    try:',
      '        open(target).read()',
      '        print("READ", target)',
      '    except OSError as error:',
      '        print("denied", target, type(error).__name__)',
      'try:',
      '    print("LISTED", os.listdir(' + JSON.stringify(homedir()) + '))',
      'except OSError as error:',
      '    print("denied home", type(error).__name__)',
      'print("root:", " ".join(sorted(os.listdir("/"))))',
    ].join('\n');
    const content = text((await interpreter.invoke(call(code))).content);
    expect(content).not.toContain('READ');
    expect(content).not.toContain('LISTED');
    expect(content).toContain('denied /etc/shadow FileNotFoundError');
    expect(content).toContain('denied home FileNotFoundError');
    const topLevel = /root: ([^\n[]*)/.exec(content)![1]!.split(' ');
    expect(topLevel).toEqual(expect.arrayContaining(['usr', 'work', 'tmp', 'proc', 'dev']));
    for (const hidden of ['root', 'home', 'var', 'opt', 'srv', 'mnt', 'boot'])
      expect(topLevel).not.toContain(hidden);
  });

  it('cannot write outside its work directory', async () => {
    const code = [
      'for target in ["/usr/evil", "/etc/evil", "/evil", "/proc/evil", "/work/../evil"]:',
      '    try:',
      '        open(target, "w").write("x")',
      '        print("WROTE", target)',
      '    except OSError as error:',
      '        print("denied", target, error.strerror)',
      'open("/work/ok.txt", "w").write("fine")',
      'open("/tmp/scratch.txt", "w").write("fine")',
      'print("work and tmp writable")',
    ].join('\n');
    const content = text((await interpreter.invoke(call(code))).content);
    expect(content).not.toContain('WROTE');
    expect(content.match(/denied/g)).toHaveLength(5);
    expect(content).toContain('work and tmp writable');
  });

  it('cannot connect to a listener on the host loopback', async () => {
    let connections = 0;
    const server: Server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const code = [
        'import socket',
        'try:',
        `    socket.create_connection(("127.0.0.1", ${port}), timeout=2)`,
        '    print("CONNECTED")',
        'except OSError as error:',
        '    print("refused", type(error).__name__)',
      ].join('\n');
      const content = text((await interpreter.invoke(call(code))).content);
      expect(content).toContain('refused');
      expect(content).not.toContain('CONNECTED');
      expect(connections).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('sees no host process, no host environment and no capabilities', async () => {
    process.env.SANDBOX_TEST_CANARY = 'canary-7f3a';
    const code = [
      'import os',
      'pids = [p for p in os.listdir("/proc") if p.isdigit()]',
      'print("pids", len(pids))',
      'for pid in pids:',
      '    try:',
      '        print("cmd", open(f"/proc/{pid}/cmdline", "rb").read().split(b"\\0")[0].decode())',
      '        print("env", open(f"/proc/{pid}/environ", "rb").read().decode(errors="replace"))',
      '    except OSError:',
      '        pass',
      'print("uid", os.getuid(), os.getgid())',
      'print([line for line in open("/proc/self/status") if line.startswith("CapEff")][0].strip())',
      `print("host pid visible", os.path.exists("/proc/${process.pid}/cmdline") and b"node" in open("/proc/${process.pid}/cmdline", "rb").read())`,
    ].join('\n');
    try {
      const content = text((await interpreter.invoke(call(code))).content);
      const pidCount = Number(/pids (\d+)/.exec(content)![1]);
      expect(pidCount).toBeLessThanOrEqual(3);
      expect(content).not.toContain('canary-7f3a');
      expect(content).not.toMatch(/cmd .*(node|vitest|systemd|init)/);
      expect(content).toContain('uid 65534 65534');
      expect(content).toContain('CapEff:\t0000000000000000');
      expect(content).toContain('host pid visible False');
    } finally {
      delete process.env.SANDBOX_TEST_CANARY;
    }
  });

  it('cannot create nested user namespaces or fill memory through /tmp', async () => {
    const code = [
      'import ctypes',
      'libc = ctypes.CDLL(None, use_errno=True)',
      'print("unshare", libc.unshare(0x10000000))',
      'try:',
      '    with open("/tmp/fill", "wb") as sink:',
      '        for _ in range(200):',
      '            sink.write(b"x" * 1024 * 1024)',
      '    print("FILLED")',
      'except OSError as error:',
      '    print("tmp full", error.strerror)',
    ].join('\n');
    const content = text((await interpreter.invoke(call(code))).content);
    expect(content).toContain('unshare -1');
    expect(content).toMatch(/tmp full (No space left on device|File too large)/);
    expect(content).not.toContain('FILLED');
  });
});
