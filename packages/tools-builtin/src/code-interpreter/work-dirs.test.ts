import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WorkDirectories } from './work-dirs.js';

describe('work directories', () => {
  let workRoot: string;

  beforeEach(async () => {
    workRoot = await mkdtemp(path.join(tmpdir(), 'work-dirs-test-'));
  });

  afterEach(async () => {
    await rm(workRoot, { recursive: true, force: true });
  });

  it('keeps a session directory across instances over the same root', async () => {
    const before = await new WorkDirectories({ root: workRoot }).forSession('alice');
    await writeFile(path.join(before, 'notes.txt'), 'remember me');
    const after = await new WorkDirectories({ root: workRoot }).forSession('alice');
    expect(after).toBe(before);
    expect(await readdir(after)).toEqual(['notes.txt']);
  });

  it('releases a session left by an earlier instance, before this one has made any directory', async () => {
    const earlier = new WorkDirectories({ root: workRoot });
    const alice = await earlier.forSession('alice');
    const bob = await earlier.forSession('bob');
    await writeFile(path.join(alice, 'notes.txt'), 'remember me');

    await new WorkDirectories({ root: workRoot }).releaseSession('alice');
    expect(existsSync(alice)).toBe(false);
    expect(await readdir(workRoot)).toEqual([path.basename(bob)]);
  });

  it('releasing an unknown session creates nothing', async () => {
    const missingRoot = path.join(workRoot, 'not-yet');
    await new WorkDirectories({ root: missingRoot }).releaseSession('alice');
    expect(existsSync(missingRoot)).toBe(false);
    await new WorkDirectories({}).releaseSession('alice'); // no root of its own yet: nothing to release
  });

  it('removes its own temporary root on dispose, but never a configured one', async () => {
    const temporary = new WorkDirectories({});
    const scratch = await temporary.forSession('alice');
    await temporary.dispose();
    expect(existsSync(scratch)).toBe(false);

    const configured = new WorkDirectories({ root: workRoot });
    const kept = await configured.forSession('alice');
    await configured.dispose();
    expect(existsSync(kept)).toBe(true);
  });
});
