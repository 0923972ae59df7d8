/**
 * JSON text as Python's `json.dumps` writes it by default: `", "` and `": "` separators and every
 * non-ASCII character escaped as `\uXXXX`. The seed returned tool results in this form, and Llama
 * models were trained on it.
 */
export function pythonJsonDumps(value: unknown): string {
  return escapeNonAscii(serialize(value));
}

function serialize(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(serialize).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => item !== undefined);
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}: ${serialize(item)}`).join(', ')}}`;
  }
  return 'null';
}

function escapeNonAscii(text: string): string {
  // Each UTF-16 code unit on its own, so astral characters become surrogate pairs as in Python.
  return text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
