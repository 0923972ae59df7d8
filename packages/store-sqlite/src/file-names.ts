import { randomUUID } from 'node:crypto';

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

/** An unguessable file id (122 random bits). */
export function newFileId(): string {
  return `file-${randomUUID().replaceAll('-', '')}`;
}

/** `file-….png` for a file stored without a name. */
export function defaultFilename(id: string, mimeType: string): string {
  return `${id}${EXTENSIONS[mimeType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? ''}`;
}
