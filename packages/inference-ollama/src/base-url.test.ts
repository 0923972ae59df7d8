import { describe, expect, it } from 'vitest';
import { normaliseBaseUrl } from './base-url.js';

describe('normaliseBaseUrl', () => {
  it('accepts the forms OLLAMA_HOST takes', () => {
    expect(normaliseBaseUrl('http://localhost:11434/')).toBe('http://localhost:11434');
    expect(normaliseBaseUrl('localhost')).toBe('http://localhost:11434');
    expect(normaliseBaseUrl('127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(normaliseBaseUrl('0.0.0.0')).toBe('http://localhost:11434');
    expect(normaliseBaseUrl('https://ollama.internal')).toBe('https://ollama.internal');
    expect(normaliseBaseUrl('http://gpu-box:11434/ollama/')).toBe('http://gpu-box:11434/ollama');
  });
});
