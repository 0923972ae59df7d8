import { NotFoundError, RunShieldRequest } from '@llama-stack-ts/api-types';
import { pathParam, readJsonBody } from '../http/request-body.js';
import type { RouteContext } from './route-context.js';

export function registerSafetyRoutes(context: RouteContext): void {
  const { registry, stack } = context;
  const listShields = async (signal: AbortSignal) =>
    stack.safety ? stack.safety.listShields({ signal }) : [];

  registry.add(
    'get',
    '/v1/shields',
    {
      summary: 'List shields',
      tag: 'Safety',
      response: {
        inline: {
          type: 'object',
          required: ['data'],
          properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Shield' } } },
        },
      },
    },
    async (c) => c.json({ data: await listShields(c.req.raw.signal) }),
  );

  registry.add(
    'get',
    '/v1/shields/:identifier',
    { summary: 'Describe a shield', tag: 'Safety', response: 'Shield' },
    async (c) => {
      const id = pathParam(c, 'identifier');
      const shield = (await listShields(c.req.raw.signal)).find((s) => s.identifier === id);
      if (!shield) throw new NotFoundError('Shield', id);
      return c.json(shield);
    },
  );

  registry.add(
    'post',
    '/v1/safety/run-shield',
    {
      summary: 'Run a shield on messages',
      tag: 'Safety',
      body: 'RunShieldRequest',
      response: 'RunShieldResponse',
    },
    async (c) => {
      const request = await readJsonBody(c, RunShieldRequest);
      if (!stack.safety) throw new NotFoundError('Shield', request.shield_id);
      const shields = await stack.safety.listShields({ signal: c.req.raw.signal });
      if (!shields.some((s) => s.identifier === request.shield_id))
        throw new NotFoundError('Shield', request.shield_id);
      const result = await stack.safety.runShield(request, { signal: c.req.raw.signal });
      return c.json({ violation: result.violation ?? null });
    },
  );
}
