import { describe, expect, it } from 'vitest';
import { AgentConfig } from './agent-config.js';
import { parseOrThrow } from './errors.js';

describe('AgentConfig', () => {
  it('fills every default', () => {
    const config = AgentConfig.parse({ model: 'llama3.2:3b', instructions: 'You are helpful.' });
    expect(config).toEqual({
      model: 'llama3.2:3b',
      instructions: 'You are helpful.',
      sampling_params: { strategy: { type: 'greedy' }, max_tokens: 0, repetition_penalty: 1 },
      input_shields: [],
      output_shields: [],
      tool_output_shields: [],
      output_shield_policy: 'buffer',
      toolgroups: [],
      client_tools: [],
      tool_config: { tool_choice: 'auto', system_message_behavior: 'append' },
      max_infer_iters: 10,
      enable_session_persistence: false,
    });
  });

  it('names the invalid field', () => {
    expect(() =>
      parseOrThrow(
        AgentConfig,
        { model: 'm', instructions: '', sampling_params: { strategy: { type: 'beam' } } },
        'agent_config',
      ),
    ).toThrowError(/agent_config\.sampling_params\.strategy\.type/);
  });
});
