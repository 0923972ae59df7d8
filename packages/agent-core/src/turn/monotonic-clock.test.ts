import { describe, expect, it } from 'vitest';
import { monotonicClock } from './monotonic-clock.js';

describe('monotonicClock', () => {
  it('writes microseconds and strictly increases within one millisecond', () => {
    const clock = monotonicClock(() => new Date('2025-08-01T12:00:00.123Z'));
    expect([clock(), clock(), clock()]).toEqual([
      '2025-08-01T12:00:00.123000Z',
      '2025-08-01T12:00:00.123001Z',
      '2025-08-01T12:00:00.123002Z',
    ]);
  });

  it('follows the real clock when it moves on, and never goes back', () => {
    let now = new Date('2025-08-01T12:00:00.500Z');
    const clock = monotonicClock(() => now);
    expect(clock()).toBe('2025-08-01T12:00:00.500000Z');
    now = new Date('2025-08-01T12:00:01.000Z');
    expect(clock()).toBe('2025-08-01T12:00:01.000000Z');
    now = new Date('2025-08-01T11:59:00.000Z');
    expect(clock()).toBe('2025-08-01T12:00:01.000001Z');
    expect(new Date(clock()).toISOString()).toBe('2025-08-01T12:00:01.000Z');
  });
});
