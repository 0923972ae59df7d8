import type { CallOptions } from './call-options.js';

export interface StoredFile {
  id: string;
  filename: string;
  mime_type: string;
  bytes: number;
  created_at: string;
  session_id?: string;
}

export interface FileStore {
  put(
    file: { data: Uint8Array; mime_type: string; filename?: string; session_id?: string },
    options?: CallOptions,
  ): Promise<StoredFile>;
  get(id: string, options?: CallOptions): Promise<{ file: StoredFile; data: Uint8Array } | undefined>;
  delete(id: string, options?: CallOptions): Promise<boolean>;
}
