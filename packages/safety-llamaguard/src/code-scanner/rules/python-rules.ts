import type { SourceView } from '../source-view.js';
import type { CodeRule, RuleHit } from './code-rule.js';
import {
  escapeRegex,
  findCalls,
  findInCode,
  keywordArgument,
  lineMentions,
  positionalArguments,
  pythonImportsFrom,
  runsBuiltShellCommand,
} from './match-helpers.js';

const PASSWORD_WORDS = /passw|pwd|passphrase/i;
const TOKEN_WORDS =
  /token|passw|pwd|secret|otp|nonce|salt|api_?key|session|csrf|reset|verification|invite_code/i;

/** `module.name` or a bare name imported from the module, as a callee regex source. */
function calleeFrom(source: SourceView, module: string, names: readonly string[]): string {
  const imported = [...pythonImportsFrom(source, module)]
    .filter(([, name]) => names.includes(name))
    .map(([alias]) => alias);
  const qualified = `${escapeRegex(module)}\\s*\\.\\s*(?:${names.join('|')})`;
  return imported.length > 0 ? `${qualified}|${imported.map(escapeRegex).join('|')}` : qualified;
}

const SHELL_ALWAYS = ['getoutput', 'getstatusoutput'];
const SHELL_OPTIONAL = ['run', 'call', 'Popen', 'check_output', 'check_call'];

export const pythonShellInjection: CodeRule = {
  id: 'python.shell-injection',
  cwe: 78,
  message:
    'A shell command is built at run time: input can inject commands. Pass an argument list without shell=True.',
  level: 'error',
  languages: ['python'],
  find(source) {
    const hits: RuleHit[] = [];
    const imported = pythonImportsFrom(source, 'subprocess');
    for (const call of findCalls(
      source,
      calleeFrom(source, 'subprocess', [...SHELL_OPTIONAL, ...SHELL_ALWAYS]),
    )) {
      const name = call.callee.split('.').at(-1) ?? '';
      const viaShell =
        SHELL_ALWAYS.includes(imported.get(name) ?? name) ||
        /^True$/.test(keywordArgument(call.args, 'shell')?.masked.trim() ?? '');
      const command = positionalArguments(call.args)[0] ?? keywordArgument(call.args, 'args');
      if (viaShell && command && !source.isConstantExpression(command)) hits.push({ offset: call.offset });
      else if (runsBuiltShellCommand(source, undefined, command)) hits.push({ offset: call.offset });
    }
    const shells = `${calleeFrom(source, 'os', ['system', 'popen'])}|asyncio\\s*\\.\\s*create_subprocess_shell`;
    for (const call of findCalls(source, shells)) {
      const command = call.args[0];
      if (command && !source.isConstantExpression(command)) hits.push({ offset: call.offset });
    }
    return hits;
  },
};

export const pythonCodeInjection: CodeRule = {
  id: 'python.code-injection',
  cwe: 95,
  message:
    'eval/exec runs a value built at run time as Python code. Parse the data instead (json, ast.literal_eval).',
  level: 'error',
  languages: ['python'],
  find(source) {
    return findCalls(source, 'eval|exec')
      .filter((call) => call.args[0] && !source.isConstantExpression(call.args[0]))
      .map((call) => ({ offset: call.offset }));
  },
};

export const pythonUnsafeDeserialization: CodeRule = {
  id: 'python.unsafe-deserialization',
  cwe: 502,
  message:
    'pickle/marshal/dill (and yaml.load without a safe loader) can run code hidden in the data. Load untrusted data with json or yaml.safe_load.',
  level: 'warn',
  languages: ['python'],
  find(source) {
    const hits: RuleHit[] = [];
    const loaders = ['pickle', 'cPickle', '_pickle', 'dill', 'cloudpickle', 'marshal']
      .map((module) => calleeFrom(source, module, ['load', 'loads', 'Unpickler']))
      .join('|');
    for (const call of findCalls(source, `${loaders}|jsonpickle\\s*\\.\\s*decode`))
      hits.push({ offset: call.offset });
    for (const call of findCalls(source, 'yaml\\s*\\.\\s*(?:load|load_all|unsafe_load|unsafe_load_all)')) {
      if (/unsafe_load/.test(call.callee)) {
        hits.push({ offset: call.offset });
        continue;
      }
      const loader = keywordArgument(call.args, 'Loader') ?? positionalArguments(call.args)[1];
      if (
        !loader ||
        !/\b(?:SafeLoader|CSafeLoader|BaseLoader|CBaseLoader|FullLoader|CFullLoader)\b/.test(loader.masked)
      ) {
        hits.push({ offset: call.offset });
      }
    }
    return hits;
  },
};

export const pythonTlsVerificationDisabled: CodeRule = {
  id: 'python.tls-verification-disabled',
  cwe: 295,
  message: 'TLS certificate checks are turned off, so anyone on the network can impersonate the server.',
  level: 'warn',
  languages: ['python'],
  find(source) {
    return [
      /(?<!\w)verify\s*=(?!=)\s*False\b/,
      /\bssl\s*\.\s*_create_unverified_context\b/,
      /\.check_hostname\s*=(?!=)\s*False\b/,
      /\b(?:verify_mode|cert_reqs)\s*=(?!=)\s*ssl\s*\.\s*CERT_NONE\b/,
    ].flatMap((pattern) => findInCode(source, pattern).map((offset) => ({ offset })));
  },
};

export const pythonWeakPasswordHash: CodeRule = {
  id: 'python.weak-password-hash',
  cwe: 916,
  message: 'MD5/SHA-1 is used on a password. Use a password hash: hashlib.scrypt, bcrypt or argon2.',
  level: 'warn',
  languages: ['python'],
  find(source) {
    return findCalls(source, 'hashlib\\s*\\.\\s*(?:md5|sha1|new)')
      .filter((call) => {
        if (call.callee.endsWith('.new')) {
          const name = call.args[0] ? source.literalValue(call.args[0]) : undefined;
          if (!name || !/^(?:md5|sha1)$/i.test(name)) return false;
        }
        return lineMentions(source, call.offset, PASSWORD_WORDS);
      })
      .map((call) => ({ offset: call.offset }));
  },
};

export const pythonWeakCipher: CodeRule = {
  id: 'python.weak-cipher',
  cwe: 327,
  message: 'A broken cipher or ECB mode is used. Use AES-GCM or ChaCha20-Poly1305 (cryptography AESGCM).',
  level: 'warn',
  languages: ['python'],
  find(source) {
    return [
      /(?<![\w.])(?:DES|DES3|ARC2|ARC4|Blowfish|CAST)\s*\.\s*new\s*\(/,
      /\balgorithms\s*\.\s*(?:TripleDES|ARC4|Blowfish|IDEA|CAST5|SEED)\s*\(/,
      /\.\s*MODE_ECB\b/,
      /\bmodes\s*\.\s*ECB\s*\(/,
    ].flatMap((pattern) => findInCode(source, pattern).map((offset) => ({ offset })));
  },
};

export const pythonInsecureRandom: CodeRule = {
  id: 'python.insecure-random',
  cwe: 338,
  message:
    'The random module is predictable; a token or password made with it can be guessed. Use the secrets module.',
  level: 'warn',
  languages: ['python'],
  find(source) {
    return findCalls(
      source,
      'random\\s*\\.\\s*(?:random|randint|randrange|choice|choices|getrandbits|sample|uniform)',
    )
      .filter((call) => lineMentions(source, call.offset, TOKEN_WORDS))
      .map((call) => ({ offset: call.offset }));
  },
};

export const PYTHON_RULES: readonly CodeRule[] = [
  pythonShellInjection,
  pythonCodeInjection,
  pythonUnsafeDeserialization,
  pythonTlsVerificationDisabled,
  pythonWeakPasswordHash,
  pythonWeakCipher,
  pythonInsecureRandom,
];
