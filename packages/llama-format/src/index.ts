export {
  LLAMA_GUARD_CATEGORIES,
  llamaGuardCategoryLines,
  llamaGuardPrompt,
  llamaGuardRawPrompt,
} from './llama-guard-prompt.js';
export type {
  LlamaGuardCategory,
  LlamaGuardCategoryCode,
  LlamaGuardPromptOptions,
} from './llama-guard-prompt.js';
