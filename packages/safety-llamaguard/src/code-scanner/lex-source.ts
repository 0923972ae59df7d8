import type { CodeLanguage } from './language.js';

/** A string literal (regex literals in JavaScript count too): its whole extent, prefix and quotes included. */
export interface StringSpan {
  start: number;
  end: number;
  /** An f-string, template literal or double-quoted shell string that splices values in. */
  interpolated: boolean;
}

export interface LexedSource {
  comments: Array<[number, number]>;
  strings: StringSpan[];
  /** Ranges inside literals to blank out in the masked view (template `${…}` expressions stay visible). */
  literalContents: Array<[number, number]>;
}

/** Finds comments and string literals, well enough to tell code from text; not a full parser. */
export function lexSource(text: string, language: CodeLanguage): LexedSource {
  if (language === 'python') return lexPython(text);
  if (language === 'javascript') return lexJavaScript(text);
  return lexShell(text);
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}

function lexPython(text: string): LexedSource {
  const out: LexedSource = { comments: [], strings: [], literalContents: [] };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const end = lineEnd(text, i);
      out.comments.push([i, end]);
      i = end;
      continue;
    }
    if (c !== '"' && c !== "'") {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && i - start < 2 && /[rRbBuUfF]/.test(text[start - 1] ?? '')) start--;
    if (start > 0 && /\w/.test(text[start - 1] ?? '')) start = i;
    const prefix = text.slice(start, i);
    const quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
    let j = i + quote.length;
    while (j < text.length && !text.startsWith(quote, j)) {
      if (text[j] === '\\') j += 2;
      else if (quote.length === 1 && text[j] === '\n') break;
      else j++;
    }
    const contentEnd = Math.min(j, text.length);
    const content = text.slice(i + quote.length, contentEnd);
    const end = text.startsWith(quote, j) ? j + quote.length : contentEnd;
    const interpolated = /f/i.test(prefix) && /\{/.test(content.replaceAll('{{', ''));
    out.strings.push({ start, end, interpolated });
    out.literalContents.push([i + quote.length, contentEnd]);
    i = end;
  }
  return out;
}

const REGEX_AFTER_WORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

function lexJavaScript(text: string): LexedSource {
  const out: LexedSource = { comments: [], strings: [], literalContents: [] };
  let previous = '';
  let previousWord = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = lineEnd(text, i);
      out.comments.push([i, end]);
      i = end;
    } else if (c === '/' && next === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? text.length : close + 2;
      out.comments.push([i, end]);
      i = end;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < text.length && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const end = text[j] === c ? j + 1 : j;
      out.strings.push({ start: i, end, interpolated: false });
      out.literalContents.push([i + 1, Math.min(j, text.length)]);
      i = end;
      previous = c;
    } else if (c === '`') {
      i = lexTemplate(text, i, out);
      previous = '`';
    } else if (c === '/' && regexMayStart(previous, previousWord)) {
      let j = i + 1;
      let inClass = false;
      while (j < text.length && text[j] !== '\n') {
        const d = text[j];
        if (d === '\\') j += 2;
        else {
          if (d === '[') inClass = true;
          else if (d === ']') inClass = false;
          else if (d === '/' && !inClass) break;
          j++;
        }
      }
      let end = text[j] === '/' ? j + 1 : j;
      while (/[a-z]/.test(text[end] ?? '')) end++;
      out.strings.push({ start: i, end, interpolated: false });
      out.literalContents.push([i + 1, Math.min(j, text.length)]);
      i = end;
      previous = '/';
    } else {
      if (/\w|\$/.test(c)) {
        let j = i;
        while (j < text.length && /[\w$]/.test(text[j] ?? '')) j++;
        previousWord = text.slice(i, j);
        previous = 'a';
        i = j;
        continue;
      }
      if (!/\s/.test(c)) {
        previous = c;
        previousWord = '';
      }
      i++;
    }
  }
  return out;
}

function regexMayStart(previous: string, previousWord: string): boolean {
  if (previous === 'a') return REGEX_AFTER_WORDS.has(previousWord);
  return previous === '' || '(,=:[!&|?{};+-*%<>~^'.includes(previous);
}

/** A template literal from its opening backtick; `${…}` expressions stay visible. Returns the offset after it. */
function lexTemplate(text: string, start: number, out: LexedSource): number {
  let j = start + 1;
  let partStart = j;
  let interpolated = false;
  while (j < text.length && text[j] !== '`') {
    if (text[j] === '\\') {
      j += 2;
    } else if (text.startsWith('${', j)) {
      interpolated = true;
      out.literalContents.push([partStart, j]);
      j = Math.min(skipExpression(text, j + 2) + 1, text.length);
      partStart = j;
    } else j++;
  }
  const contentEnd = Math.min(j, text.length);
  out.literalContents.push([partStart, contentEnd]);
  const end = text[j] === '`' ? j + 1 : contentEnd;
  out.strings.push({ start, end, interpolated });
  return end;
}

/** From just inside `${`, the offset of its closing `}` (braces and simple strings counted). */
function skipExpression(text: string, from: number): number {
  let depth = 1;
  let j = from;
  while (j < text.length) {
    const c = text[j];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
    else if (c === '"' || c === "'" || c === '`') {
      const close = text.indexOf(c, j + 1);
      if (close === -1) return text.length;
      j = close;
    }
    j++;
  }
  return j;
}

function lexShell(text: string): LexedSource {
  const out: LexedSource = { comments: [], strings: [], literalContents: [] };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = lineEnd(text, i);
      out.comments.push([i, end]);
      i = end;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== c) j += c === '"' && text[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, text.length);
      const content = text.slice(i + 1, Math.min(j, text.length));
      out.strings.push({ start: i, end, interpolated: c === '"' && content.includes('$') });
      out.literalContents.push([i + 1, Math.min(j, text.length)]);
      i = end;
    } else if (c === '\\') {
      i += 2;
    } else i++;
  }
  return out;
}
