import { describe, expect, it } from 'vitest';
import { type RunRecord, summarise } from './aggregate.js';
import type { ContenderEntry } from './registry.js';
import type { WorkloadId, WorkloadResult } from './workloads.js';

const entries: ContenderEntry[] = [
  { id: 'floor', label: 'floor', module: 'floor', kind: 'floor', api: 'ollama-generate' },
  { id: 'core-memory', label: 'core', module: 'core', kind: 'ours-in-process', api: 'ollama-generate' },
];

function record(
  round: number,
  contender: string,
  workload: WorkloadId,
  result: Partial<WorkloadResult>,
): RunRecord {
  const full: WorkloadResult = {
    workload,
    turns: 2,
    wallMs: [],
    ttftMs: [1, 1],
    cpuMicros: 0,
    externalCpuMicros: 0,
    regionMs: 0,
    fakeServer: { calls: 2, cpuMicros: 200, wallMs: 10 },
    ...result,
  };
  return {
    round,
    contender,
    workload,
    report: {
      type: 'result',
      contender,
      importMs: 5,
      setupMs: 1,
      result: full,
      maxRssKiB: 100 * 1024,
      heapUsedBytes: 0,
    },
  };
}

describe('summarise', () => {
  it('takes the ratio to the floor within each round, then the median over rounds', () => {
    const records = [
      // Round 1 is slow for everybody (a busy machine), round 2 fast: the ratio stays 1.5 in both.
      record(1, 'floor', 'W1', { wallMs: [4, 4], cpuMicros: 2000 }),
      record(1, 'core-memory', 'W1', { wallMs: [6, 6], cpuMicros: 3000 }),
      record(2, 'floor', 'W1', { wallMs: [1, 1], cpuMicros: 2000 }),
      record(2, 'core-memory', 'W1', { wallMs: [1.5, 1.5], cpuMicros: 3000 }),
    ];
    const [floor, core] = summarise(entries, records, { short: 100, long: 1000 });
    expect(floor!.w1!.ratioToFloor).toBe(1);
    expect(core!.w1!.ratioToFloor).toBeCloseTo(1.5);
    expect(core!.w1!.cpuMsPerTurn).toBeCloseTo(1.5);
  });

  it('derives µs per chunk from the CPU slope between the short and the long answer', () => {
    const records = [
      record(1, 'core-memory', 'W1', { turns: 10, cpuMicros: 10 * 1000 }),
      record(1, 'core-memory', 'W1L', { turns: 10, cpuMicros: 10 * 1900 }),
    ];
    const core = summarise(entries, records, { short: 100, long: 1000 })[1]!;
    expect(core.usPerChunk).toBeCloseTo(1);
  });

  it('measures W3 growth as the last five turns over the first five', () => {
    const row = Array.from({ length: 50 }, (_, i) => (i < 5 ? 2 : i >= 45 ? 3 : 2.5));
    const records = [record(1, 'core-memory', 'W3', { turns: 50, w3WallByTurn: [row], w3CpuByTurn: [row] })];
    const core = summarise(entries, records, { short: 100, long: 1000 })[1]!;
    expect(core.w3).toMatchObject({ firstMs: 2, lastMs: 3, growth: 1.5, cpuGrowth: 1.5 });
  });
});
