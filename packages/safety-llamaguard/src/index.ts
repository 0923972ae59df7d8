export {
  DEFAULT_LLAMA_GUARD_MODEL,
  LLAMA_GUARD_REFUSAL,
  LLAMA_GUARD_SHIELD_ID,
  LlamaGuardShield,
} from './llama-guard/llama-guard-shield.js';
export type { LlamaGuardShieldOptions } from './llama-guard/llama-guard-shield.js';
export { parseLlamaGuardVerdict } from './llama-guard/parse-verdict.js';
export type { LlamaGuardVerdict } from './llama-guard/parse-verdict.js';
export { llamaGuardCategoriesFor } from './llama-guard/llama-guard-models.js';
