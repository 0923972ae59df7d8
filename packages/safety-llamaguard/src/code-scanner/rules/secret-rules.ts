import type { CodeRule, RuleHit } from './code-rule.js';

const ALL_LANGUAGES = ['python', 'javascript', 'shell'] as const;

/** Values that stand for a secret rather than being one: `<YOUR_API_KEY>`, `xxxxxxxx`, `${TOKEN}`, `changeme`… */
export function isPlaceholder(value: string): boolean {
  return (
    /^(.)\1*$/.test(value) ||
    /your|example|placeholder|change_?me|dummy|sample|fake|redacted|replace|insert|todo|xxxx|\*\*\*|\.\.\.|[<>{}$%]/i.test(
      value,
    )
  );
}

/** Hits of a pattern over the code as written: secrets live in strings, and one in a comment has leaked all the same. */
function secretHits(text: string, pattern: RegExp, valueGroup = 0): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const match of text.matchAll(pattern)) {
    const value = match[valueGroup] ?? match[0];
    if (!isPlaceholder(value) && !/EXAMPLE$/.test(value)) hits.push({ offset: match.index, secret: value });
  }
  return hits;
}

export const awsAccessKey: CodeRule = {
  id: 'secrets.aws-access-key',
  cwe: 798,
  message:
    'An AWS access key id is written in the code. Revoke it and read credentials from the environment.',
  level: 'error',
  languages: ALL_LANGUAGES,
  find: (source) => secretHits(source.text, /\b(?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/g),
};

export const privateKey: CodeRule = {
  id: 'secrets.private-key',
  cwe: 321,
  message: 'A private key is written in the code. Revoke it and load keys from a file or secret store.',
  level: 'error',
  languages: ALL_LANGUAGES,
  find(source) {
    // The header alone (code that checks for it) is not a key: a base64 body must follow.
    const pattern =
      /-----BEGIN (?:(?:RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY(?: BLOCK)?-----(?:\s|\\n|\\r)+(?:[\w-]+: [^\n]*(?:\s|\\n|\\r)+)*([A-Za-z0-9+/]{40,})/g;
    return secretHits(source.text, pattern, 1);
  },
};

export const providerToken: CodeRule = {
  id: 'secrets.provider-token',
  cwe: 798,
  message:
    'An API token (GitHub, Slack, OpenAI, Google, Stripe) is written in the code. Revoke it and read it from the environment.',
  level: 'error',
  languages: ALL_LANGUAGES,
  find: (source) => secretHits(source.text, PROVIDER_TOKEN),
};

const PROVIDER_TOKEN =
  /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,}|xox[abprs]-[A-Za-z0-9-]{10,}|sk-(?:proj-|svcacct-|ant-api\d\d-)?[A-Za-z0-9_-]{32,}|AIza[0-9A-Za-z_-]{35}|(?:sk|rk)_live_[0-9A-Za-z]{24,})(?![\w-])/g;

const CREDENTIAL_NAME = String.raw`[\w-]*?(?:api[_-]?key|apikey|secret(?:[_-]?key)?|client[_-]?secret|access[_-]?token|auth[_-]?token|bearer[_-]?token|token|password|passwd|pwd)`;

export const hardcodedCredential: CodeRule = {
  id: 'secrets.hardcoded-credential',
  cwe: 798,
  message: 'A password or API key is written in the code. Read it from the environment or a secret store.',
  level: 'warn',
  languages: ALL_LANGUAGES,
  find(source) {
    // name = "value", name: "value", "name": "value", name: str = "value"; never a comparison (==).
    const pattern = new RegExp(
      String.raw`(?<![\w-])(['"]?)(${CREDENTIAL_NAME})\1\]?\s*(?::\s*[\w.[\]]+\s*)?(?:=(?!=)|:)\s*(['"\`])([^'"\`\s]{8,})\3`,
      'gi',
    );
    const hits: RuleHit[] = [];
    for (const match of source.text.matchAll(pattern)) {
      const value = match[4] ?? '';
      if (isPlaceholder(value) || new RegExp(PROVIDER_TOKEN.source).test(value)) continue;
      if (/^(?:AKIA|ASIA)[0-9A-Z]{16}$/.test(value)) continue;
      hits.push({ offset: match.index, secret: value });
    }
    return hits;
  },
};

export const SECRET_RULES: readonly CodeRule[] = [
  awsAccessKey,
  privateKey,
  providerToken,
  hardcodedCredential,
];
