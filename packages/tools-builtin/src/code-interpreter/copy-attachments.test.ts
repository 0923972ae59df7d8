import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Attachment } from '@llama-stack-ts/api-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryFileStore } from '../testing/memory-file-store.js';
import { copyAttachments, type DeliveredFiles } from './copy-attachments.js';

const TURN_1_CSV = 'item,amount\ntea,10.5\n';
const TURN_2_CSV = 'item,amount\ncake,20\nbread,30\n';
const MAX_BYTES = 1024 * 1024;

let directory: string;
let outside: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'copy-attachments-work-'));
  outside = await mkdtemp(path.join(tmpdir(), 'copy-attachments-outside-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

function copy(
  attachments: Attachment[],
  extra: { delivered?: DeliveredFiles; fileStore?: MemoryFileStore } = {},
) {
  return copyAttachments(attachments, { directory, maxBytes: MAX_BYTES, ...extra });
}

const read = (name: string) => readFile(path.join(directory, name), 'utf8');

describe('copyAttachments', () => {
  it('writes inline text, data: URLs, base64 images and stored files under their names', async () => {
    const fileStore = new MemoryFileStore();
    const stored = await fileStore.put({
      data: Buffer.from('year,inflation\n2023,4.1\n'),
      mime_type: 'text/csv',
      filename: 'inflation.csv',
    });
    const result = await copy(
      [
        { content: 'notes', mime_type: 'text/plain' },
        {
          content: { uri: `data:text/csv;base64,${Buffer.from('a,b\n1,2\n').toString('base64')}` },
          mime_type: 'text/csv',
        },
        {
          content: { type: 'image', image: { data: Buffer.from('PNG!').toString('base64') } },
          mime_type: 'image/png',
        },
        { content: { uri: `http://localhost:8321/v1/files/${stored.id}/content` }, mime_type: 'text/csv' },
        { content: { uri: 'http://127.0.0.1:9/elsewhere.csv' }, mime_type: 'text/csv' },
      ],
      { fileStore },
    );
    expect(result.files).toEqual([
      'attachment-1.txt',
      'attachment-2.csv',
      'attachment-3.png',
      'inflation.csv',
    ]);
    expect(result.skipped).toEqual([expect.stringContaining('is not a stored file')]);
    expect(await read('attachment-1.txt')).toBe('notes');
    expect(await read('attachment-2.csv')).toBe('a,b\n1,2\n');
    expect(await read('attachment-3.png')).toBe('PNG!');
    expect(await read('inflation.csv')).toBe('year,inflation\n2023,4.1\n');
  });

  it('names a file by its attachment filename, made safe, before the stored name', async () => {
    const fileStore = new MemoryFileStore();
    const stored = await fileStore.put({
      data: Buffer.from('x'),
      mime_type: 'text/plain',
      filename: 'stored.txt',
    });
    const result = await copy(
      [
        { content: 'a', mime_type: 'text/csv', filename: '../../escape.csv' },
        {
          content: { uri: `/v1/files/${stored.id}/content` },
          mime_type: 'text/plain',
          filename: 'chosen.txt',
        },
      ],
      { fileStore },
    );
    expect(result.files).toEqual(['escape.csv', 'chosen.txt']);
    expect((await readdir(directory)).sort()).toEqual(['chosen.txt', 'escape.csv']);
  });

  it("replaces an earlier turn's file of the same name that holds other data", async () => {
    const delivered: DeliveredFiles = new Map();
    await copy([{ content: TURN_1_CSV, mime_type: 'text/csv' }], { delivered });
    const result = await copy([{ content: TURN_2_CSV, mime_type: 'text/csv' }], { delivered });
    expect(result).toEqual({ files: ['attachment-1.csv'], skipped: [] });
    expect(await read('attachment-1.csv')).toBe(TURN_2_CSV);
    expect(await readdir(directory)).toEqual(['attachment-1.csv']);
  });

  it('replaces a file the code wrote under an attachment name', async () => {
    await writeFile(path.join(directory, 'attachment-1.csv'), 'written by the code');
    await copy([{ content: TURN_2_CSV, mime_type: 'text/csv' }]);
    expect(await read('attachment-1.csv')).toBe(TURN_2_CSV);
  });

  it('keeps the changes the code made to a file it was given, on the next call with the same attachment', async () => {
    const delivered: DeliveredFiles = new Map();
    const attachments = [{ content: TURN_1_CSV, mime_type: 'text/csv' }];
    await copy(attachments, { delivered });
    await writeFile(path.join(directory, 'attachment-1.csv'), 'cleaned by the code');
    const result = await copy(attachments, { delivered });
    expect(result.files).toEqual(['attachment-1.csv']);
    expect(await read('attachment-1.csv')).toBe('cleaned by the code');
  });

  it('leaves a file with the same data untouched', async () => {
    await copy([{ content: TURN_1_CSV, mime_type: 'text/csv' }]);
    const before = await stat(path.join(directory, 'attachment-1.csv'));
    await copy([{ content: TURN_1_CSV, mime_type: 'text/csv' }]);
    const after = await stat(path.join(directory, 'attachment-1.csv'));
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
  });

  it('never writes through a link the code planted: the link is replaced, its target untouched', async () => {
    const target = path.join(outside, 'host-file');
    await writeFile(target, 'host data');
    await symlink(target, path.join(directory, 'attachment-1.csv'));
    const dangling = path.join(outside, 'created-through-link');
    await symlink(dangling, path.join(directory, 'attachment-2.txt'));

    const result = await copy([
      { content: TURN_2_CSV, mime_type: 'text/csv' },
      { content: 'notes', mime_type: 'text/plain' },
    ]);

    expect(result).toEqual({ files: ['attachment-1.csv', 'attachment-2.txt'], skipped: [] });
    expect(await readFile(target, 'utf8')).toBe('host data');
    await expect(stat(dangling)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await lstat(path.join(directory, 'attachment-1.csv'))).isFile()).toBe(true);
    expect(await read('attachment-1.csv')).toBe(TURN_2_CSV);
    expect(await read('attachment-2.txt')).toBe('notes');
  });

  it('does not wait on a FIFO the code planted under an attachment name', async () => {
    execFileSync('mkfifo', [path.join(directory, 'attachment-1.csv')]);
    await copy([{ content: TURN_1_CSV, mime_type: 'text/csv' }]);
    expect(await read('attachment-1.csv')).toBe(TURN_1_CSV);
  });

  it('skips, with the reason, a name taken by a directory', async () => {
    await mkdir(path.join(directory, 'attachment-1.csv'));
    await writeFile(path.join(directory, 'attachment-1.csv', 'inside'), 'kept');
    const result = await copy([{ content: TURN_1_CSV, mime_type: 'text/csv' }]);
    expect(result).toEqual({
      files: [],
      skipped: ['attachment-1.csv: a directory of that name is in the work directory'],
    });
    expect(await readdir(directory)).toEqual(['attachment-1.csv']);
  });

  it('keeps the first of two attachments with the same name in one call', async () => {
    const result = await copy([
      { content: TURN_1_CSV, mime_type: 'text/csv', filename: 'data.csv' },
      { content: TURN_2_CSV, mime_type: 'text/csv', filename: 'data.csv' },
    ]);
    expect(result).toEqual({
      files: ['data.csv'],
      skipped: ['data.csv: an earlier attachment of this call has the same name'],
    });
    expect(await read('data.csv')).toBe(TURN_1_CSV);
  });

  it('skips attachments past the byte limit', async () => {
    const result = await copyAttachments(
      [
        { content: 'x'.repeat(10), mime_type: 'text/plain' },
        { content: 'y'.repeat(10), mime_type: 'text/plain' },
      ],
      { directory, maxBytes: 15 },
    );
    expect(result).toEqual({
      files: ['attachment-1.txt'],
      skipped: ['attachment-2.txt: attachments exceed 15 bytes'],
    });
  });

  it.skipIf(process.getuid?.() !== 0)('gives new and replacing files to the sandbox user', async () => {
    const owner = { uid: 65534, gid: 65534 };
    await writeFile(path.join(directory, 'attachment-2.txt'), 'old');
    await copyAttachments(
      [
        { content: 'a', mime_type: 'text/plain' },
        { content: 'b', mime_type: 'text/plain' },
      ],
      { directory, maxBytes: MAX_BYTES, owner },
    );
    for (const name of ['attachment-1.txt', 'attachment-2.txt']) {
      expect(await stat(path.join(directory, name))).toMatchObject(owner);
    }
  });

  it('stops before copying when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('client went away'));
    await expect(
      copyAttachments(
        [{ content: 'a', mime_type: 'text/plain' }],
        { directory, maxBytes: MAX_BYTES },
        controller,
      ),
    ).rejects.toThrow('client went away');
    expect(await readdir(directory)).toEqual([]);
  });
});
