import type { CodeRule } from './code-rule.js';
import { findInCode } from './match-helpers.js';

export const shellTlsVerificationDisabled: CodeRule = {
  id: 'shell.tls-verification-disabled',
  cwe: 295,
  message:
    'TLS certificate checks are turned off (curl -k, wget --no-check-certificate, NODE_TLS_REJECT_UNAUTHORIZED=0).',
  level: 'warn',
  languages: ['shell'],
  find(source) {
    return [
      /(?<![\w-])curl\b[^\n|;&]*?\s(?:-[a-zA-Z]*k[a-zA-Z]*|--insecure)(?![\w-])/,
      /(?<![\w-])wget\b[^\n|;&]*?\s--no-check-certificate\b/,
      /\bgit\b[^\n|;&]*?\bhttp\.sslVerify\s+(?:=\s*)?false\b/,
    ]
      .flatMap((pattern) => findInCode(source, pattern))
      .concat(
        findInCode(source, /\b(?:NODE_TLS_REJECT_UNAUTHORIZED|PYTHONHTTPSVERIFY)=(['"]?)0\1(?!\w)/, 'code'),
      )
      .map((offset) => ({ offset }));
  },
};

export const SHELL_RULES: readonly CodeRule[] = [shellTlsVerificationDisabled];
