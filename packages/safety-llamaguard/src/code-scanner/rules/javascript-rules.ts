import type { SourceView } from '../source-view.js';
import type { CodeRule, RuleHit } from './code-rule.js';
import { escapeRegex, findCalls, findInCode, lineMentions, runsBuiltShellCommand } from './match-helpers.js';

const PASSWORD_WORDS = /passw|pwd|passphrase/i;
const TOKEN_WORDS =
  /token|passw|pwd|secret|otp|nonce|salt|api_?key|apiKey|session|csrf|reset|verification|invite/i;

/**
 * How the code reaches a module's functions: namespace aliases (`const cp = require('child_process')`,
 * `import * as cp from 'node:child_process'`) and destructured or named imports (alias → exported name).
 */
function moduleBindings(
  source: SourceView,
  module: string,
): { namespaces: string[]; names: Map<string, string> } {
  const spec = String.raw`(?<quote>['"])(?:node:)?${escapeRegex(module)}\k<quote>`;
  const namespaces = [module.replace(/\W/g, '_')];
  const names = new Map<string, string>();
  const add = (list: string, separator: RegExp) => {
    for (const part of list.split(',')) {
      const [name, alias] = part.trim().split(separator);
      if (name && /^[\w$]+$/.test(name)) names.set(alias?.trim() || name, name);
    }
  };
  const code = source.code;
  for (const m of code.matchAll(
    new RegExp(String.raw`(?:const|let|var)\s+([\w$]+)\s*=\s*require\(\s*${spec}\s*\)`, 'g'),
  )) {
    namespaces.push(m[1] ?? '');
  }
  for (const m of code.matchAll(
    new RegExp(String.raw`import\s+(?:\*\s+as\s+)?([\w$]+)\s+from\s*${spec}`, 'g'),
  )) {
    namespaces.push(m[1] ?? '');
  }
  for (const m of code.matchAll(
    new RegExp(String.raw`(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*${spec}\s*\)`, 'g'),
  )) {
    add(m[1] ?? '', /\s*:\s*/);
  }
  for (const m of code.matchAll(new RegExp(String.raw`import\s*\{([^}]*)\}\s*from\s*${spec}`, 'g'))) {
    add(m[1] ?? '', /\s+as\s+/);
  }
  return { namespaces: namespaces.filter(Boolean), names };
}

/** Callee regex for `ns.fn` over every namespace alias plus bare names bound to `fns`. */
function calleeOf(
  bindings: ReturnType<typeof moduleBindings>,
  fns: readonly string[],
  bareAlways: readonly string[] = [],
) {
  const qualified = bindings.namespaces.map((ns) => `${escapeRegex(ns)}\\s*\\.\\s*(?:${fns.join('|')})`);
  const bare = [...bindings.names]
    .filter(([, name]) => fns.includes(name))
    .map(([alias]) => escapeRegex(alias));
  return [...qualified, ...bare, ...bareAlways].join('|');
}

const ALWAYS_SHELL = ['exec', 'execSync'];
const SHELL_OPTION = ['spawn', 'spawnSync', 'execFile', 'execFileSync'];

export const javascriptShellInjection: CodeRule = {
  id: 'javascript.shell-injection',
  cwe: 78,
  message:
    'A shell command is built at run time: input can inject commands. Use execFile/spawn with an argument array and no shell.',
  level: 'error',
  languages: ['javascript'],
  find(source) {
    const bindings = moduleBindings(source, 'child_process');
    const hits: RuleHit[] = [];
    // `execSync(` is distinctive enough to count without its import; a bare `exec(` is usually RegExp#exec.
    const calls = findCalls(source, calleeOf(bindings, [...ALWAYS_SHELL, ...SHELL_OPTION], ['execSync']));
    const inline = new RegExp(
      String.raw`require\(\s*(['"])(?:node:)?child_process\1\s*\)\s*\.\s*(${[...ALWAYS_SHELL, ...SHELL_OPTION].join('|')})\s*\(`,
      'g',
    );
    for (const match of source.code.matchAll(inline)) {
      if (source.stringAt(match.index)) continue;
      const args = source.callArguments(match.index + match[0].length - 1);
      calls.push({ offset: match.index, callee: match[2] ?? '', args });
    }
    for (const call of calls) {
      const name = call.callee.split('.').at(-1) ?? '';
      const fn = bindings.names.get(name) ?? name;
      const viaShell =
        ALWAYS_SHELL.includes(fn) ||
        call.args.some((arg) => /\bshell\s*:\s*(?!false\b)[\w'"`]/.test(arg.masked));
      const command = call.args[0];
      if (viaShell && command && !source.isConstantExpression(command)) hits.push({ offset: call.offset });
      else if (SHELL_OPTION.includes(fn) && runsBuiltShellCommand(source, command, call.args[1])) {
        hits.push({ offset: call.offset });
      }
    }
    return hits;
  },
};

export const javascriptCodeInjection: CodeRule = {
  id: 'javascript.code-injection',
  cwe: 95,
  message:
    'eval/new Function/vm runs a value built at run time as code. Parse the data (JSON.parse) instead.',
  level: 'error',
  languages: ['javascript'],
  find(source) {
    const hits: RuleHit[] = [];
    const vm = calleeOf(moduleBindings(source, 'vm'), [
      'runInThisContext',
      'runInNewContext',
      'runInContext',
      'compileFunction',
    ]);
    for (const call of findCalls(source, `eval|${vm}`)) {
      if (call.args[0] && !source.isConstantExpression(call.args[0])) hits.push({ offset: call.offset });
    }
    for (const call of findCalls(source, '(?:new\\s+)?Function')) {
      if (call.args.some((arg) => !source.isConstantExpression(arg))) hits.push({ offset: call.offset });
    }
    for (const call of findCalls(source, 'setTimeout|setInterval')) {
      const first = call.args[0];
      const isStringExpression = first !== undefined && source.stringAt(first.start) !== undefined;
      if (first && isStringExpression && !source.isConstantExpression(first))
        hits.push({ offset: call.offset });
    }
    return hits;
  },
};

export const javascriptUnsafeDeserialization: CodeRule = {
  id: 'javascript.unsafe-deserialization',
  cwe: 502,
  message: 'node-serialize can run functions hidden in the data (CVE-2017-5941). Use JSON.parse.',
  level: 'warn',
  languages: ['javascript'],
  find(source) {
    const callee = calleeOf(moduleBindings(source, 'node-serialize'), ['unserialize']);
    return findCalls(source, callee).map((call) => ({ offset: call.offset }));
  },
};

export const javascriptTlsVerificationDisabled: CodeRule = {
  id: 'javascript.tls-verification-disabled',
  cwe: 295,
  message: 'TLS certificate checks are turned off, so anyone on the network can impersonate the server.',
  level: 'warn',
  languages: ['javascript'],
  find(source) {
    const masked = [/\brejectUnauthorized\s*(?::|=(?!=))\s*false\b/, /\bstrictSSL\s*:\s*false\b/].flatMap(
      (pattern) => findInCode(source, pattern),
    );
    const env = [
      /\bprocess\.env(?:\.NODE_TLS_REJECT_UNAUTHORIZED|\[\s*(['"])NODE_TLS_REJECT_UNAUTHORIZED\1\s*\])\s*=(?!=)\s*(['"]?)0\2/,
      /\bNODE_TLS_REJECT_UNAUTHORIZED\s*:\s*(['"]?)0\1/,
    ].flatMap((pattern) => findInCode(source, pattern, 'code'));
    return [...masked, ...env].map((offset) => ({ offset }));
  },
};

export const javascriptWeakPasswordHash: CodeRule = {
  id: 'javascript.weak-password-hash',
  cwe: 916,
  message: 'MD5/SHA-1 is used on a password. Use crypto.scrypt, bcrypt or argon2.',
  level: 'warn',
  languages: ['javascript'],
  find(source) {
    return findCalls(source, '(?:[\\w$]+\\s*\\.\\s*)?createHash')
      .filter((call) => {
        const algorithm = call.args[0] ? source.literalValue(call.args[0]) : undefined;
        return (
          algorithm !== undefined &&
          /^(?:md5|sha1)$/i.test(algorithm) &&
          lineMentions(source, call.offset, PASSWORD_WORDS)
        );
      })
      .map((call) => ({ offset: call.offset }));
  },
};

export const javascriptWeakCipher: CodeRule = {
  id: 'javascript.weak-cipher',
  cwe: 327,
  message: 'A broken cipher or ECB mode is used. Use aes-256-gcm or chacha20-poly1305 with a random IV.',
  level: 'warn',
  languages: ['javascript'],
  find(source) {
    return findCalls(source, '(?:[\\w$]+\\s*\\.\\s*)?createCipher(?:iv)?')
      .filter((call) => {
        const algorithm = call.args[0] ? source.literalValue(call.args[0]) : undefined;
        return algorithm !== undefined && /^(?:des|rc4|rc2|bf|blowfish|cast|idea)|-ecb$/i.test(algorithm);
      })
      .map((call) => ({ offset: call.offset }));
  },
};

export const javascriptInsecureRandom: CodeRule = {
  id: 'javascript.insecure-random',
  cwe: 338,
  message:
    'Math.random() is predictable; a token or password made with it can be guessed. Use crypto.randomBytes/randomUUID.',
  level: 'warn',
  languages: ['javascript'],
  find(source) {
    return findCalls(source, 'Math\\s*\\.\\s*random')
      .filter((call) => lineMentions(source, call.offset, TOKEN_WORDS))
      .map((call) => ({ offset: call.offset }));
  },
};

export const JAVASCRIPT_RULES: readonly CodeRule[] = [
  javascriptShellInjection,
  javascriptCodeInjection,
  javascriptUnsafeDeserialization,
  javascriptTlsVerificationDisabled,
  javascriptWeakPasswordHash,
  javascriptWeakCipher,
  javascriptInsecureRandom,
];
