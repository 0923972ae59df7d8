export type { OllamaModelEntry } from './model-names.js';
export { OLLAMA_MODEL_TABLE, ollamaModelEntry, resolveOllamaModel } from './model-names.js';
