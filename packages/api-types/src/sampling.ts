import { z } from 'zod';

export const GreedySamplingStrategy = z.object({ type: z.literal('greedy') });
export const TopPSamplingStrategy = z.object({
  type: z.literal('top_p'),
  temperature: z.number().min(0).optional(),
  top_p: z.number().gt(0).max(1).default(0.95),
});
export const TopKSamplingStrategy = z.object({ type: z.literal('top_k'), top_k: z.number().int().min(1) });

export const SamplingStrategy = z.discriminatedUnion('type', [
  GreedySamplingStrategy,
  TopPSamplingStrategy,
  TopKSamplingStrategy,
]);
export type SamplingStrategy = z.infer<typeof SamplingStrategy>;

export const SamplingParams = z.object({
  strategy: SamplingStrategy.default({ type: 'greedy' }),
  max_tokens: z.number().int().min(0).default(0),
  repetition_penalty: z.number().default(1.0),
  stop: z.array(z.string()).optional(),
});
export type SamplingParams = z.infer<typeof SamplingParams>;
export type SamplingParamsInput = z.input<typeof SamplingParams>;
