import { LLAMA_GUARD_CATEGORIES } from '@llama-stack-ts/llama-format';

export type LlamaGuardCategoryEntry = { readonly code: string; readonly name: string };

/** S1–S13: the taxonomy Llama Stack offers to the Llama Guard SKUs it knows, except the 8B one. */
const WITHOUT_CODE_INTERPRETER_ABUSE: readonly LlamaGuardCategoryEntry[] = LLAMA_GUARD_CATEGORIES.filter(
  (category) => category.code !== 'S14',
);

/**
 * Llama Stack's LLAMA_GUARD_MODEL_IDS → MODEL_TO_SAFETY_CATEGORIES_MAP. Only these exact ids get a
 * model-specific taxonomy; any other model (every Ollama tag, `llama-guard3:1b` included) gets all of S1–S14,
 * which is what the recorded llama-guard3:1b prompts show.
 */
const CATEGORIES_BY_MODEL: ReadonlyMap<string, readonly LlamaGuardCategoryEntry[]> = new Map<
  string,
  readonly LlamaGuardCategoryEntry[]
>([
  ['Llama-Guard-3-8B', LLAMA_GUARD_CATEGORIES],
  ['meta-llama/Llama-Guard-3-8B', LLAMA_GUARD_CATEGORIES],
  ['Llama-Guard-3-1B', WITHOUT_CODE_INTERPRETER_ABUSE],
  ['meta-llama/Llama-Guard-3-1B', WITHOUT_CODE_INTERPRETER_ABUSE],
  ['Llama-Guard-3-11B-Vision', WITHOUT_CODE_INTERPRETER_ABUSE],
  ['meta-llama/Llama-Guard-3-11B-Vision', WITHOUT_CODE_INTERPRETER_ABUSE],
  ['Llama-Guard-4-12B', WITHOUT_CODE_INTERPRETER_ABUSE],
  ['meta-llama/Llama-Guard-4-12B', WITHOUT_CODE_INTERPRETER_ABUSE],
]);

/** The categories Llama Stack v0.2 puts in the prompt for this model id. */
export function llamaGuardCategoriesFor(model: string): readonly LlamaGuardCategoryEntry[] {
  return CATEGORIES_BY_MODEL.get(model) ?? LLAMA_GUARD_CATEGORIES;
}

/**
 * Llama Stack sends the most recent user image along with the prompt only to Llama Guard 3 11B Vision (its
 * CoreModelId; we also accept the Hugging Face id). Every other model sees images as `<image>` in the text.
 */
export function isLlamaGuardVisionModel(model: string): boolean {
  return model === 'Llama-Guard-3-11B-Vision' || model === 'meta-llama/Llama-Guard-3-11B-Vision';
}

export const LLAMA_GUARD_CATEGORY_CODES: readonly string[] = LLAMA_GUARD_CATEGORIES.map((c) => c.code);
