import { randomUUID } from 'node:crypto';
import { type CallOptions, cancelledFrom, type FileStore, type StoredFile } from '@llama-stack-ts/api-types';

/**
 * Files in memory, for `storage: { type: memory }`: gone when the process ends. Behaves as the durable stores
 * do: unguessable ids, its own copy of the bytes both ways, and a CancelledError for an aborted signal.
 */
export class MemoryFileStore implements FileStore {
  readonly #files = new Map<string, { file: StoredFile; data: Uint8Array }>();

  async put(
    file: { data: Uint8Array; mime_type: string; filename?: string; session_id?: string },
    options: CallOptions = {},
  ): Promise<StoredFile> {
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
    const id = `file-${randomUUID().replaceAll('-', '')}`;
    const stored: StoredFile = {
      id,
      filename: file.filename ?? id,
      mime_type: file.mime_type,
      bytes: file.data.byteLength,
      created_at: new Date().toISOString(),
      ...(file.session_id ? { session_id: file.session_id } : {}),
    };
    this.#files.set(id, { file: stored, data: file.data.slice() });
    return { ...stored };
  }

  async get(
    id: string,
    options: CallOptions = {},
  ): Promise<{ file: StoredFile; data: Uint8Array } | undefined> {
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
    const entry = this.#files.get(id);
    return entry && { file: { ...entry.file }, data: entry.data.slice() };
  }

  async delete(id: string, options: CallOptions = {}): Promise<boolean> {
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
    return this.#files.delete(id);
  }
}
