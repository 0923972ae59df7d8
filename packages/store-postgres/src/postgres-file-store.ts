import { randomUUID } from 'node:crypto';
import { type CallOptions, cancelledFrom, type FileStore, type StoredFile } from '@llama-stack-ts/api-types';
import { migratePostgres } from './migrations.js';
import { type PoolHandle, poolFrom } from './pool.js';
import type { PostgresStoreOptions } from './postgres-agent-store.js';

interface FileRow {
  file_id: string;
  filename: string;
  mime_type: string;
  bytes: string;
  created_at: string;
  session_id: string | null;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': '.png',
  'image/jpeg': '.jpg',
  'image/gif': '.gif',
  'image/webp': '.webp',
  'image/svg+xml': '.svg',
  'application/pdf': '.pdf',
  'application/json': '.json',
  'text/plain': '.txt',
  'text/csv': '.csv',
  'text/html': '.html',
};

/**
 * A FileStore in a PostgreSQL `bytea` table, so every replica serves a file any other replica stored (an image a
 * tool produced during a turn on replica A, fetched through replica B). Meant for tool outputs: kilobytes to a few
 * megabytes per file.
 */
export class PostgresFileStore implements FileStore {
  readonly #handle: PoolHandle;
  readonly #migrate: boolean;
  readonly #now: () => Date;
  #ready: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions & { now?: () => Date }) {
    this.#handle = poolFrom(options);
    this.#migrate = options.migrate ?? true;
    this.#now = options.now ?? (() => new Date());
  }

  async put(
    file: { data: Uint8Array; mime_type: string; filename?: string; session_id?: string },
    options: CallOptions = {},
  ): Promise<StoredFile> {
    await this.#prepare(options);
    const id = `file-${randomUUID().replaceAll('-', '')}`;
    const stored: StoredFile = {
      id,
      filename:
        file.filename ?? `${id}${EXTENSIONS[file.mime_type.split(';')[0]?.trim().toLowerCase() ?? ''] ?? ''}`,
      mime_type: file.mime_type,
      bytes: file.data.byteLength,
      created_at: this.#now().toISOString(),
    };
    if (file.session_id !== undefined) stored.session_id = file.session_id;
    await this.#handle.pool.query(
      `INSERT INTO files (file_id, filename, mime_type, bytes, created_at, session_id, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        stored.id,
        stored.filename,
        stored.mime_type,
        stored.bytes,
        stored.created_at,
        file.session_id ?? null,
        Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
      ],
    );
    return stored;
  }

  async get(
    id: string,
    options: CallOptions = {},
  ): Promise<{ file: StoredFile; data: Uint8Array } | undefined> {
    await this.#prepare(options);
    const { rows } = await this.#handle.pool.query<FileRow & { data: Buffer }>(
      'SELECT file_id, filename, mime_type, bytes, created_at, session_id, data FROM files WHERE file_id = $1',
      [id],
    );
    const row = rows[0];
    if (!row) return undefined;
    const file: StoredFile = {
      id: row.file_id,
      filename: row.filename,
      mime_type: row.mime_type,
      bytes: Number(row.bytes),
      created_at: row.created_at,
    };
    if (row.session_id !== null) file.session_id = row.session_id;
    return { file, data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength) };
  }

  async delete(id: string, options: CallOptions = {}): Promise<boolean> {
    await this.#prepare(options);
    const result = await this.#handle.pool.query('DELETE FROM files WHERE file_id = $1', [id]);
    return (result.rowCount ?? 0) > 0;
  }

  async close(): Promise<void> {
    await this.#handle.end();
  }

  async #prepare(options: CallOptions): Promise<void> {
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
    if (!this.#migrate) return;
    this.#ready ??= migratePostgres(this.#handle.pool).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    await this.#ready;
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
  }
}
