import type { JsonObject } from '@llama-stack-ts/api-types';

/** A model Llama Stack's Ollama provider knows by name: its Ollama tag and the Llama SKU it serves. */
export interface OllamaModelEntry {
  /** The Ollama tag sent on the wire. */
  tag: string;
  /** Hugging Face repo name of the Llama SKU (`meta-llama/Llama-3.2-3B-Instruct`); absent for plain aliases. */
  sku?: string;
  /** Llama Stack's descriptor of the same SKU (`Llama3.2-3B-Instruct`). */
  descriptor?: string;
  modelType: 'llm' | 'embedding';
  metadata?: JsonObject;
}

/**
 * Llama Stack v0.2's Ollama model table (`providers/remote/inference/ollama/models.py`): an SKU resolves to the
 * first tag listed for it, the fp16 instruct build.
 */
export const OLLAMA_MODEL_TABLE: readonly OllamaModelEntry[] = [
  llm('llama3.1:8b-instruct-fp16', 'meta-llama/Llama-3.1-8B-Instruct', 'Llama3.1-8B-Instruct'),
  llm('llama3.1:8b', undefined, 'Llama3.1-8B-Instruct'),
  llm('llama3.1:70b-instruct-fp16', 'meta-llama/Llama-3.1-70B-Instruct', 'Llama3.1-70B-Instruct'),
  llm('llama3.1:70b', undefined, 'Llama3.1-70B-Instruct'),
  llm('llama3.1:405b-instruct-fp16', 'meta-llama/Llama-3.1-405B-Instruct', 'Llama3.1-405B-Instruct'),
  llm('llama3.1:405b', undefined, 'Llama3.1-405B-Instruct'),
  llm('llama3.2:1b-instruct-fp16', 'meta-llama/Llama-3.2-1B-Instruct', 'Llama3.2-1B-Instruct'),
  llm('llama3.2:1b', undefined, 'Llama3.2-1B-Instruct'),
  llm('llama3.2:3b-instruct-fp16', 'meta-llama/Llama-3.2-3B-Instruct', 'Llama3.2-3B-Instruct'),
  llm('llama3.2:3b', undefined, 'Llama3.2-3B-Instruct'),
  llm(
    'llama3.2-vision:11b-instruct-fp16',
    'meta-llama/Llama-3.2-11B-Vision-Instruct',
    'Llama3.2-11B-Vision-Instruct',
  ),
  llm('llama3.2-vision:latest', undefined, 'Llama3.2-11B-Vision-Instruct'),
  llm(
    'llama3.2-vision:90b-instruct-fp16',
    'meta-llama/Llama-3.2-90B-Vision-Instruct',
    'Llama3.2-90B-Vision-Instruct',
  ),
  llm('llama3.2-vision:90b', undefined, 'Llama3.2-90B-Vision-Instruct'),
  llm('llama3.3:70b', 'meta-llama/Llama-3.3-70B-Instruct', 'Llama3.3-70B-Instruct'),
  llm('llama-guard3:8b', 'meta-llama/Llama-Guard-3-8B', 'Llama-Guard-3-8B'),
  llm('llama-guard3:1b', 'meta-llama/Llama-Guard-3-1B', 'Llama-Guard-3-1B'),
  {
    tag: 'all-minilm:latest',
    modelType: 'embedding',
    metadata: { embedding_dimension: 384, context_length: 512 },
  },
  {
    tag: 'all-minilm:l6-v2',
    modelType: 'embedding',
    metadata: { embedding_dimension: 384, context_length: 512 },
  },
  {
    tag: 'nomic-embed-text',
    modelType: 'embedding',
    metadata: { embedding_dimension: 768, context_length: 8192 },
  },
];

function llm(tag: string, sku: string | undefined, descriptor: string): OllamaModelEntry {
  return { tag, ...(sku ? { sku } : {}), descriptor, modelType: 'llm' };
}

/**
 * The Ollama tag for a model name: an alias you configured, a Llama SKU (`meta-llama/Llama-3.2-3B-Instruct` or
 * `Llama3.2-3B-Instruct`) from Llama Stack's table, or the name itself (an Ollama tag; an `ollama/` prefix is
 * dropped as Llama Stack does).
 */
export function resolveOllamaModel(name: string, aliases: Readonly<Record<string, string>> = {}): string {
  const alias = aliases[name];
  if (alias !== undefined) return alias;
  const bare = name.startsWith('ollama/') ? name.slice('ollama/'.length) : name;
  const wanted = bare.toLowerCase();
  const entry = OLLAMA_MODEL_TABLE.find(
    (candidate) =>
      candidate.sku !== undefined &&
      (candidate.sku.toLowerCase() === wanted || candidate.descriptor?.toLowerCase() === wanted),
  );
  return entry?.tag ?? bare;
}

/** The table entry of an Ollama tag (`llama3.2` and `llama3.2:latest` are the same model). */
export function ollamaModelEntry(tag: string): OllamaModelEntry | undefined {
  const wanted = withLatest(tag);
  return OLLAMA_MODEL_TABLE.find((entry) => withLatest(entry.tag) === wanted);
}

/** Ollama's rule: a name without a tag means `:latest`. */
export function withLatest(tag: string): string {
  return tag.includes(':') ? tag : `${tag}:latest`;
}
