import { describe, expect, it } from 'vitest';
import { DIALOG_SCENARIOS } from '../test/dialog-scenarios.js';
import { reproduce } from '../test/recorded-dialogs.js';
import { generateRecordings } from '../test/recordings.js';

const recordings = generateRecordings();

describe('recorded /api/generate prompts', () => {
  const outcomes = recordings.map((recording) => ({ recording, outcome: reproduce(recording) }));

  it('reproduces every recorded Llama 3.2 chat and completion prompt byte for byte', () => {
    const counts: Record<string, number> = {};
    const excluded: string[] = [];
    for (const { recording, outcome } of outcomes) {
      const key = outcome.kind === 'chat' ? `chat: ${outcome.scenario.name}` : outcome.kind;
      counts[key] = (counts[key] ?? 0) + 1;
      if (outcome.kind === 'excluded')
        excluded.push(`${recording.id} (${recording.row.model}): ${outcome.reason}`);
    }
    console.log(`recorded /api/generate prompts: ${recordings.length}`, counts);
    expect(excluded).toEqual([]);
    const unused = DIALOG_SCENARIOS.filter((scenario) => !counts[`chat: ${scenario.name}`]).map(
      (s) => s.name,
    );
    expect(unused).toEqual([]);
  });
});
