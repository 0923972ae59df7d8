export type { OllamaModelEntry } from './model-names.js';
export { OLLAMA_MODEL_TABLE, ollamaModelEntry, resolveOllamaModel } from './model-names.js';
export type { OllamaInferenceProviderOptions, OllamaRequest } from './ollama-provider.js';
export { DEFAULT_NUM_CTX, OllamaInferenceProvider } from './ollama-provider.js';
export type { OllamaOptions } from './sampling-options.js';
export { samplingOptions } from './sampling-options.js';
export { normaliseBaseUrl } from './base-url.js';
