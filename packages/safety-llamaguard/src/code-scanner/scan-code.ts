import type { ViolationLevel } from '@llama-stack-ts/api-types';
import { type CodeLanguage, guessLanguage } from './language.js';
import { CODE_SCANNER_RULES } from './rules/all-rules.js';
import type { CodeRule } from './rules/code-rule.js';
import { SourceView } from './source-view.js';

export interface CodeFinding {
  rule_id: string;
  /** `CWE-78` */
  cwe: string;
  level: ViolationLevel;
  message: string;
  language: CodeLanguage | 'other';
  /** 1-based line in the scanned code. */
  line: number;
  /** That line, trimmed, with any secret on it redacted. */
  snippet: string;
}

export interface ScanCodeOptions {
  /** The code's language; guessed when absent; `other` runs only the language-neutral secret rules. */
  language?: CodeLanguage | 'other';
  /** The rules to run (default: all). */
  rules?: readonly CodeRule[];
  /** Per-rule level overrides, e.g. `{ 'python.unsafe-deserialization': 'error' }`. */
  levels?: Readonly<Record<string, ViolationLevel>>;
}

const SNIPPET_LIMIT = 200;

/** Insecure-code findings in one piece of code, ordered by line. */
export function scanCode(code: string, options: ScanCodeOptions = {}): CodeFinding[] {
  const rules = options.rules ?? CODE_SCANNER_RULES;
  const language = options.language ?? guessLanguage(code);
  // Unknown language: read it both ways, and report one finding per weakness and line.
  const readings: CodeLanguage[] =
    language === undefined ? ['python', 'javascript'] : language === 'other' ? ['shell'] : [language];
  const findings = new Map<string, CodeFinding>();
  const secrets = new Set<string>();
  readings.forEach((reading, index) => {
    const source = new SourceView(code, reading);
    for (const rule of rules) {
      const languageNeutral = rule.languages.length > 1;
      if (language === 'other' ? !languageNeutral : !rule.languages.includes(reading)) continue;
      if (languageNeutral && index > 0) continue;
      for (const hit of rule.find(source)) {
        if (hit.secret) secrets.add(hit.secret);
        const line = source.lineOf(hit.offset);
        const key = language === undefined ? `${rule.cwe}:${line}` : `${rule.id}:${line}`;
        if (findings.has(key)) continue;
        findings.set(key, {
          rule_id: rule.id,
          cwe: `CWE-${rule.cwe}`,
          level: options.levels?.[rule.id] ?? rule.level,
          message: rule.message,
          language: language === 'other' ? 'other' : reading,
          line,
          snippet: source.lineText(line),
        });
      }
    }
  });
  return [...findings.values()]
    .map((finding) => ({ ...finding, snippet: redact(finding.snippet, secrets) }))
    .sort((a, b) => a.line - b.line);
}

function redact(line: string, secrets: ReadonlySet<string>): string {
  let out = line;
  for (const secret of secrets) out = out.split(secret).join(`${secret.slice(0, 4)}…[redacted]`);
  return out.length > SNIPPET_LIMIT ? `${out.slice(0, SNIPPET_LIMIT)}…` : out;
}
