import { messageHeader, SpecialToken } from './special-tokens.js';

export type StartClassification = 'text' | 'tool' | 'undecided';

const BUILTIN_CALL_STARTS = ['brave_search.call(', 'wolfram_alpha.call(', 'photogen.call('];
const FUNCTION_TAG_START = '<function=';

/**
 * Whether the start of a streamed answer is a tool call, plain text, or still ambiguous. Only a prefix
 * that could still open a tool call is ambiguous: `<|python_tag|>`, `<function=`, `[name(`, a JSON object
 * whose first key is `"type": "function"` or `"name"` followed by `"parameters"`, `brave_search.call(`.
 */
export function classifyStart(text: string, toolNames: readonly string[] | undefined): StartClassification {
  let view = text.trimStart();
  const header = messageHeader('assistant');
  if (view.startsWith(header)) view = view.slice(header.length).trimStart();
  else if (view !== '' && header.startsWith(view)) return 'undecided';
  if (view === '') return 'undecided';
  for (const opener of [SpecialToken.pythonTag, FUNCTION_TAG_START, ...BUILTIN_CALL_STARTS]) {
    if (view.startsWith(opener)) return 'tool';
    if (opener.startsWith(view)) return 'undecided';
  }
  if (view.startsWith('[')) return classifyListStart(view, toolNames);
  if (view.startsWith('{')) return classifyJsonStart(view, toolNames);
  return 'text';
}

function classifyListStart(view: string, toolNames: readonly string[] | undefined): StartClassification {
  const afterBracket = view.slice(1).trimStart();
  if (afterBracket === '') return 'undecided';
  if (afterBracket.startsWith('{')) {
    const json = classifyJsonStart(afterBracket, toolNames);
    return json;
  }
  const call = /^([A-Za-z_]\w*)(\s*)(\()?/.exec(afterBracket);
  if (!call) return 'text';
  if (call[3]) return 'tool';
  if (call[0].length === afterBracket.length) return 'undecided';
  return 'text';
}

function classifyJsonStart(view: string, toolNames: readonly string[] | undefined): StartClassification {
  const rest = view.slice(1).trimStart();
  if (rest === '') return 'undecided';
  if (!rest.startsWith('"')) return 'text';
  const firstKey = /^"((?:[^"\\]|\\.)*)("?)/.exec(rest)!;
  if (!firstKey[2]) return /^(?:t|ty|typ|type|n|na|nam|name)?$/.test(firstKey[1]!) ? 'undecided' : 'text';
  const key = firstKey[1];
  if (key !== 'type' && key !== 'name') return 'text';
  const afterKey = rest.slice(firstKey[0].length);
  const value = /^\s*(:?)\s*("?)((?:[^"\\]|\\.)*)("?)/.exec(afterKey)!;
  if (!value[1] || !value[2]) return /^\s*(?::\s*)?$/.test(afterKey) ? 'undecided' : 'text';
  const closed = Boolean(value[4]);
  if (key === 'type') {
    if (!closed) return 'function'.startsWith(value[3]!) ? 'undecided' : 'text';
    return value[3] === 'function' ? 'tool' : 'text';
  }
  if (!closed) return 'undecided';
  const name = value[3]!;
  if (toolNames !== undefined) return toolNames.includes(name) ? 'tool' : 'text';
  const afterName = afterKey.slice(value[0].length);
  const next = /^\s*(,?)\s*("?)((?:[^"\\]|\\.)*)("?)/.exec(afterName)!;
  if (afterName.trimStart().startsWith('}')) return 'text';
  if (!next[1] || !next[2]) return /^\s*(?:,\s*)?$/.test(afterName) ? 'undecided' : 'text';
  if (!next[4])
    return /^(?:p|pa|par|para|param|parame|paramet|paramete|parameter|parameters|a|ar|arg|argu|argum|argume|argumen|argument|arguments)?$/.test(
      next[3]!,
    )
      ? 'undecided'
      : 'text';
  return next[3] === 'parameters' || next[3] === 'arguments' ? 'tool' : 'text';
}
