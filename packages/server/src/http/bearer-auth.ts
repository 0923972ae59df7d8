import { createHash, timingSafeEqual } from 'node:crypto';
import { UnauthorizedError } from '@llama-stack-ts/api-types';
import type { MiddlewareHandler } from 'hono';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Requires `Authorization: Bearer <one of apiKeys>` except on public routes; compares in constant time. */
export function bearerAuth(
  apiKeys: readonly string[],
  isPublic: (method: string, path: string) => boolean,
): MiddlewareHandler {
  const accepted = apiKeys.map(digest);
  return async (c, next) => {
    if (accepted.length === 0 || c.req.method === 'OPTIONS' || isPublic(c.req.method, c.req.path))
      return next();
    const header = c.req.header('authorization') ?? '';
    const match = header.match(/^Bearer\s+(.+)$/i);
    if (!match) {
      throw new UnauthorizedError('Missing API key: send the header Authorization: Bearer <api key>');
    }
    const given = digest(match[1]!.trim());
    if (!accepted.some((key) => timingSafeEqual(key, given))) {
      throw new UnauthorizedError('Invalid API key');
    }
    return next();
  };
}
