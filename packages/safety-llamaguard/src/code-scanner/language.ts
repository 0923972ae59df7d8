export type CodeLanguage = 'python' | 'javascript' | 'shell';

const FENCE_LANGUAGES: Record<string, CodeLanguage> = {
  python: 'python',
  python3: 'python',
  py: 'python',
  py3: 'python',
  ipython: 'python',
  javascript: 'javascript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  node: 'javascript',
  nodejs: 'javascript',
  typescript: 'javascript',
  ts: 'javascript',
  tsx: 'javascript',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  shell: 'shell',
  console: 'shell',
};

/** The language a fence's info string names (` ```python title="x" ` → python), if one we scan. */
export function languageOfFence(info: string): CodeLanguage | 'other' | undefined {
  const word =
    info
      .trim()
      .split(/[\s{,]/, 1)[0]
      ?.toLowerCase() ?? '';
  if (word === '') return undefined;
  return FENCE_LANGUAGES[word] ?? 'other';
}

const PYTHON_SIGNS = [
  /^\s*(?:from\s+[\w.]+\s+)?import\s+[\w.]+(?:\s+as\s+\w+)?\s*(?:,\s*[\w.]+\s*)*$/m,
  /^\s*def\s+\w+\s*\(.*\)\s*(?:->\s*[^:]+)?:\s*$/m,
  /^\s*(?:if|elif|while|for|with|try|except|else|class)\b.*:\s*$/m,
  /\bprint\s*\(/,
  /\bself\./,
  /\bNone\b|\bTrue\b|\bFalse\b/,
];

const JAVASCRIPT_SIGNS = [
  /\b(?:const|let|var)\s+[\w${}[\],\s]+=/,
  /\bfunction\b\s*\w*\s*\(/,
  /=>/,
  /\brequire\s*\(\s*['"]/,
  /^\s*import\s+.*\s+from\s+['"]/m,
  /\bconsole\.\w+\s*\(/,
  /;\s*$/m,
  /\b(?:null|undefined|true|false)\b/,
];

const SHELL_SIGNS = [
  /^\s*(?:\$\s+)?(?:sudo\s+)?(?:curl|wget|apt(?:-get)?|pip|npm|export|echo|cd|git)\s/m,
  /^#!.*\b(?:ba|z)?sh\b/,
];

/** A guess from the code itself when no fence names the language; undefined when nothing points either way. */
export function guessLanguage(code: string): CodeLanguage | undefined {
  if (/^#!.*\bpython/.test(code)) return 'python';
  if (/^#!.*\bnode\b/.test(code)) return 'javascript';
  const score = (signs: RegExp[]) => signs.filter((sign) => sign.test(code)).length;
  const python = score(PYTHON_SIGNS);
  const javascript = score(JAVASCRIPT_SIGNS);
  const shell = score(SHELL_SIGNS);
  const best = Math.max(python, javascript, shell);
  if (best === 0) return undefined;
  const winners = [python === best, javascript === best, shell === best].filter(Boolean).length;
  if (winners > 1) return undefined;
  return python === best ? 'python' : javascript === best ? 'javascript' : 'shell';
}
