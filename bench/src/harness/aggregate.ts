import type { ChildReport } from './child.js';
import type { ContenderEntry } from './registry.js';
import { median, percentile } from './stats.js';
import type { WorkloadId, WorkloadResult } from './workloads.js';

export interface RunRecord {
  round: number;
  contender: string;
  workload: WorkloadId;
  report: ChildReport;
}

export interface LatencySummary {
  p50Ms: number;
  p90Ms: number;
  /** p50 over the floor's p50 in the same round (median over rounds). */
  ratioToFloor: number;
  cpuMsPerTurn: number;
  ttftP50Ms: number;
}

export interface ContenderSummary {
  id: string;
  label: string;
  kind: ContenderEntry['kind'];
  errors: string[];
  w1?: LatencySummary;
  w2?: LatencySummary;
  /** Marginal CPU per streamed chunk: (CPU per W1L turn − CPU per W1 turn) / extra chunks. */
  usPerChunk?: number;
  w3?: { firstMs: number; lastMs: number; growth: number; cpuGrowth: number };
  w4?: {
    runsPerSec: number;
    p50Ms: number;
    p99Ms: number;
    cpuMsPerRun: number;
    peakRssMb: number;
    rssOf: string;
  };
  importMs?: number;
  /** The fake server's own CPU per model call while this contender ran, and as a share of the contender's CPU. */
  fakeServerUsPerCall?: number;
  fakeServerCpuShare?: number;
  /** The fake server's CPU over wall time while this contender ran W4: how close it came to saturating. */
  fakeServerW4Busy?: number;
}

type Ok = Extract<ChildReport, { type: 'result' }>;

const cpuMsPerTurn = (r: WorkloadResult) => r.cpuMicros / r.turns / 1000;

export function summarise(
  entries: readonly ContenderEntry[],
  records: readonly RunRecord[],
  chunks: { short: number; long: number },
): ContenderSummary[] {
  const ok = (contender: string, workload: WorkloadId) =>
    records.filter(
      (r): r is RunRecord & { report: Ok } =>
        r.contender === contender && r.workload === workload && r.report.type === 'result',
    );
  const floorByRound = (workload: WorkloadId) =>
    new Map(ok('floor', workload).map((r) => [r.round, median(r.report.result.wallMs)]));

  const latency = (contender: string, workload: 'W1' | 'W2'): LatencySummary | undefined => {
    const runs = ok(contender, workload);
    if (runs.length === 0) return undefined;
    const floors = floorByRound(workload);
    const ratios = runs
      .filter((r) => floors.has(r.round))
      .map((r) => median(r.report.result.wallMs) / floors.get(r.round)!);
    return {
      p50Ms: median(runs.map((r) => median(r.report.result.wallMs))),
      p90Ms: median(runs.map((r) => percentile(r.report.result.wallMs, 90))),
      ratioToFloor: median(ratios),
      cpuMsPerTurn: median(runs.map((r) => cpuMsPerTurn(r.report.result))),
      ttftP50Ms: median(runs.map((r) => median(r.report.result.ttftMs))),
    };
  };

  return entries.map((entry) => {
    const mine = records.filter((r) => r.contender === entry.id);
    const errors = mine.flatMap((r) =>
      r.report.type === 'error' ? [`round ${r.round} ${r.workload}: ${r.report.message}`] : [],
    );
    const summary: ContenderSummary = { id: entry.id, label: entry.label, kind: entry.kind, errors };
    summary.w1 = latency(entry.id, 'W1');
    summary.w2 = latency(entry.id, 'W2');

    const shortByRound = new Map(ok(entry.id, 'W1').map((r) => [r.round, cpuMsPerTurn(r.report.result)]));
    const slopes = ok(entry.id, 'W1L')
      .filter((r) => shortByRound.has(r.round))
      .map(
        (r) =>
          ((cpuMsPerTurn(r.report.result) - shortByRound.get(r.round)!) * 1000) /
          (chunks.long - chunks.short),
      );
    if (slopes.length > 0) summary.usPerChunk = median(slopes);

    const w3 = ok(entry.id, 'W3');
    if (w3.length > 0) {
      // Pooled over the round's sessions, the median of the first five turns against the last five: one GC
      // pause or scheduler hiccup in ten turns does not move it.
      const first = (rows: number[][]) => median(rows.flatMap((row) => row.slice(0, 5)));
      const last = (rows: number[][]) => median(rows.flatMap((row) => row.slice(-5)));
      summary.w3 = {
        firstMs: median(w3.map((r) => first(r.report.result.w3WallByTurn!))),
        lastMs: median(w3.map((r) => last(r.report.result.w3WallByTurn!))),
        growth: median(
          w3.map((r) => last(r.report.result.w3WallByTurn!) / first(r.report.result.w3WallByTurn!)),
        ),
        cpuGrowth: median(
          w3.map((r) => last(r.report.result.w3CpuByTurn!) / first(r.report.result.w3CpuByTurn!)),
        ),
      };
    }

    const w4 = ok(entry.id, 'W4');
    if (w4.length > 0) {
      const width = w4[0]!.report.result.turns / w4[0]!.report.result.w4BatchMs!.length;
      const external = w4.some((r) => r.report.externalMaxRssKiB !== undefined);
      summary.w4 = {
        runsPerSec: median(w4.flatMap((r) => r.report.result.w4BatchMs!.map((ms) => (width * 1000) / ms))),
        p50Ms: median(w4.map((r) => median(r.report.result.wallMs))),
        p99Ms: median(w4.map((r) => percentile(r.report.result.wallMs, 99))),
        cpuMsPerRun: median(w4.map((r) => cpuMsPerTurn(r.report.result))),
        peakRssMb: Math.max(...w4.map((r) => (r.report.externalMaxRssKiB ?? r.report.maxRssKiB) / 1024)),
        rssOf: external ? 'server process' : 'contender process',
      };
    }

    const all = mine.filter((r): r is RunRecord & { report: Ok } => r.report.type === 'result');
    if (all.length > 0) {
      summary.importMs = median(all.map((r) => r.report.importMs));
      const fakeOf = (r: RunRecord & { report: Ok }) => r.report.result.fakeServer;
      const w4 = all.filter((r) => r.workload === 'W4' && fakeOf(r).wallMs > 0);
      if (w4.length > 0) {
        summary.fakeServerW4Busy = Math.max(
          ...w4.map((r) => fakeOf(r).cpuMicros / (fakeOf(r).wallMs * 1000)),
        );
      }
      const sequential = all.filter(
        (r) => (r.workload === 'W1' || r.workload === 'W2') && fakeOf(r).calls > 0,
      );
      if (sequential.length > 0) {
        summary.fakeServerUsPerCall = median(sequential.map((r) => fakeOf(r).cpuMicros / fakeOf(r).calls));
        // The fake server's CPU over the same turns, next to the contender's own.
        summary.fakeServerCpuShare = median(
          sequential.map((r) => fakeOf(r).cpuMicros / r.report.result.cpuMicros),
        );
      }
    }
    return summary;
  });
}
