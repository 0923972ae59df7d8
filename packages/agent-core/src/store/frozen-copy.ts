/**
 * A deep copy nobody can change: a store takes one on write and hands it out as is on every read, so
 * reads cost nothing however large a session grows. Readers must treat what they get as read-only.
 *
 * Stored records are JSON, which one recursive pass copies and freezes several times faster than
 * structuredClone followed by a freezing walk; anything else (a Date, a Map, a cycle, a class instance)
 * goes to structuredClone, as before.
 */
export function frozenCopy<T>(value: T): T {
  const copy = jsonFrozenCopy(value, 0);
  return copy === NOT_JSON ? deepFreeze(structuredClone(value)) : (copy as T);
}

const NOT_JSON: unique symbol = Symbol('not JSON');
/** Deeper than any record; also how a cycle ends up with structuredClone instead of overflowing the stack. */
const MAX_DEPTH = 200;

function jsonFrozenCopy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_DEPTH) return NOT_JSON;
  if (Array.isArray(value)) {
    const copy: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = jsonFrozenCopy(value[i], depth + 1);
      if (item === NOT_JSON) return NOT_JSON;
      copy[i] = item;
    }
    return Object.freeze(copy);
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_JSON;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Assigning an own "__proto__" key (JSON.parse makes those) would set the copy's prototype instead.
    if (key === '__proto__') return NOT_JSON;
    const field = jsonFrozenCopy((value as Record<string, unknown>)[key], depth + 1);
    if (field === NOT_JSON) return NOT_JSON;
    copy[key] = field;
  }
  return Object.freeze(copy);
}

function deepFreeze<T>(value: T): T {
  // Typed arrays with elements cannot be frozen (and stored records are JSON, so they do not occur).
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) {
    return value;
  }
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
