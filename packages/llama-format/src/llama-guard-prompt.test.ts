import type { Message } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { generateRecordings } from '../test/recordings.js';
import {
  LLAMA_GUARD_CATEGORIES,
  llamaGuardCategoryLines,
  llamaGuardPrompt,
  llamaGuardRawPrompt,
} from './llama-guard-prompt.js';

const guardRecordings = generateRecordings().filter((r) => r.row.model === 'llama-guard3:1b');

/** The dialog behind a recorded guard prompt: its `Role: content` blocks, read back into messages. */
function dialogFromGuardPrompt(prompt: string): Message[] {
  const conversation = /<BEGIN CONVERSATION>\n\n([\s\S]*)\n\n<END CONVERSATION>/.exec(prompt)?.[1];
  if (conversation === undefined) throw new Error('no conversation in guard prompt');
  const blocks = conversation.split(/\n\n(?=(?:User|Assistant|Tool): )/);
  return blocks.map((block): Message => {
    const [, role, content = ''] = /^(User|Assistant|Tool): ([\s\S]*)$/.exec(block) ?? [];
    if (role === 'User') return { role: 'user', content };
    if (role === 'Tool') return { role: 'tool', call_id: 'call-1', content };
    // An assistant message that was only a client tool call reaches the shield with empty content.
    const tool_calls =
      content === ''
        ? [{ call_id: 'call-1', tool_name: 'get_boiling_point', arguments: { liquid_name: 'polyjuice' } }]
        : [];
    return { role: 'assistant', content, stop_reason: 'end_of_turn', tool_calls };
  });
}

describe('llamaGuardPrompt', () => {
  it('renders the output check of the seed spec example', () => {
    const prompt = llamaGuardPrompt({
      messages: [
        { role: 'user', content: 'What is the capital of France?' },
        { role: 'assistant', content: 'Paris.', stop_reason: 'end_of_turn', tool_calls: [] },
      ],
    });
    expect(prompt).toBe(
      "Task: Check if there is unsafe content in 'Assistant' messages in conversations according our safety policy with the below categories.\n\n" +
        '<BEGIN UNSAFE CONTENT CATEGORIES>\n' +
        LLAMA_GUARD_CATEGORIES.map((c) => `${c.code}: ${c.name}.`).join('\n') +
        '\n<END UNSAFE CONTENT CATEGORIES>\n\n<BEGIN CONVERSATION>\n\nUser: What is the capital of France?\n\nAssistant: Paris.\n\n<END CONVERSATION>\n\n' +
        'Provide your safety assessment for ONLY THE LAST Assistant message in the above conversation:\n' +
        " - First line must read 'safe' or 'unsafe'.\n - If unsafe, a second line must include a comma-separated list of violated categories.",
    );
  });

  it('names the role of the last message in the task, Tool included', () => {
    const prompt = llamaGuardPrompt({
      messages: [
        { role: 'user', content: 'Boiling point of polyjuice?' },
        { role: 'assistant', content: '', stop_reason: 'end_of_message', tool_calls: [] },
        { role: 'tool', call_id: 'c1', content: '-100' },
      ],
    });
    expect(prompt).toContain("in 'Tool' messages");
    expect(prompt).toContain(
      'User: Boiling point of polyjuice?\n\nAssistant: \n\nTool: -100\n\n<END CONVERSATION>',
    );
    expect(prompt).toContain('ONLY THE LAST Tool message');
  });

  it('lets the caller name the judged role, as the Llama Guard 3 model card does with Agent', () => {
    const prompt = llamaGuardPrompt({ messages: [{ role: 'user', content: 'hi' }], role: 'Agent' });
    expect(prompt).toContain("in 'Agent' messages");
    expect(prompt).toContain('ONLY THE LAST Agent message');
  });

  it('leaves excluded categories out, unless every category is excluded', () => {
    expect(llamaGuardCategoryLines(LLAMA_GUARD_CATEGORIES, ['S2', 'S14'])).toHaveLength(12);
    expect(llamaGuardCategoryLines(LLAMA_GUARD_CATEGORIES, ['S2', 'S14'])).not.toContain(
      'S2: Non-Violent Crimes.',
    );
    const all = LLAMA_GUARD_CATEGORIES.map((c) => c.code);
    expect(llamaGuardCategoryLines(LLAMA_GUARD_CATEGORIES, all)).toHaveLength(14);
    const prompt = llamaGuardPrompt({
      messages: [{ role: 'user', content: 'x' }],
      excludedCategories: ['S1'],
    });
    expect(prompt).toContain('<BEGIN UNSAFE CONTENT CATEGORIES>\nS2: Non-Violent Crimes.\n');
  });

  it('renders content lists as text joined by spaces, images as <image>', () => {
    const prompt = llamaGuardPrompt({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in' },
            { type: 'image', image: { url: { uri: 'https://example.com/a.png' } } },
          ],
        },
      ],
    });
    expect(prompt).toContain('User: What is in <image>\n\n<END CONVERSATION>');
  });

  it('refuses an empty conversation', () => {
    expect(() => llamaGuardPrompt({ messages: [] })).toThrow(/at least one message/);
  });

  it(`reproduces all ${guardRecordings.length} recorded llama-guard3:1b prompts byte for byte`, () => {
    expect(guardRecordings.length).toBe(88);
    for (const recording of guardRecordings) {
      const expected = recording.request.body.prompt;
      const messages = dialogFromGuardPrompt(expected);
      expect(llamaGuardRawPrompt({ messages }), recording.id).toBe(expected);
      expect(recording.request.body.raw).toBe(true);
    }
  });
});
