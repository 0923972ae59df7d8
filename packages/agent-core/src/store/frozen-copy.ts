/**
 * A deep copy nobody can change: a store takes one on write and hands it out as is on every read, so
 * reads cost nothing however large a session grows. Readers must treat what they get as read-only.
 */
export function frozenCopy<T>(value: T): T {
  return deepFreeze(structuredClone(value));
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
