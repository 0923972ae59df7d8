import { describe, expect, it } from 'vitest';
import { loadDemoRecordings, offlineReplayRecordings } from '../src/offline/offline-recordings.js';
import { guardPromptTail, llamaPromptTail, offersCustomTools } from '../src/offline/prompt-tail.js';

const LLAMA =
  '<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nYou are a helpful assistant<|eot_id|>' +
  '<|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|>' +
  '<|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|>' +
  '<|start_header_id|>ipython<|end_header_id|>\n\n-100<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n';

describe('prompt tails', () => {
  it('finds the last message of a raw Llama prompt', () => {
    expect(llamaPromptTail(LLAMA)).toEqual({ role: 'ipython', text: '-100' });
    expect(llamaPromptTail('not a prompt')).toBeUndefined();
  });

  it('finds the assessed message of a Llama Guard prompt', () => {
    const prompt =
      "Task: Check if there is unsafe content in 'Agent' messages\n<BEGIN CONVERSATION>\n\nUser: hi\n\nAgent: Hello there\n\n" +
      '<END CONVERSATION>\n\nProvide your safety assessment for ONLY THE LAST Agent message in the above conversation:';
    expect(guardPromptTail(prompt)).toEqual({ role: 'Agent', text: 'Hello there' });
  });

  it('tells prompts that offer custom tools', () => {
    expect(offersCustomTools(LLAMA)).toBe(false);
    expect(offersCustomTools('[{"name": "get_boiling_point", "parameters": {}}]')).toBe(true);
  });
});

describe('the shipped recordings', () => {
  it('are real Llama Stack recordings of both models, each matched by its own last message', () => {
    const recordings = loadDemoRecordings();
    expect(recordings.length).toBeGreaterThanOrEqual(6);
    const models = new Set(recordings.map((r) => (r.request.body as { model: string }).model));
    expect(models).toEqual(new Set(['llama3.2:3b-instruct-fp16', 'llama-guard3:1b']));
    const replay = offlineReplayRecordings(recordings);
    for (const recording of recordings) {
      const matcher = replay.find((r) => r.id === recording.id)!;
      expect(matcher.match!({ path: '/api/generate', body: recording.request.body })).toBe(true);
    }
  });
});
