import { CancelledError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { MemoryFileStore } from './memory-file-store.js';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

// The shared FileStore behaviour is in memory-file-store.conformance.test.ts; these pin down the rest.
describe('MemoryFileStore (storage: memory)', () => {
  it('stores bytes with their metadata under an unguessable id, and gives both back', async () => {
    const store = new MemoryFileStore();
    const stored = await store.put({
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
    const read = await store.get(stored.id);
    expect(read?.file).toEqual(stored);
    expect([...(read?.data ?? [])]).toEqual([...png]);
    const unnamed = await store.put({ data: png, mime_type: 'image/png' });
    expect(unnamed.filename).toBe(unnamed.id);
    expect(unnamed.id).not.toBe(stored.id);
  });

  it('keeps its own copy: neither the caller’s buffer nor a reader’s changes reach what is stored', async () => {
    const store = new MemoryFileStore();
    const data = new Uint8Array([1, 2, 3]);
    const stored = await store.put({ data, mime_type: 'application/octet-stream' });
    data[0] = 9;
    const first = await store.get(stored.id);
    first!.data[1] = 9;
    first!.file.filename = 'changed';
    const second = await store.get(stored.id);
    expect([...second!.data]).toEqual([1, 2, 3]);
    expect(second!.file.filename).toBe(stored.id);
  });

  it('settles with CancelledError when the signal is already aborted, and changes nothing', async () => {
    const store = new MemoryFileStore();
    const stored = await store.put({ data: png, mime_type: 'image/png' });
    const controller = new AbortController();
    controller.abort('shutting down');
    const { signal } = controller;
    await expect(store.put({ data: png, mime_type: 'image/png' }, { signal })).rejects.toThrow(
      CancelledError,
    );
    await expect(store.get(stored.id, { signal })).rejects.toThrow(CancelledError);
    await expect(store.delete(stored.id, { signal })).rejects.toThrow(CancelledError);
    expect(await store.get(stored.id)).toBeDefined();
  });
});
