import type { CallArgument, SourceView } from '../source-view.js';

export interface CallSite {
  offset: number;
  /** The callee as matched, e.g. `subprocess.run`. */
  callee: string;
  args: CallArgument[];
}

/**
 * Calls whose callee matches `callee` (a regex source), found in the masked view so calls written inside strings
 * or comments never count. The callee must not be preceded by a word character or a dot.
 */
export function findCalls(source: SourceView, callee: string): CallSite[] {
  const pattern = new RegExp(String.raw`(?<![\w.$])(${callee})\s*\(`, 'g');
  const sites: CallSite[] = [];
  for (const match of source.masked.matchAll(pattern)) {
    const openParen = match.index + match[0].length - 1;
    sites.push({
      offset: match.index,
      callee: (match[1] ?? '').replace(/\s+/g, ''),
      args: source.callArguments(openParen),
    });
  }
  return sites;
}

/** Offsets where `pattern` matches in the given view, skipping matches that start inside a string literal. */
export function findInCode(
  source: SourceView,
  pattern: RegExp,
  view: 'masked' | 'code' = 'masked',
): number[] {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const offsets: number[] = [];
  for (const match of source[view].matchAll(new RegExp(pattern.source, flags))) {
    if (!source.stringAt(match.index)) offsets.push(match.index);
  }
  return offsets;
}

/** A Python keyword argument's value (masked), e.g. `shell=True` → `True`. */
export function keywordArgument(args: readonly CallArgument[], name: string): CallArgument | undefined {
  const pattern = new RegExp(String.raw`^${name}\s*=(?!=)\s*`);
  for (const arg of args) {
    const match = pattern.exec(arg.masked);
    if (match) {
      const start = arg.start + match[0].length;
      return {
        start,
        end: arg.end,
        text: arg.text.slice(match[0].length),
        masked: arg.masked.slice(match[0].length),
      };
    }
  }
  return undefined;
}

export function positionalArguments(args: readonly CallArgument[]): CallArgument[] {
  return args.filter((arg) => !/^\*{0,2}\w+\s*=(?!=)/.test(arg.masked) && !arg.masked.startsWith('**'));
}

/** True when the statement line holding `offset` mentions one of the words (identifiers only, not string text). */
export function lineMentions(source: SourceView, offset: number, words: RegExp): boolean {
  return words.test(source.maskedLine(source.lineOf(offset)));
}

/** Names bound by `from module import a, b as c` (Python): alias → imported name. */
export function pythonImportsFrom(source: SourceView, module: string): Map<string, string> {
  const names = new Map<string, string>();
  const pattern = new RegExp(String.raw`^[ \t]*from\s+${module}\s+import\s+\(?([^)\n]+)`, 'gm');
  for (const match of source.masked.matchAll(pattern)) {
    for (const part of (match[1] ?? '').split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name && /^\w+$/.test(name)) names.set(alias?.trim() || name, name);
    }
  }
  return names;
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const SHELL_PROGRAM = /^(?:\/(?:usr\/)?bin\/)?(?:ba|z|da|k)?sh$/;

/** `['bash', '-c', cmd]`-style argument lists: a shell told to run a command string that is built at run time. */
export function runsBuiltShellCommand(
  source: SourceView,
  program: CallArgument | undefined,
  list: CallArgument | undefined,
): boolean {
  if (!list?.masked.startsWith('[')) return false;
  const elements = source.callArguments(list.start);
  const programArgument = program ?? elements.shift();
  const programName = programArgument ? source.literalValue(programArgument) : undefined;
  if (!programName || !SHELL_PROGRAM.test(programName)) return false;
  const flagIndex = elements.findIndex((element) => /^-[a-z]*c$/.test(source.literalValue(element) ?? ''));
  return (
    flagIndex !== -1 && elements.slice(flagIndex + 1).some((element) => !source.isConstantExpression(element))
  );
}
