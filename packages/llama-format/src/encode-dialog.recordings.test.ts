import { describe, expect, it } from 'vitest';
import { DIALOG_SCENARIOS } from '../test/dialog-scenarios.js';
import { reproduce } from '../test/recorded-dialogs.js';
import { generateRecordings } from '../test/recordings.js';

/**
 * Every raw `/api/generate` prompt in the shared Ollama recordings, rebuilt from its dialog: the messages
 * after the system prompt are read back from the recording (assistant tool calls through our decoder), the
 * system prompt comes from the scenario's tools and instructions (test/dialog-scenarios.ts, written from
 * Llama Stack's integration tests). A recording counts as reproduced when one declared scenario encodes to
 * exactly its bytes.
 */
const outcomes = generateRecordings().map((recording) => ({ recording, outcome: reproduce(recording) }));

describe('recorded /api/generate prompts', () => {
  it.each(
    outcomes.map(({ recording, outcome }) => ({ id: recording.id, model: recording.row.model, outcome })),
  )('$id ($model) is reproduced byte for byte', ({ outcome }) => {
    expect(outcome.kind).not.toBe('excluded');
  });

  it('reproduces all 279: 170 Llama 3.2 chats, 21 completions, 88 Llama Guard prompts, none excluded', () => {
    const counts: Record<string, number> = {};
    for (const { outcome } of outcomes) {
      const key = outcome.kind === 'chat' ? `chat: ${outcome.scenario.name}` : outcome.kind;
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts).toEqual({
      guard: 88,
      completion: 21,
      'chat: no system message, no tools': 54,
      'chat: agent without tools': 15,
      'chat: structured output system prompt': 7,
      'chat: get_weather, tool_choice auto': 14,
      'chat: get_weather, tool_choice required': 8,
      'chat: get_weather, tool_choice none': 7,
      'chat: agent client tool get_boiling_point': 16,
      'chat: agent client tool, tool_choice required': 8,
      'chat: agent client tool, tool_choice get_boiling_point': 8,
      'chat: agent client tool, infinite-loop instructions': 4,
      'chat: agent client tool with metadata': 8,
      'chat: tool not in request': 14,
      'chat: MCP tools, indented docstring': 3,
      'chat: MCP tools, dedented docstring': 4,
    });
    expect(Object.keys(counts)).toHaveLength(DIALOG_SCENARIOS.length + 2);
  });
});
