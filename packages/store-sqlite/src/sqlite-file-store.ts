import { type CallOptions, cancelledFrom, type FileStore, type StoredFile } from '@llama-stack-ts/api-types';
import { defaultFilename, newFileId } from './file-names.js';
import { openSqliteDatabase, type SqliteDatabase } from './open-database.js';
import type { SqliteStoreOptions } from './sqlite-agent-store.js';

interface FileRow {
  file_id: string;
  filename: string;
  mime_type: string;
  bytes: number;
  created_at: string;
  session_id: string | null;
}

/**
 * A FileStore keeping each file as a BLOB in the same SQLite database as the agent state, so one file holds
 * everything to back up and a put is one transaction. Meant for what tools produce (plots, generated images:
 * kilobytes to a few megabytes); SQLite reads such blobs as fast as the filesystem does.
 */
export class SqliteFileStore implements FileStore {
  readonly #db: SqliteDatabase;
  readonly #ownsDatabase: boolean;
  readonly #now: () => Date;
  readonly #sql;

  constructor(options: SqliteStoreOptions & { now?: () => Date }) {
    if ('database' in options) {
      this.#db = options.database;
      this.#ownsDatabase = false;
    } else {
      this.#db = openSqliteDatabase(options);
      this.#ownsDatabase = true;
    }
    this.#now = options.now ?? (() => new Date());
    this.#sql = {
      insert: this.#db.prepare(
        `INSERT INTO files (file_id, filename, mime_type, bytes, created_at, session_id, data)
         VALUES (@file_id, @filename, @mime_type, @bytes, @created_at, @session_id, @data)`,
      ),
      get: this.#db.prepare(
        'SELECT file_id, filename, mime_type, bytes, created_at, session_id, data FROM files WHERE file_id = ?',
      ),
      delete: this.#db.prepare('DELETE FROM files WHERE file_id = ?'),
    };
  }

  async put(
    file: { data: Uint8Array; mime_type: string; filename?: string; session_id?: string },
    options: CallOptions = {},
  ): Promise<StoredFile> {
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
    const id = newFileId();
    const row: FileRow = {
      file_id: id,
      filename: file.filename ?? defaultFilename(id, file.mime_type),
      mime_type: file.mime_type,
      bytes: file.data.byteLength,
      created_at: this.#now().toISOString(),
      session_id: file.session_id ?? null,
    };
    this.#sql.insert.run({
      ...row,
      data: Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength),
    });
    return fileFromRow(row);
  }

  async get(
    id: string,
    options: CallOptions = {},
  ): Promise<{ file: StoredFile; data: Uint8Array } | undefined> {
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
    const row = this.#sql.get.get(id) as (FileRow & { data: Buffer }) | undefined;
    if (!row) return undefined;
    return {
      file: fileFromRow(row),
      data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
    };
  }

  async delete(id: string, options: CallOptions = {}): Promise<boolean> {
    if (options.signal?.aborted) throw cancelledFrom(options.signal);
    return this.#sql.delete.run(id).changes > 0;
  }

  async close(): Promise<void> {
    if (this.#ownsDatabase && this.#db.open) this.#db.close();
  }
}

function fileFromRow(row: FileRow): StoredFile {
  const file: StoredFile = {
    id: row.file_id,
    filename: row.filename,
    mime_type: row.mime_type,
    bytes: row.bytes,
    created_at: row.created_at,
  };
  if (row.session_id !== null) file.session_id = row.session_id;
  return file;
}
