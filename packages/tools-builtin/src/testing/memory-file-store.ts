import { randomUUID } from 'node:crypto';
import type { FileStore, StoredFile } from '@llama-stack-ts/api-types';

/** A FileStore in memory, for tests and examples (the server provides a durable one). */
export class MemoryFileStore implements FileStore {
  private readonly files = new Map<string, { file: StoredFile; data: Uint8Array }>();

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
    this.files.set(id, { file: stored, data: new Uint8Array(file.data) });
    return stored;
  }

  async get(id: string): Promise<{ file: StoredFile; data: Uint8Array } | undefined> {
    return this.files.get(id);
  }

  async delete(id: string): Promise<boolean> {
    return this.files.delete(id);
  }

  /** Every stored file, oldest first. */
  list(): StoredFile[] {
    return [...this.files.values()].map((entry) => entry.file);
  }
}
