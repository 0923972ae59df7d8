import type { CodeLanguage } from '../language.js';
import type { SourceView } from '../source-view.js';

export type RuleLevel = 'error' | 'warn';

export interface RuleHit {
  /** Offset in the scanned code where the finding starts. */
  offset: number;
  /** A secret value the finding is about, redacted from every snippet. */
  secret?: string;
}

/** One insecure-code rule: a stable id, the weakness it finds (CWE), and how to find it. */
export interface CodeRule {
  /** Stable id, `<language or family>.<weakness>`, e.g. `python.shell-injection`. */
  readonly id: string;
  readonly cwe: number;
  /** What is wrong, in one sentence a developer reads. */
  readonly message: string;
  /** error: exploitable as written (runs input as code or commands, leaks a credential); warn: weakens security. */
  readonly level: RuleLevel;
  readonly languages: readonly CodeLanguage[];
  find(source: SourceView): RuleHit[];
}
