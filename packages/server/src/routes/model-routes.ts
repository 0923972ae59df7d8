import { type Model, NotFoundError } from '@llama-stack-ts/api-types';
import { pathParam } from '../http/request-body.js';
import type { RouteContext } from './route-context.js';

/** The models the server offers: the config's list when it has one, else whatever the provider lists. */
export async function servedModels(context: RouteContext, signal?: AbortSignal): Promise<Model[]> {
  const { config, stack } = context;
  if (config.models.length > 0) {
    return config.models.map((entry) => ({
      identifier: entry.model_id,
      provider_resource_id: entry.provider_model_id ?? entry.model_id,
      provider_id: stack.inference.id,
      type: 'model' as const,
      model_type: 'llm' as const,
      metadata: (entry.metadata ?? {}) as Model['metadata'],
    }));
  }
  return stack.inference.listModels({ signal });
}

export function registerModelRoutes(context: RouteContext): void {
  const { registry } = context;
  registry.add(
    'get',
    '/v1/models',
    {
      summary: 'List models',
      tag: 'Models',
      response: {
        inline: {
          type: 'object',
          required: ['data'],
          properties: { data: { type: 'array', items: { $ref: '#/components/schemas/Model' } } },
        },
      },
    },
    async (c) => c.json({ data: await servedModels(context, c.req.raw.signal) }),
  );
  registry.add(
    'get',
    '/v1/models/:model_id',
    { summary: 'Describe a model', tag: 'Models', response: 'Model' },
    async (c) => {
      const id = pathParam(c, 'model_id');
      const model = (await servedModels(context, c.req.raw.signal)).find(
        (m) => m.identifier === id || m.provider_resource_id === id,
      );
      if (!model) throw new NotFoundError('Model', id);
      return c.json(model);
    },
  );
}
