import { SamplingParams } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { samplingOptions } from './sampling-options.js';

const options = (input: Parameters<typeof SamplingParams.parse>[0]) =>
  samplingOptions(SamplingParams.parse(input));

describe('SamplingParams → Ollama options, as Llama Stack v0.2 maps them', () => {
  it('sends temperature 0 for greedy (the recorded default)', () => {
    expect(options({})).toEqual({ temperature: 0 });
  });

  it('sends the top_p strategy’s temperature and top_p (the recorded agent settings)', () => {
    expect(options({ strategy: { type: 'top_p', temperature: 0.0001, top_p: 0.9 } })).toEqual({
      temperature: 0.0001,
      top_p: 0.9,
    });
  });

  it('sends top_k', () => {
    expect(options({ strategy: { type: 'top_k', top_k: 40 } })).toEqual({ top_k: 40 });
  });

  it('sends max_tokens as num_predict (and as max_tokens, as recorded)', () => {
    expect(Object.entries(options({ max_tokens: 50 }))).toEqual([
      ['temperature', 0],
      ['max_tokens', 50],
      ['num_predict', 50],
    ]);
  });

  it('sends repeat_penalty only when it is not 1, and stop words when given', () => {
    expect(options({ repetition_penalty: 1 })).toEqual({ temperature: 0 });
    expect(options({ repetition_penalty: 1.2, stop: ['\n\n'] })).toEqual({
      temperature: 0,
      repeat_penalty: 1.2,
      stop: ['\n\n'],
    });
  });
});
