import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { Attachment, CallOptions, ContentItem, FileStore } from '@llama-stack-ts/api-types';

export interface CopiedAttachments {
  /** File names now in the work directory (also those that were already there). */
  files: string[];
  /** Why some attachments could not be made readable. */
  skipped: string[];
}

const EXTENSIONS: Record<string, string> = {
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/markdown': 'md',
  'text/html': 'html',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
};

/**
 * Writes the turn's attachments into the work directory so the code can open them by name. Only
 * bytes we already hold are used: inline content, `data:` URLs and files of the file store
 * (`…/v1/files/{id}/content`); other URLs are never fetched from here. A file that already exists
 * is left alone, so changes the code made to it survive, and nothing follows a link the code planted.
 */
export async function copyAttachments(
  attachments: readonly Attachment[],
  target: {
    directory: string;
    fileStore?: FileStore;
    owner?: { uid: number; gid: number };
    maxBytes: number;
  },
  options: CallOptions = {},
): Promise<CopiedAttachments> {
  const result: CopiedAttachments = { files: [], skipped: [] };
  let total = 0;
  for (const [index, attachment] of attachments.entries()) {
    const resolved = await resolveAttachment(attachment, index, target.fileStore, options);
    if ('skip' in resolved) {
      result.skipped.push(resolved.skip);
      continue;
    }
    if (total + resolved.data.byteLength > target.maxBytes) {
      result.skipped.push(`${resolved.filename}: attachments exceed ${target.maxBytes} bytes`);
      continue;
    }
    total += resolved.data.byteLength;
    const written = await writeNew(
      path.join(target.directory, resolved.filename),
      resolved.data,
      target.owner,
    );
    if (written === 'exists' || written === 'written') result.files.push(resolved.filename);
    else result.skipped.push(`${resolved.filename}: ${written.error}`);
  }
  return result;
}

type Resolved = { filename: string; data: Uint8Array } | { skip: string };

async function resolveAttachment(
  attachment: Attachment,
  index: number,
  fileStore: FileStore | undefined,
  options: CallOptions,
): Promise<Resolved> {
  const fallbackName = `attachment-${index + 1}.${EXTENSIONS[attachment.mime_type.split(';')[0] ?? ''] ?? 'bin'}`;
  const { content } = attachment;
  if (typeof content === 'string') return { filename: fallbackName, data: Buffer.from(content, 'utf8') };
  if ('uri' in content) {
    const uri = content.uri;
    if (uri.startsWith('data:')) {
      const data = decodeDataUrl(uri);
      return data
        ? { filename: fallbackName, data }
        : { skip: `attachment ${index + 1}: malformed data: URL` };
    }
    const fileId = fileIdFromUrl(uri);
    if (fileId && fileStore) {
      const stored = await fileStore.get(fileId, options);
      if (!stored) return { skip: `attachment ${index + 1}: file ${fileId} not found` };
      return { filename: safeFilename(stored.file.filename) ?? fallbackName, data: stored.data };
    }
    return {
      skip: `attachment ${index + 1}: ${uri} is not a stored file, so it is not available to the code`,
    };
  }
  const items: ContentItem[] = Array.isArray(content) ? content : [content];
  const image = items.find((item) => item.type === 'image');
  if (image && image.type === 'image' && image.image.data) {
    return { filename: fallbackName, data: Buffer.from(image.image.data, 'base64') };
  }
  const text = items.map((item) => (item.type === 'text' ? item.text : '')).join('');
  return { filename: fallbackName, data: Buffer.from(text, 'utf8') };
}

/** The file id in a `/v1/files/{id}/content` URL, absolute or relative. */
export function fileIdFromUrl(uri: string): string | undefined {
  const match = /(?:^|\/)v1\/files\/([^/?#]+)\/content(?:[?#].*)?$/.exec(uri);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

function decodeDataUrl(uri: string): Uint8Array | undefined {
  const comma = uri.indexOf(',');
  if (comma === -1) return undefined;
  const meta = uri.slice(5, comma);
  const payload = uri.slice(comma + 1);
  try {
    return meta.endsWith(';base64')
      ? Buffer.from(payload, 'base64')
      : Buffer.from(decodeURIComponent(payload), 'utf8');
  } catch {
    return undefined;
  }
}

/** A plain file name (no directories, no leading dot), or undefined. */
function safeFilename(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = path
    .basename(name)
    .replace(/[^\w.\- ]+/g, '_')
    .replace(/^[.\s]+/, '')
    .slice(0, 120);
  return base === '' ? undefined : base;
}

async function writeNew(
  file: string,
  data: Uint8Array,
  owner: { uid: number; gid: number } | undefined,
): Promise<'written' | 'exists' | { error: string }> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // O_EXCL fails on any existing entry, a symlink included, so the sandbox cannot redirect the write.
    handle = await open(
      file,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
      0o644,
    );
    await handle.writeFile(data);
    if (owner) await handle.chown(owner.uid, owner.gid);
    return 'written';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    return { error: (error as Error).message };
  } finally {
    await handle?.close();
  }
}
