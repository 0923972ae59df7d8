// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are JavaScript source under test
import { describe, expect, it } from 'vitest';
import { SourceView } from './source-view.js';

describe('SourceView (Python)', () => {
  it('blanks comments in the code view and literal text in the masked view, keeping offsets', () => {
    const source = new SourceView('x = "a # b"  # note\ny = 1', 'python');
    expect(source.code).toBe('x = "a # b"        \ny = 1');
    expect(source.masked).toBe('x = "     "        \ny = 1');
  });

  it('treats triple-quoted strings as one literal across lines', () => {
    const source = new SourceView('s = """line\nos.system(x)\n"""\nz = 2', 'python');
    expect(source.masked).not.toContain('os.system');
    expect(source.lineOf(source.text.indexOf('z'))).toBe(4);
    expect(source.lineText(2)).toBe('os.system(x)');
  });

  it('knows which f-strings splice values in', () => {
    const source = new SourceView('a = f"{x}"\nb = f"{{x}}"\nc = rb"\\d"', 'python');
    expect(source.strings.map((span) => span.interpolated)).toEqual([true, false, false]);
  });

  it('splits call arguments at top-level commas only', () => {
    const text = 'f(a, g(b, c), "x,y", k=[1, 2])';
    const source = new SourceView(text, 'python');
    expect(source.callArguments(1).map((arg) => arg.text)).toEqual(['a', 'g(b, c)', '"x,y"', 'k=[1, 2]']);
  });

  it('tells constant strings from built ones', () => {
    const constant = (code: string) => {
      const source = new SourceView(`f(${code})`, 'python');
      const [arg] = source.callArguments(1);
      return arg ? source.isConstantString(arg) : undefined;
    };
    expect(constant('"ls -l"')).toBe(true);
    expect(constant('"a" "b"')).toBe(true);
    expect(constant('"a" + b')).toBe(false);
    expect(constant('f"ls {p}"')).toBe(false);
    expect(constant('"ls %s" % p')).toBe(false);
    expect(constant('cmd')).toBe(false);
  });
});

describe('SourceView (JavaScript)', () => {
  it('keeps template expressions visible and blanks template text', () => {
    const source = new SourceView('run(`git log ${branch} --oneline`)', 'javascript');
    expect(source.masked).toBe('run(`        ${branch}          `)');
    expect(source.strings[0]?.interpolated).toBe(true);
  });

  it('reads a regex literal with a quote in it without losing track of the code after it', () => {
    const source = new SourceView("const ok = /'/.test(s); eval(x);", 'javascript');
    expect(source.masked).toContain('eval(x)');
  });

  it('does not take division for a regex literal', () => {
    const source = new SourceView('const r = a / b / c; eval(x);', 'javascript');
    expect(source.strings).toEqual([]);
  });

  it('blanks line and block comments', () => {
    const source = new SourceView('a(); // eval(x)\n/* exec(y) */ b();', 'javascript');
    expect(source.code).not.toMatch(/eval|exec/);
  });
});

describe('SourceView (shell)', () => {
  it('starts a comment only at a word boundary', () => {
    const source = new SourceView('echo a#b # comment', 'shell');
    expect(source.code).toBe('echo a#b          ');
  });
});
