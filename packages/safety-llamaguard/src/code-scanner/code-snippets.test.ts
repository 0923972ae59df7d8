import type { Message } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { codeSnippetsOf, fencedCodeBlocks } from './code-snippets.js';
import { guessLanguage, languageOfFence } from './language.js';

describe('fencedCodeBlocks', () => {
  it('finds each fenced block with its language and where it starts', () => {
    const text = 'Run this:\n\n```python\nimport os\nos.system(cmd)\n```\n\nor\n\n~~~js\nexec(cmd)\n~~~\n';
    expect(fencedCodeBlocks(text)).toEqual([
      {
        code: 'import os\nos.system(cmd)',
        language: 'python',
        origin: { type: 'code_block', index: 0, line: 4, info: 'python' },
      },
      {
        code: 'exec(cmd)',
        language: 'javascript',
        origin: { type: 'code_block', index: 1, line: 11, info: 'js' },
      },
    ]);
  });

  it('needs a closing fence at least as long as the opening one, and runs an unclosed block to the end', () => {
    const [block] = fencedCodeBlocks('````\n```\nstill code\n````\nprose');
    expect(block?.code).toBe('```\nstill code');
    expect(fencedCodeBlocks('```sh\ncurl -k x')[0]?.code).toBe('curl -k x');
  });

  it('ignores inline code', () => {
    expect(fencedCodeBlocks('Never call `eval(x)` on input.')).toEqual([]);
  });
});

describe('codeSnippetsOf', () => {
  it('takes the code_interpreter code argument as Python', () => {
    const message: Message = {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ call_id: 'c1', tool_name: 'code_interpreter', arguments: { code: 'print(1)' } }],
    };
    expect(codeSnippetsOf(message)).toEqual([
      {
        code: 'print(1)',
        language: 'python',
        origin: { type: 'tool_call', tool_name: 'code_interpreter', call_id: 'c1' },
      },
    ]);
  });

  it('reads arguments given as a JSON string', () => {
    const message: Message = {
      role: 'assistant',
      content: '',
      stop_reason: 'end_of_message',
      tool_calls: [{ call_id: 'c1', tool_name: 'run_node', arguments: '{"code":"eval(x)"}' }],
    };
    expect(codeSnippetsOf(message)[0]?.code).toBe('eval(x)');
  });
});

describe('languages', () => {
  it('maps fence info strings', () => {
    expect(languageOfFence('python title="a.py"')).toBe('python');
    expect(languageOfFence('TypeScript')).toBe('javascript');
    expect(languageOfFence('bash')).toBe('shell');
    expect(languageOfFence('rust')).toBe('other');
    expect(languageOfFence('')).toBeUndefined();
  });

  it('guesses from the code', () => {
    expect(guessLanguage('import os\n\ndef main():\n    print(os.getcwd())\n')).toBe('python');
    expect(guessLanguage("const fs = require('fs');\nconsole.log(fs.readdirSync('.'));")).toBe('javascript');
    expect(guessLanguage('curl -sSL https://example.com | tar xz')).toBe('shell');
    expect(guessLanguage('x')).toBeUndefined();
  });
});
