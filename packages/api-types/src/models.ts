import { z } from 'zod';
import { JsonObject } from './json.js';

export const ModelType = z.enum(['llm', 'embedding']);
export type ModelType = z.infer<typeof ModelType>;

export const Model = z.object({
  identifier: z.string(),
  provider_resource_id: z.string(),
  provider_id: z.string(),
  type: z.literal('model').default('model'),
  model_type: ModelType.default('llm'),
  metadata: JsonObject.default({}),
});
export type Model = z.infer<typeof Model>;
