import type { CodeRule } from './code-rule.js';
import { JAVASCRIPT_RULES } from './javascript-rules.js';
import { PYTHON_RULES } from './python-rules.js';
import { SECRET_RULES } from './secret-rules.js';
import { SHELL_RULES } from './shell-rules.js';

/** Every rule the code scanner knows, in reporting order. */
export const CODE_SCANNER_RULES: readonly CodeRule[] = [
  ...PYTHON_RULES,
  ...JAVASCRIPT_RULES,
  ...SHELL_RULES,
  ...SECRET_RULES,
];
