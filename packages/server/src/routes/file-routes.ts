import { NotFoundError } from '@llama-stack-ts/api-types';
import type { Context } from 'hono';
import { pathParam } from '../http/request-body.js';
import type { RouteContext } from './route-context.js';

export function registerFileRoutes(context: RouteContext): void {
  const { registry, stack } = context;
  const serve = async (c: Context) => {
    const id = pathParam(c, 'file_id');
    const found = stack.files ? await stack.files.get(id, { signal: c.req.raw.signal }) : undefined;
    if (!found) throw new NotFoundError('File', id);
    return new Response(found.data as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        'content-type': found.file.mime_type,
        'content-length': String(found.data.byteLength),
        'content-disposition': `inline; filename="${found.file.filename.replace(/["\\\r\n]/g, '_')}"`,
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    });
  };
  const doc = { summary: 'Bytes of a stored file (images the tools produced)', tag: 'Files', binary: true };
  registry.add('get', '/v1/files/:file_id/content', doc, serve);
  registry.add('get', '/v1/openai/v1/files/:file_id/content', doc, serve);
}
