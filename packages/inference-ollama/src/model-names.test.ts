import { describe, expect, it } from 'vitest';
import { ollamaModelEntry, resolveOllamaModel } from './model-names.js';

describe('resolveOllamaModel', () => {
  it('maps Llama SKUs to the Ollama tag Llama Stack uses', () => {
    expect(resolveOllamaModel('meta-llama/Llama-3.2-3B-Instruct')).toBe('llama3.2:3b-instruct-fp16');
    expect(resolveOllamaModel('meta-llama/Llama-3.1-8B-Instruct')).toBe('llama3.1:8b-instruct-fp16');
    expect(resolveOllamaModel('meta-llama/Llama-3.3-70B-Instruct')).toBe('llama3.3:70b');
    expect(resolveOllamaModel('meta-llama/Llama-Guard-3-1B')).toBe('llama-guard3:1b');
    expect(resolveOllamaModel('Llama3.2-1B-Instruct')).toBe('llama3.2:1b-instruct-fp16');
    expect(resolveOllamaModel('meta-llama/llama-3.2-3b-instruct')).toBe('llama3.2:3b-instruct-fp16');
  });

  it('passes Ollama tags through and drops an ollama/ prefix', () => {
    expect(resolveOllamaModel('llama3.2:3b')).toBe('llama3.2:3b');
    expect(resolveOllamaModel('qwen3:0.6b')).toBe('qwen3:0.6b');
    expect(resolveOllamaModel('ollama/llama3.2:3b-instruct-fp16')).toBe('llama3.2:3b-instruct-fp16');
  });

  it('prefers configured aliases', () => {
    expect(resolveOllamaModel('my-llama', { 'my-llama': 'llama3.2:1b' })).toBe('llama3.2:1b');
  });

  it('treats a tag without a version as :latest', () => {
    expect(ollamaModelEntry('nomic-embed-text:latest')?.modelType).toBe('embedding');
    expect(ollamaModelEntry('all-minilm')?.metadata).toEqual({
      embedding_dimension: 384,
      context_length: 512,
    });
  });
});
