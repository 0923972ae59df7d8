import type { Attachment, CallOptions, FileStore } from '@llama-stack-ts/api-types';

export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** The image type the bytes start with, or undefined when they are not an image we hand out. */
export function sniffImageType(data: Uint8Array): ImageMimeType | undefined {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => data[index] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (
    starts(0x52, 0x49, 0x46, 0x46) &&
    data[8] === 0x57 &&
    data[9] === 0x45 &&
    data[10] === 0x42 &&
    data[11] === 0x50
  ) {
    return 'image/webp';
  }
  return undefined;
}

/** The URL the server serves a stored file at. */
export function fileContentUrl(publicBaseUrl: string, fileId: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/v1/files/${encodeURIComponent(fileId)}/content`;
}

export interface StoredImage {
  attachment: Attachment;
  /** Where the image can be fetched, when it went to a file store. */
  url?: string;
  fileId?: string;
}

/**
 * An image as a turn attachment: stored in the file store and referenced by URL when there is one,
 * inline base64 otherwise.
 */
export async function storeImage(
  image: { data: Uint8Array; mimeType: ImageMimeType; filename: string; sessionId?: string },
  target: { fileStore?: FileStore; publicBaseUrl: string },
  options: CallOptions = {},
): Promise<StoredImage> {
  if (!target.fileStore) {
    const data = Buffer.from(image.data).toString('base64');
    return { attachment: { content: { type: 'image', image: { data } }, mime_type: image.mimeType } };
  }
  const stored = await target.fileStore.put(
    {
      data: image.data,
      mime_type: image.mimeType,
      filename: image.filename,
      ...(image.sessionId ? { session_id: image.sessionId } : {}),
    },
    options,
  );
  const url = fileContentUrl(target.publicBaseUrl, stored.id);
  return { attachment: { content: { uri: url }, mime_type: image.mimeType }, url, fileId: stored.id };
}
