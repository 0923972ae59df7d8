import { CancelledError, InvalidRequestError, type Message, NotFoundError } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { CODE_SCANNER_REFUSAL, CodeScannerShield } from './code-scanner-shield.js';

const user = (content: string): Message => ({ role: 'user', content });
const answer = (content: string): Message => ({
  role: 'assistant',
  content,
  stop_reason: 'end_of_turn',
  tool_calls: [],
});
const codeInterpreterCall = (code: string): Message => ({
  role: 'assistant',
  content: '',
  stop_reason: 'end_of_message',
  tool_calls: [{ call_id: 'call-1', tool_name: 'code_interpreter', arguments: { code } }],
});

const run = (shield: CodeScannerShield, messages: Message[]) =>
  shield.runShield({ shield_id: 'code-scanner', messages, params: {} });

describe('CodeScannerShield', () => {
  it('blocks a code_interpreter call that runs a shell command built from input', async () => {
    const code = 'import subprocess\nname = input()\nsubprocess.run(f"ls {name}", shell=True)';
    const { violation } = await run(new CodeScannerShield(), [
      user('list my files'),
      codeInterpreterCall(code),
    ]);
    expect(violation).toEqual({
      violation_level: 'error',
      user_message: CODE_SCANNER_REFUSAL,
      metadata: {
        violation_type: 'python.shell-injection',
        findings: [
          {
            rule_id: 'python.shell-injection',
            cwe: 'CWE-78',
            level: 'error',
            message: expect.stringContaining('shell command'),
            language: 'python',
            line: 3,
            snippet: 'subprocess.run(f"ls {name}", shell=True)',
            message_index: 1,
            source: 'tool_call',
            tool_name: 'code_interpreter',
            call_id: 'call-1',
          },
        ],
      },
    });
  });

  it('flags code blocks in an answer, with the line inside the block', async () => {
    const text = [
      'Here is a client:',
      '',
      '```javascript',
      "const https = require('https');",
      'https.get(url, { rejectUnauthorized: false }, onResponse);',
      '```',
    ].join('\n');
    const { violation } = await run(new CodeScannerShield(), [user('write a client'), answer(text)]);
    expect(violation?.violation_level).toBe('warn');
    expect(violation?.metadata.violation_type).toBe('javascript.tls-verification-disabled');
    expect(violation?.metadata.findings).toEqual([
      expect.objectContaining({
        line: 2,
        source: 'code_block',
        block_index: 0,
        language: 'javascript',
        cwe: 'CWE-295',
      }),
    ]);
  });

  it('guesses the language of a block without one', async () => {
    const text = '```\nimport pickle\n\ndef load(blob):\n    return pickle.loads(blob)\n```';
    const { violation } = await run(new CodeScannerShield(), [answer(text)]);
    expect(violation?.metadata.violation_type).toBe('python.unsafe-deserialization');
  });

  it('reports the highest level and every distinct rule once in violation_type', async () => {
    const code = [
      'import os, hashlib',
      'os.system("rm " + path)',
      'os.system("rm " + other)',
      'h = hashlib.md5(password.encode()).hexdigest()',
    ].join('\n');
    const { violation } = await run(new CodeScannerShield(), [codeInterpreterCall(code)]);
    expect(violation?.violation_level).toBe('error');
    expect(violation?.metadata.violation_type).toBe('python.shell-injection,python.weak-password-hash');
    expect(violation?.metadata.findings).toHaveLength(3);
  });

  it('passes clean code and prose that only talks about dangerous calls', async () => {
    const text =
      'Never pass user input to `eval()` or `os.system`.\n\n```python\nimport json\ndata = json.loads(body)\n```';
    expect(await run(new CodeScannerShield(), [user('how do I parse JSON?'), answer(text)])).toEqual({
      violation: null,
    });
  });

  it('judges only the last message by default', async () => {
    const earlier = answer('```python\neval(input())\n```');
    const messages = [user('q'), earlier, user('thanks, and now?')];
    expect((await run(new CodeScannerShield(), messages)).violation).toBeNull();
    const all = await run(new CodeScannerShield({ scope: 'all-messages' }), messages);
    expect(all.violation?.metadata.findings).toEqual([expect.objectContaining({ message_index: 1 })]);
  });

  it('scans code a user pastes', async () => {
    const { violation } = await run(new CodeScannerShield(), [
      user('Review:\n```js\nconst r = eval(req.query.x);\n```'),
    ]);
    expect(violation?.metadata.violation_type).toBe('javascript.code-injection');
  });

  it('runs the secret rules on blocks in languages it does not parse', async () => {
    const key = ['AKIA', 'Z3MSJV4WWNKWW5FG'].join('');
    const { violation } = await run(new CodeScannerShield(), [
      answer(`\`\`\`yaml\naws_access_key_id: ${key}\n\`\`\``),
    ]);
    expect(violation?.metadata.violation_type).toBe('secrets.aws-access-key');
    expect(JSON.stringify(violation)).not.toContain(key);
  });

  it('can disable rules and change their level', async () => {
    const code = 'import pickle\nobj = pickle.loads(data)\nr = requests.get(u, verify=False)';
    const strict = new CodeScannerShield({ levels: { 'python.unsafe-deserialization': 'error' } });
    expect((await run(strict, [codeInterpreterCall(code)])).violation?.violation_level).toBe('error');
    const lenient = new CodeScannerShield({
      disabledRules: ['python.unsafe-deserialization'],
      levels: { 'python.tls-verification-disabled': 'info' },
    });
    const { violation } = await run(lenient, [codeInterpreterCall(code)]);
    expect(violation?.violation_level).toBe('info');
    expect(violation?.metadata.violation_type).toBe('python.tls-verification-disabled');
  });

  it('rejects unknown rule ids in its options', () => {
    expect(() => new CodeScannerShield({ disabledRules: ['python.nope'] })).toThrow(InvalidRequestError);
  });

  it('lists itself as the code-scanner shield', async () => {
    const [shield] = await new CodeScannerShield().listShields();
    expect(shield).toMatchObject({
      identifier: 'code-scanner',
      provider_id: 'code-scanner',
      provider_resource_id: 'code-scanner',
      type: 'shield',
      params: { scope: 'last-message' },
    });
    expect(shield?.params?.rules).toContain('python.shell-injection');
  });

  it('answers NotFoundError for another shield id', async () => {
    await expect(
      new CodeScannerShield().runShield({ shield_id: 'llama-guard', messages: [user('x')], params: {} }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });

  it('settles with a CancelledError when already aborted', async () => {
    await expect(
      new CodeScannerShield().runShield(
        { shield_id: 'code-scanner', messages: [user('x')], params: {} },
        { signal: AbortSignal.abort() },
      ),
    ).rejects.toBeInstanceOf(CancelledError);
  });
});
