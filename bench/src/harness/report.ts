import type { ContenderSummary } from './aggregate.js';

export interface TargetCheck {
  target: string;
  value: string;
  /** undefined when the contender did not run. */
  met: boolean | undefined;
}

const f = (value: number | undefined, digits = 2) =>
  value === undefined || Number.isNaN(value) ? '–' : value.toFixed(digits);
const x = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '–' : `${value.toFixed(2)}×`;

function table(header: string[], rows: string[][]): string {
  const lines = [
    `| ${header.join(' | ')} |`,
    `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
  ];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export function latencyTable(summaries: readonly ContenderSummary[]): string {
  return table(
    [
      'contender',
      'W1 p50 ms',
      'W1 p90 ms',
      'W1 ×floor',
      'W2 p50 ms',
      'W2 p90 ms',
      'W2 ×floor',
      'CPU ms/turn W1',
      'CPU ms/turn W2',
      'µs/chunk',
      'TTFT W1 ms',
    ],
    summaries.map((s) => [
      s.label,
      f(s.w1?.p50Ms),
      f(s.w1?.p90Ms),
      x(s.w1?.ratioToFloor),
      f(s.w2?.p50Ms),
      f(s.w2?.p90Ms),
      x(s.w2?.ratioToFloor),
      f(s.w1?.cpuMsPerTurn),
      f(s.w2?.cpuMsPerTurn),
      f(s.usPerChunk, 1),
      f(s.w1?.ttftP50Ms),
    ]),
  );
}

export function scaleTable(summaries: readonly ContenderSummary[]): string {
  return table(
    [
      'contender',
      'W3 turns 1–5 ms',
      'W3 turns 46–50 ms',
      'W3 growth',
      'W3 CPU growth',
      'W4 runs/s',
      'W4 p50 ms',
      'W4 p99 ms',
      'W4 CPU ms/run',
      'W4 peak RSS MB',
      'import ms',
      'fake server µs/call (share)',
      'fake server busy in W4',
    ],
    summaries.map((s) => [
      s.label,
      f(s.w3?.firstMs),
      f(s.w3?.lastMs),
      x(s.w3?.growth),
      x(s.w3?.cpuGrowth),
      f(s.w4?.runsPerSec, 0),
      f(s.w4?.p50Ms, 1),
      f(s.w4?.p99Ms, 1),
      f(s.w4?.cpuMsPerRun),
      s.w4 ? `${s.w4.peakRssMb.toFixed(0)}${s.w4.rssOf === 'server process' ? ' (server)' : ''}` : '–',
      f(s.importMs, 0),
      s.fakeServerUsPerCall === undefined
        ? '–'
        : `${s.fakeServerUsPerCall.toFixed(0)} (${((s.fakeServerCpuShare ?? 0) * 100).toFixed(0)}%)`,
      s.fakeServerW4Busy === undefined ? '–' : `${(s.fakeServerW4Busy * 100).toFixed(0)}%`,
    ]),
  );
}

export function checkTargets(summaries: readonly ContenderSummary[]): TargetCheck[] {
  const by = (id: string) => summaries.find((s) => s.id === id);
  const core = by('core-memory');
  const sqlite = by('core-sqlite');
  const sqliteNormal = by('core-sqlite-normal');
  const server = by('server');
  const peers = summaries.filter((s) => s.kind === 'peer' && s.w4);
  const bestPeer = peers.reduce<ContenderSummary | undefined>(
    (best, s) => (best && best.w4!.runsPerSec >= s.w4!.runsPerSec ? best : s),
    undefined,
  );
  const check = (target: string, value: number | undefined, limit: number, unit: string, atMost = true) => ({
    target,
    value: value === undefined || Number.isNaN(value) ? 'not measured' : `${value.toFixed(2)}${unit}`,
    met: value === undefined || Number.isNaN(value) ? undefined : atMost ? value <= limit : value >= limit,
  });
  const checks: TargetCheck[] = [
    check('in-process (memory) W1 ≤ 1.5× floor', core?.w1?.ratioToFloor, 1.5, '×'),
    check('in-process (memory) W2 ≤ 1.5× floor', core?.w2?.ratioToFloor, 1.5, '×'),
    check('in-process (memory) ≤ 3 µs per chunk', core?.usPerChunk, 3, ' µs'),
    check('SQLite W1 ≤ 2× floor', sqlite?.w1?.ratioToFloor, 2, '×'),
    check('SQLite W2 ≤ 2× floor', sqlite?.w2?.ratioToFloor, 2, '×'),
    check('SQLite (synchronous=normal) W1 ≤ 2× floor', sqliteNormal?.w1?.ratioToFloor, 2, '×'),
    check('SQLite (synchronous=normal) W2 ≤ 2× floor', sqliteNormal?.w2?.ratioToFloor, 2, '×'),
    check('W3 growth ≤ 1.2× (memory)', core?.w3?.growth, 1.2, '×'),
    check('W3 growth ≤ 1.2× (SQLite)', sqlite?.w3?.growth, 1.2, '×'),
    check('W3 growth ≤ 1.2× (server)', server?.w3?.growth, 1.2, '×'),
    check('W4 peak RSS in-process (memory) ≤ 150 MB', core?.w4?.peakRssMb, 150, ' MB'),
  ];
  const serverRate = server?.w4?.runsPerSec;
  const peerRate = bestPeer?.w4?.runsPerSec;
  checks.push({
    target: `server W4 runs/s ≥ fastest peer in-process (${bestPeer?.label ?? 'no peer ran'})`,
    value:
      serverRate === undefined || peerRate === undefined
        ? 'not measured'
        : `${serverRate.toFixed(0)} vs ${peerRate.toFixed(0)} runs/s`,
    met: serverRate === undefined || peerRate === undefined ? undefined : serverRate >= peerRate,
  });
  return checks;
}

export function targetsTable(checks: readonly TargetCheck[]): string {
  return table(
    ['target', 'measured', 'met'],
    checks.map((c) => [c.target, c.value, c.met === undefined ? '–' : c.met ? 'yes' : '**no**']),
  );
}
