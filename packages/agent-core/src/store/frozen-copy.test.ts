import { describe, expect, it } from 'vitest';
import { frozenCopy } from './frozen-copy.js';

function expectDeepFrozen(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value)).toBe(true);
  for (const field of Object.values(value)) expectDeepFrozen(field);
}

describe('frozenCopy', () => {
  it('copies a JSON record into an equal, deeply frozen value that shares nothing with the original', () => {
    const record = {
      turn: {
        turn_id: 't1',
        steps: [{ step_type: 'inference', tool_calls: [{ arguments: { a: [1, 2] } }] }],
      },
      resume_state: null,
      note: undefined,
    };
    const copy = frozenCopy(record);
    expect(copy).toStrictEqual(record);
    expectDeepFrozen(copy);
    record.turn.steps[0]?.tool_calls[0]?.arguments.a.push(3);
    expect(copy.turn.steps[0]?.tool_calls[0]?.arguments.a).toEqual([1, 2]);
    expect(Object.isFrozen(record)).toBe(false);
  });

  it('copies objects the caller froze too, since their insides may still change', () => {
    const inner = { n: 1 };
    const record = Object.freeze({ inner });
    const copy = frozenCopy(record);
    inner.n = 2;
    expect(copy.inner.n).toBe(1);
  });

  it('keeps an own "__proto__" key as data, as JSON.parse makes it', () => {
    const record = JSON.parse('{"args": {"__proto__": {"polluted": true}}}') as { args: object };
    const copy = frozenCopy(record);
    expect(Object.keys(copy.args)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(copy.args)).toBe(Object.prototype);
    expectDeepFrozen(copy);
  });

  it('copies values that are not JSON (dates, cycles) with structuredClone', () => {
    const at = new Date(0);
    const cyclic: { at: Date; self?: unknown } = { at };
    cyclic.self = cyclic;
    const copy = frozenCopy(cyclic);
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect(copy.self).toBe(copy);
    expect(Object.isFrozen(copy)).toBe(true);
  });
});
