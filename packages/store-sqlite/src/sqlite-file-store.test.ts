import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CancelledError } from '@llama-stack-ts/api-types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStorage, type SqliteStorage } from './open-sqlite-storage.js';
import { SqliteFileStore } from './sqlite-file-store.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

let dir: string;
let storage: SqliteStorage;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'store-sqlite-files-'));
  storage = openSqliteStorage({ path: join(dir, 'state.sqlite') });
});
afterEach(async () => {
  await storage.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SqliteFileStore', () => {
  it('stores bytes and metadata and gives them back by id', async () => {
    const stored = await storage.fileStore.put({
      data: png,
      mime_type: 'image/png',
      filename: 'plot.png',
      session_id: 's1',
    });
    expect(stored).toEqual({
      id: expect.stringMatching(/^file-[0-9a-f]{32}$/),
      filename: 'plot.png',
      mime_type: 'image/png',
      bytes: png.byteLength,
      created_at: expect.any(String),
      session_id: 's1',
    });
    const read = await storage.fileStore.get(stored.id);
    expect(read?.file).toEqual(stored);
    expect(read?.data).toBeInstanceOf(Uint8Array);
    expect([...(read?.data ?? [])]).toEqual([...png]);
  });

  it('names an unnamed file after its id and type, and gives every file its own unguessable id', async () => {
    const a = await storage.fileStore.put({ data: png, mime_type: 'image/png' });
    const b = await storage.fileStore.put({ data: png, mime_type: 'application/x-unknown' });
    expect(a.filename).toBe(`${a.id}.png`);
    expect(b.filename).toBe(b.id);
    expect(a.id).not.toBe(b.id);
    expect(a).not.toHaveProperty('session_id');
  });

  it('round-trips an empty file and a 5 MB one, from a view into a larger buffer', async () => {
    const empty = await storage.fileStore.put({ data: new Uint8Array(), mime_type: 'text/plain' });
    expect((await storage.fileStore.get(empty.id))?.data.byteLength).toBe(0);

    const backing = new Uint8Array(5 * 1024 * 1024 + 20).map((_, i) => (i * 31) % 251);
    const view = backing.subarray(10, backing.length - 10);
    const big = await storage.fileStore.put({ data: view, mime_type: 'application/octet-stream' });
    expect(big.bytes).toBe(view.byteLength);
    const read = await storage.fileStore.get(big.id);
    expect(Buffer.from(read?.data ?? []).equals(Buffer.from(view))).toBe(true);
  });

  it('deletes a file; unknown ids give undefined and false', async () => {
    const stored = await storage.fileStore.put({ data: png, mime_type: 'image/png' });
    expect(await storage.fileStore.delete(stored.id)).toBe(true);
    expect(await storage.fileStore.get(stored.id)).toBeUndefined();
    expect(await storage.fileStore.delete(stored.id)).toBe(false);
    expect(await storage.fileStore.get('file-unknown')).toBeUndefined();
  });

  it('keeps files across a reopen, in the same database file as the agent state', async () => {
    const stored = await storage.fileStore.put({ data: png, mime_type: 'image/png' });
    await storage.close();
    const reopened = new SqliteFileStore({ path: join(dir, 'state.sqlite') });
    expect((await reopened.get(stored.id))?.file).toEqual(stored);
    await reopened.close();
    storage = openSqliteStorage({ path: join(dir, 'state.sqlite') });
  });

  it('rejects with CancelledError when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort('shutting down');
    await expect(
      storage.fileStore.put({ data: png, mime_type: 'image/png' }, { signal: controller.signal }),
    ).rejects.toThrow(CancelledError);
    await expect(storage.fileStore.get('file-x', { signal: controller.signal })).rejects.toThrow(
      CancelledError,
    );
  });
});
