import type { CodeLanguage } from './language.js';
import { lexSource, type StringSpan } from './lex-source.js';

export interface CallArgument {
  start: number;
  end: number;
  /** The argument as written. */
  text: string;
  /** The argument with comments and literal contents blanked: what code it is, not what text it holds. */
  masked: string;
}

const OPENERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * One piece of code in three views with the same offsets: as written (`text`), without comments (`code`), and
 * without comments or literal contents (`masked`). Rules look for calls in `masked`, so a call written inside a
 * string or a comment is never seen as a call.
 */
export class SourceView {
  readonly code: string;
  readonly masked: string;
  readonly strings: readonly StringSpan[];
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly text: string,
    readonly language: CodeLanguage,
  ) {
    const lexed = lexSource(text, language);
    this.code = blankRanges(text, lexed.comments);
    this.masked = blankRanges(text, [...lexed.comments, ...lexed.literalContents]);
    this.strings = lexed.strings;
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }

  /** The line with comments and literal contents blanked: its code only. */
  maskedLine(line: number): string {
    const start = this.lineStarts[line - 1] ?? 0;
    const next = this.lineStarts[line];
    return this.masked.slice(start, next === undefined ? this.masked.length : next - 1);
  }

  /** The line as written, trimmed. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? 0;
    const next = this.lineStarts[line];
    return this.text.slice(start, next === undefined ? this.text.length : next - 1).trim();
  }

  /** The string literal an offset lies in, if any. */
  stringAt(offset: number): StringSpan | undefined {
    let low = 0;
    let high = this.strings.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const span = this.strings[mid];
      if (!span) return undefined;
      if (offset < span.start) high = mid - 1;
      else if (offset >= span.end) low = mid + 1;
      else return span;
    }
    return undefined;
  }

  /**
   * The arguments of the call whose `(` is at `openParen`, split at top-level commas; also the elements of a
   * list or object literal when given the offset of its `[` or `{`.
   */
  callArguments(openParen: number): CallArgument[] {
    const args: CallArgument[] = [];
    const closers: string[] = [];
    const closer = OPENERS[this.masked[openParen] ?? ''] ?? ')';
    let argStart = openParen + 1;
    const push = (end: number) => {
      const raw = this.masked.slice(argStart, end);
      const lead = raw.length - raw.trimStart().length;
      const trail = raw.length - raw.trimEnd().length;
      const start = argStart + lead;
      const stop = end - trail;
      if (stop > start)
        args.push({
          start,
          end: stop,
          text: this.text.slice(start, stop),
          masked: this.masked.slice(start, stop),
        });
    };
    for (let i = openParen + 1; i < this.masked.length; i++) {
      const c = this.masked[i] ?? '';
      if (closers.length === 0 && (c === closer || c === ',')) {
        push(i);
        if (c === closer) return args;
        argStart = i + 1;
      } else if (OPENERS[c]) closers.push(OPENERS[c]);
      else if (c === closers.at(-1)) closers.pop();
    }
    push(this.masked.length);
    return args;
  }

  /**
   * True when the argument is nothing but string literals with nothing spliced in (`"ls -l"`, `'a' 'b'`,
   * `'a' + 'b'`): a value fixed when the code was written, not one that can come from input.
   */
  isConstantString(arg: CallArgument): boolean {
    let sawString = false;
    let i = arg.start;
    while (i < arg.end) {
      const span = this.stringAt(i);
      if (span) {
        if (span.interpolated || this.text[span.start] === '/') return false;
        sawString = true;
        i = span.end;
      } else if (/[\s+()]/.test(this.masked[i] ?? '')) i++;
      else return false;
    }
    return sawString;
  }

  /**
   * A constant string, or a name bound exactly once, to a constant string, and never rebound (no `+=`, loop,
   * parameter or `as` binding): `cmd = "ls -l"` then `run(cmd, shell=True)` is not built from input.
   */
  isConstantExpression(arg: CallArgument): boolean {
    if (this.isConstantString(arg)) return true;
    const name = arg.masked.trim();
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return false;
    const id = name.replace(/\$/g, '\\$');
    const rebinds = new RegExp(
      String.raw`(?<![\w.$])${id}\s*(?:[-+*/%|&^]|\*\*|//|<<|>>)=|\b(?:for|as)\s+(?:[\w$]+\s*,\s*)*${id}\b|(?:def|function)\s*[\w$]*\s*\([^)]*(?<![\w$])${id}(?![\w$])|(?<![\w$])${id}\s*=>|\(([^()]*,)?\s*${id}\s*(?:,[^()]*)?\)\s*=>`,
    );
    if (rebinds.test(this.masked)) return false;
    const assignment = new RegExp(String.raw`(?<![\w.$])${id}\s*(?::\s*[\w.[\]]+\s*)?=(?![=>])`, 'g');
    const assignments = [...this.masked.matchAll(assignment)];
    const [only] = assignments;
    if (assignments.length !== 1 || !only) return false;
    const start = only.index + only[0].length;
    let end = this.masked.indexOf('\n', start);
    if (end === -1) end = this.masked.length;
    const statement = this.masked.slice(start, end).replace(/;\s*$/, '');
    const lead = statement.length - statement.trimStart().length;
    const stop = start + statement.trimEnd().length;
    const value = {
      start: start + lead,
      end: stop,
      text: this.text.slice(start + lead, stop),
      masked: this.masked.slice(start + lead, stop),
    };
    return value.end > value.start && this.isConstantString(value);
  }

  /** The value of an argument that is one plain string literal, else undefined. */
  literalValue(arg: CallArgument): string | undefined {
    const span = this.stringAt(arg.start);
    if (!span || span.end !== arg.end || span.interpolated) return undefined;
    const quoted = this.text.slice(span.start, span.end).replace(/^[rRbBuU]{0,2}/, '');
    const quote = /^("""|'''|"|'|`)/.exec(quoted)?.[1] ?? '';
    return quoted.slice(quote.length, quoted.length - quote.length);
  }
}

/** The text with the ranges (non-overlapping) blanked to spaces, newlines kept, offsets unchanged. */
function blankRanges(text: string, ranges: Array<[number, number]>): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    if (end <= start) continue;
    parts.push(text.slice(at, start), text.slice(start, end).replace(/[^\n]/g, ' '));
    at = end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
