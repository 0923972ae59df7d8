import { describe, expect, it } from 'vitest';
import { formatTodayDate } from './format-date.js';
import { isMultimodalLlama, modelFamilyOf, promptFamilyOf } from './model-family.js';

describe('modelFamilyOf', () => {
  it.each([
    ['llama3.2:3b-instruct-fp16', '3.2'],
    ['llama3.2:3b', '3.2'],
    ['ollama/llama3.2:1b', '3.2'],
    ['llama3.1:8b-instruct-fp16', '3.1'],
    ['llama3.3:70b', '3.3'],
    ['llama3.2-vision:11b', '3.2'],
    ['meta-llama/Llama-3.2-3B-Instruct', '3.2'],
    ['meta-llama/Llama-3.1-405B-Instruct-FP8', '3.1'],
    ['Llama3.1-8B-Instruct', '3.1'],
    ['meta-llama/Llama-3.3-70B-Instruct', '3.3'],
    ['meta-llama/Llama-3.2-11B-Vision-Instruct', '3.2'],
  ])('reads %s as Llama %s', (model, family) => {
    expect(modelFamilyOf(model)).toBe(family);
  });

  it.each([
    'llama-guard3:1b',
    'meta-llama/Llama-Guard-3-1B',
    'qwen2.5:7b',
    'llama2:7b',
    'all-minilm:l6-v2',
  ])('knows %s is not a Llama 3.x chat model', (model) => {
    expect(modelFamilyOf(model)).toBeUndefined();
  });

  it('formats Llama 3.2 Vision prompts as Llama 3.1', () => {
    expect(isMultimodalLlama('llama3.2-vision:11b')).toBe(true);
    expect(isMultimodalLlama('meta-llama/Llama-3.2-90B-Vision-Instruct')).toBe(true);
    expect(isMultimodalLlama('llama3.2:3b')).toBe(false);
    expect(promptFamilyOf('llama3.2-vision:11b')).toBe('3.1');
    expect(promptFamilyOf('llama3.2:3b')).toBe('3.2');
  });
});

describe('formatTodayDate', () => {
  it('writes the day zero-padded, the month in full, in UTC', () => {
    expect(formatTodayDate(new Date('2024-08-08T23:30:00Z'))).toBe('08 August 2024');
    expect(formatTodayDate(new Date('2024-07-30T00:00:00Z'))).toBe('30 July 2024');
    expect(() => formatTodayDate(new Date('nope'))).toThrow(RangeError);
  });
});
