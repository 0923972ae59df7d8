import type { SamplingParams } from '@llama-stack-ts/api-types';

/** The Ollama `options` a request sends, in the order Llama Stack builds them. */
export type OllamaOptions = Record<string, number | string[]>;

/**
 * SamplingParams → Ollama options exactly as Llama Stack v0.2 does (`get_sampling_options` plus the Ollama
 * adapter's `num_predict`): greedy → `temperature: 0`; top_p → its temperature and `top_p`; top_k → `top_k`;
 * `max_tokens` (when not 0) as both `max_tokens` and `num_predict` (Ollama only reads the latter; the former
 * is kept so the body matches Llama Stack's byte for byte); `repeat_penalty` when not 1; `stop` when given.
 */
export function samplingOptions(params: SamplingParams | undefined): OllamaOptions {
  const options: OllamaOptions = {};
  if (!params) return options;
  const { strategy } = params;
  switch (strategy.type) {
    case 'greedy':
      options.temperature = 0;
      break;
    case 'top_p':
      if (strategy.temperature !== undefined) options.temperature = strategy.temperature;
      options.top_p = strategy.top_p;
      break;
    case 'top_k':
      options.top_k = strategy.top_k;
      break;
  }
  if (params.max_tokens) {
    options.max_tokens = params.max_tokens;
    options.num_predict = params.max_tokens;
  }
  if (params.repetition_penalty !== undefined && params.repetition_penalty !== 1) {
    options.repeat_penalty = params.repetition_penalty;
  }
  if (params.stop !== undefined) options.stop = params.stop;
  return options;
}
