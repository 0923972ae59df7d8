import { describe, expect, it } from 'vitest';
import type { CodeLanguage } from '../code-scanner/language.js';
import { scanCode } from '../code-scanner/scan-code.js';

/** For one rule: each `fires` snippet yields a finding of that rule, each `ignores` snippet none. */
export function describeRule(
  ruleId: string,
  language: CodeLanguage,
  cases: { fires: readonly string[]; ignores: readonly string[] },
): void {
  describe(ruleId, () => {
    it.each(cases.fires.map((code) => [code]))('flags %s', (code) => {
      expect(scanCode(code, { language }).map((finding) => finding.rule_id)).toContain(ruleId);
    });
    it.each(cases.ignores.map((code) => [code]))('does not flag %s', (code) => {
      expect(scanCode(code, { language }).map((finding) => finding.rule_id)).not.toContain(ruleId);
    });
  });
}
