import { z } from 'zod';

export const URL_ = z.object({ uri: z.string() });
export type Url = z.infer<typeof URL_>;

export const ImageSource = z
  .object({
    url: URL_.optional(),
    data: z.string().optional().describe('base64-encoded image bytes'),
  })
  .refine((image) => image.url !== undefined || image.data !== undefined, {
    message: 'an image needs either url or data',
  });
export type ImageSource = z.infer<typeof ImageSource>;

export const TextContentItem = z.object({ type: z.literal('text'), text: z.string() });
export type TextContentItem = z.infer<typeof TextContentItem>;

export const ImageContentItem = z.object({ type: z.literal('image'), image: ImageSource });
export type ImageContentItem = z.infer<typeof ImageContentItem>;

export const ContentItem = z.discriminatedUnion('type', [TextContentItem, ImageContentItem]);
export type ContentItem = z.infer<typeof ContentItem>;

/** A string, one content item, or a list of them. */
export const InterleavedContent = z.union([z.string(), ContentItem, z.array(ContentItem)]);
export type InterleavedContent = z.infer<typeof InterleavedContent>;

/** A file a tool produced or a user attached: inline content or a URL, with its MIME type. */
export const Attachment = z.object({
  content: z.union([InterleavedContent, URL_]),
  mime_type: z.string(),
  /**
   * Extension: the name a tool should give the file in its work directory. Tools keep only a plain, safe
   * name (see attachmentFileName); without one they name the file `attachment-<n>.<ext>`.
   */
  filename: z
    .string()
    .optional()
    .describe('Extension: the name a tool should give the file in its work directory'),
});
export type Attachment = z.infer<typeof Attachment>;

/** The text of interleaved content, images left out. */
export function contentToText(content: InterleavedContent): string {
  if (typeof content === 'string') return content;
  const items = Array.isArray(content) ? content : [content];
  return items.map((item) => (item.type === 'text' ? item.text : '')).join('');
}
