import { randomUUID } from 'node:crypto';
import type { FileStore, StoredFile } from '@llama-stack-ts/api-types';

/** Files in memory, for `storage: { type: memory }`: gone when the process ends. */
export class MemoryFileStore implements FileStore {
  readonly #files = new Map<string, { file: StoredFile; data: Uint8Array }>();

  async put(file: {
    data: Uint8Array;
    mime_type: string;
    filename?: string;
    session_id?: string;
  }): Promise<StoredFile> {
    const id = `file-${randomUUID()}`;
    const stored: StoredFile = {
      id,
      filename: file.filename ?? id,
      mime_type: file.mime_type,
      bytes: file.data.byteLength,
      created_at: new Date().toISOString(),
      ...(file.session_id ? { session_id: file.session_id } : {}),
    };
    this.#files.set(id, { file: stored, data: new Uint8Array(file.data) });
    return stored;
  }

  async get(id: string) {
    return this.#files.get(id);
  }

  async delete(id: string): Promise<boolean> {
    return this.#files.delete(id);
  }
}
