import type { Attachment } from './content.js';

/** The extension a tool gives an attachment without a name, by MIME type (parameters ignored). */
const EXTENSIONS: Readonly<Record<string, string>> = {
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'text/markdown': 'md',
  'text/html': 'html',
  'text/xml': 'xml',
  'application/xml': 'xml',
  'application/json': 'json',
  'application/x-ndjson': 'jsonl',
  'application/yaml': 'yaml',
  'text/x-python': 'py',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.apache.parquet': 'parquet',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/** Longest file name a tool writes; well under the 255 bytes of common file systems. */
const MAX_FILE_NAME_LENGTH = 120;
const MAX_EXTENSION_LENGTH = 16;

/** The file extension for a MIME type (`text/csv; charset=utf-8` → `csv`), `bin` when unknown. */
export function attachmentFileExtension(mimeType: string): string {
  const essence = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  return EXTENSIONS[essence] ?? 'bin';
}

/**
 * A plain file name made from `name`, or undefined when nothing usable is left: the last path segment
 * only (`/` and `\` both separate), characters other than ASCII letters, digits, `_`, `-`, `.` and space
 * replaced by `_`, no leading dots or spaces (so never `.`, `..` or a hidden file), at most 120
 * characters with the extension kept.
 */
export function sanitizeFileName(name: string): string | undefined {
  const base = (name.split(/[/\\]/).pop() ?? '')
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^[.\s]+/, '')
    .trimEnd();
  if (base === '') return undefined;
  if (base.length <= MAX_FILE_NAME_LENGTH) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= MAX_EXTENSION_LENGTH + 1 ? base.slice(dot) : '';
  return base.slice(0, MAX_FILE_NAME_LENGTH - extension.length).trimEnd() + extension;
}

/**
 * The name a tool gives the attachment at `index` (0-based) of a call in its work directory: its
 * `filename`, made safe with sanitizeFileName, else `attachment-<index + 1>.<ext>` with the extension of
 * its MIME type. Agents that tell the model where the files are name them with this same function.
 */
export function attachmentFileName(
  attachment: Pick<Attachment, 'filename' | 'mime_type'>,
  index: number,
): string {
  const given = attachment.filename === undefined ? undefined : sanitizeFileName(attachment.filename);
  return given ?? `attachment-${index + 1}.${attachmentFileExtension(attachment.mime_type)}`;
}
