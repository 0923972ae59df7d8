import {
  type Attachment,
  attachmentFileName,
  type CallOptions,
  type ContentItem,
  type FileStore,
  sanitizeFileName,
} from '@llama-stack-ts/api-types';
import { type DeliveredFiles, placeFile } from './place-file.js';

export type { DeliveredFiles } from './place-file.js';

export interface CopiedAttachments {
  /** File names now in the work directory (also those that were already there). */
  files: string[];
  /** Why some attachments could not be made readable. */
  skipped: string[];
}

/**
 * Writes the turn's attachments into the work directory so the code can open them by name (the name
 * api-types' attachmentFileName gives; a stored file without `filename` keeps its stored name). Only
 * bytes we already hold are used: inline content, `data:` URLs and files of the file store
 * (`…/v1/files/{id}/content`); other URLs are never fetched from here.
 *
 * The attachments are authoritative: a file of the same name with other content is replaced (atomically,
 * never following a link the code planted). The one exception is a file this function already delivered
 * with the same content, according to `delivered`, that the code changed since: its changes survive the
 * next call of the same turn.
 */
export async function copyAttachments(
  attachments: readonly Attachment[],
  target: {
    directory: string;
    fileStore?: FileStore;
    owner?: { uid: number; gid: number };
    maxBytes: number;
    /** What earlier calls delivered to this directory; updated here. */
    delivered?: DeliveredFiles;
  },
  options: CallOptions = {},
): Promise<CopiedAttachments> {
  const result: CopiedAttachments = { files: [], skipped: [] };
  const named = new Set<string>();
  let total = 0;
  for (const [index, attachment] of attachments.entries()) {
    options.signal?.throwIfAborted();
    const resolved = await resolveAttachment(attachment, index, target.fileStore, options);
    if ('skip' in resolved) {
      result.skipped.push(resolved.skip);
      continue;
    }
    if (named.has(resolved.filename)) {
      result.skipped.push(`${resolved.filename}: an earlier attachment of this call has the same name`);
      continue;
    }
    if (total + resolved.data.byteLength > target.maxBytes) {
      result.skipped.push(`${resolved.filename}: attachments exceed ${target.maxBytes} bytes`);
      continue;
    }
    total += resolved.data.byteLength;
    named.add(resolved.filename);
    const placed = await placeFile(target.directory, resolved.filename, resolved.data, {
      ...(target.owner ? { owner: target.owner } : {}),
      ...(target.delivered ? { delivered: target.delivered } : {}),
    });
    if (typeof placed === 'object') result.skipped.push(`${resolved.filename}: ${placed.error}`);
    else result.files.push(resolved.filename);
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
  const filename = attachmentFileName(attachment, index);
  const { content } = attachment;
  if (typeof content === 'string') return { filename, data: Buffer.from(content, 'utf8') };
  if ('uri' in content) {
    const uri = content.uri;
    if (uri.startsWith('data:')) {
      const data = decodeDataUrl(uri);
      return data ? { filename, data } : { skip: `attachment ${index + 1}: malformed data: URL` };
    }
    const fileId = fileIdFromUrl(uri);
    if (fileId && fileStore) {
      const stored = await fileStore.get(fileId, options);
      if (!stored) return { skip: `attachment ${index + 1}: file ${fileId} not found` };
      const storedName =
        attachment.filename === undefined && stored.file.filename
          ? sanitizeFileName(stored.file.filename)
          : undefined;
      return { filename: storedName ?? filename, data: stored.data };
    }
    return {
      skip: `attachment ${index + 1}: ${uri} is not a stored file, so it is not available to the code`,
    };
  }
  const items: ContentItem[] = Array.isArray(content) ? content : [content];
  const image = items.find((item) => item.type === 'image');
  if (image && image.type === 'image' && image.image.data) {
    return { filename, data: Buffer.from(image.image.data, 'base64') };
  }
  const text = items.map((item) => (item.type === 'text' ? item.text : '')).join('');
  return { filename, data: Buffer.from(text, 'utf8') };
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
