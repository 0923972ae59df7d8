export {
  DEFAULT_LLAMA_GUARD_MODEL,
  LLAMA_GUARD_REFUSAL,
  LLAMA_GUARD_SHIELD_ID,
  LlamaGuardShield,
} from './llama-guard/llama-guard-shield.js';
export type { LlamaGuardShieldOptions } from './llama-guard/llama-guard-shield.js';
export { parseLlamaGuardVerdict } from './llama-guard/parse-verdict.js';
export type { LlamaGuardVerdict } from './llama-guard/parse-verdict.js';
export { llamaGuardCategoriesFor } from './llama-guard/llama-guard-models.js';
export {
  CODE_SCANNER_REFUSAL,
  CODE_SCANNER_SHIELD_ID,
  CodeScannerShield,
} from './code-scanner/code-scanner-shield.js';
export type { CodeScannerShieldOptions, LocatedCodeFinding } from './code-scanner/code-scanner-shield.js';
export { scanCode } from './code-scanner/scan-code.js';
export type { CodeFinding, ScanCodeOptions } from './code-scanner/scan-code.js';
export { CODE_SCANNER_RULES } from './code-scanner/rules/all-rules.js';
export type { CodeRule, RuleHit, RuleLevel } from './code-scanner/rules/code-rule.js';
export type { CodeLanguage } from './code-scanner/language.js';
export { guessLanguage } from './code-scanner/language.js';
export { codeSnippetsOf, fencedCodeBlocks } from './code-scanner/code-snippets.js';
export type { CodeSnippet, SnippetOrigin } from './code-scanner/code-snippets.js';
export { createSafetyProvider, ShieldRouter } from './safety-provider.js';
export type { SafetyProviderOptions } from './safety-provider.js';
