/** The Llama prompt-format families this package encodes. Llama 3.3 formats exactly like Llama 3.2. */
export type LlamaModelFamily = '3.1' | '3.2' | '3.3';

const OLLAMA_TAG = /^(?:.*\/)?llama(3\.[123])(-vision)?(?::|$)/i;
const LLAMA_SKU = /^(?:meta-llama\/)?(?:meta-)?llama-?(3\.[123])-(\d+B)(-vision)?/i;

/**
 * The Llama family of a model name, from an Ollama tag (`llama3.2:3b-instruct-fp16`, `ollama/llama3.1:8b`)
 * or a Llama SKU (`meta-llama/Llama-3.2-3B-Instruct`, `Llama3.1-8B-Instruct`). `undefined` for anything
 * else (Llama Guard included: it takes a plain user turn, no tool prompt).
 */
export function modelFamilyOf(model: string): LlamaModelFamily | undefined {
  const name = model.trim();
  const match = OLLAMA_TAG.exec(name) ?? LLAMA_SKU.exec(name);
  return match ? (match[1] as LlamaModelFamily) : undefined;
}

/**
 * Llama 3.2 Vision (11B, 90B) is multimodal; Llama Stack gives it the Llama 3.1 tool prompt (JSON tool
 * calls, builtin tools and the date block), not the 3.2 python-list one.
 */
export function isMultimodalLlama(model: string): boolean {
  const name = model.trim();
  return /llama-?3\.2-?(?:11|90)b-vision|llama3\.2-vision/i.test(name);
}

/** The prompt family `encodeDialog` should use for a model: 3.2 Vision formats as 3.1. */
export function promptFamilyOf(model: string): LlamaModelFamily | undefined {
  const family = modelFamilyOf(model);
  if (family === '3.2' && isMultimodalLlama(model)) return '3.1';
  return family;
}
