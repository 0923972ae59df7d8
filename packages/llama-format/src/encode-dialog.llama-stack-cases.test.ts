import type { Message } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { augmentMessagesForTools } from './augment-messages.js';
import { encodeDialog } from './encode-dialog.js';
import type { ToolDefinitionLike } from './tool-definition.js';

/** The cases of Llama Stack's own prompt-adapter unit tests, asserted on our output. */
const CUSTOM1: ToolDefinitionLike = {
  tool_name: 'custom1',
  description: 'custom1 tool',
  parameters: { param1: { param_type: 'str', description: 'param1 description', required: true } },
};
const CODE = { tool_name: 'code_interpreter' };
const BRAVE = { tool_name: 'brave_search' };
const HELLO: Message = { role: 'user', content: 'Hello !' };
const PIRATE: Message = { role: 'system', content: 'You are a pirate' };

const augment = (messages: Message[], family: '3.1' | '3.2', tools: ToolDefinitionLike[], extra = {}) =>
  augmentMessagesForTools(messages, {
    promptFamily: family,
    tools,
    toolPromptFormat: undefined,
    toolChoice: 'auto',
    systemMessageBehavior: 'append',
    today: '08 August 2024',
    responseFormat: undefined,
    ...extra,
  });
const text = (message: Message | undefined) => (typeof message?.content === 'string' ? message.content : '');

describe("Llama Stack's prompt adapter cases", () => {
  it('system default: Llama 3.1 always gets the date block', () => {
    const messages = augment([HELLO], '3.1', []);
    expect(messages).toHaveLength(2);
    expect(text(messages[0])).toContain('Cutting Knowledge Date: December 2023');
    expect(messages.at(-1)).toEqual(HELLO);
  });

  it('builtin only: the Tools line without code_interpreter', () => {
    const messages = augment([HELLO], '3.1', [CODE, BRAVE]);
    expect(messages).toHaveLength(2);
    expect(text(messages[0])).toContain('Tools: brave_search');
  });

  it('custom only and custom with builtin: a JSON tool message between system and user', () => {
    for (const tools of [[CUSTOM1], [CODE, BRAVE, CUSTOM1]]) {
      const messages = augment([HELLO], '3.1', tools);
      expect(messages).toHaveLength(3);
      expect(text(messages[0])).toContain('Environment: ipython');
      expect(text(messages[1])).toContain('Return function calls in JSON format');
      expect(messages.at(-1)).toEqual(HELLO);
    }
  });

  it('completion message encoding: python_list for 3.2, JSON for 3.1', () => {
    const dialog: Message[] = [
      { role: 'user', content: 'hello' },
      {
        role: 'assistant',
        content: '',
        stop_reason: 'end_of_turn',
        tool_calls: [{ call_id: '123', tool_name: 'custom1', arguments: { param1: 'value1' } }],
      },
    ];
    expect(encodeDialog(dialog, { modelFamily: '3.2', tools: [CUSTOM1] })).toContain(
      '[custom1(param1="value1")]',
    );
    expect(
      encodeDialog(dialog, { modelFamily: '3.1', tools: [CUSTOM1], toolPromptFormat: 'json' }),
    ).toContain('{"type": "function", "name": "custom1", "parameters": {"param1": "value1"}}');
  });

  it('a user system message ends the 3.1 system prompt', () => {
    const messages = augment([PIRATE, HELLO], '3.1', [CODE]);
    expect(messages).toHaveLength(2);
    expect(text(messages[0]).endsWith('You are a pirate')).toBe(true);
  });

  it('replace with builtin or custom tools: the system message ends the prompt, the environment line stays', () => {
    for (const tools of [[CODE], [CODE, CUSTOM1]]) {
      const messages = augment([PIRATE, HELLO], '3.2', tools, { systemMessageBehavior: 'replace' });
      expect(messages).toHaveLength(2);
      expect(text(messages[0]).endsWith('You are a pirate')).toBe(true);
      expect(text(messages[0])).toContain('Environment: ipython');
    }
  });

  it('replace with a {{ function_description }} template puts the functions where it says', () => {
    const template: Message = { role: 'system', content: 'You are a pirate {{ function_description }}' };
    const messages = augment([template, HELLO], '3.2', [CODE, CUSTOM1], { systemMessageBehavior: 'replace' });
    expect(text(messages[0])).toContain('Environment: ipython');
    expect(text(messages[0])).toContain('You are a pirate If you decide to invoke any of the function(s)');
    expect(text(messages[0])).toContain('"name": "custom1"');
  });
});
