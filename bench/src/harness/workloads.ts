import type { Contender, ContenderSession, TextSink } from './contender.js';
import { weatherCallCount } from './weather-tool.js';

export type WorkloadId = 'W1' | 'W1L' | 'W2' | 'W3' | 'W4';

export interface WorkloadPlan {
  workload: WorkloadId;
  /** Unmeasured turns (or W3 sessions, or W4 batches) first, so the JIT and pools are warm. */
  warmup: number;
  /** Measured turns (W1, W1L, W2), sessions (W3) or batches (W4): at most this many. */
  measured: number;
  /** W1, W1L, W2: stop measuring once this much wall time has passed and `minMeasured` turns are done. */
  budgetMs?: number;
  minMeasured?: number;
  /** W3: turns of the warm-up session (default: width). */
  warmupWidth?: number;
  /** W3: turns per session. W4: concurrent runs per batch. */
  width: number;
  /** The exact answer text the fake server streams; every turn is checked against it. */
  expectedAnswer: string;
}

export interface WorkloadResult {
  workload: WorkloadId;
  /** Measured turns (W1, W1L, W2, W3) or runs (W4). */
  turns: number;
  /** Per turn, or per W4 run: from the call to the end of the stream. */
  wallMs: number[];
  /** Per turn: from the call to the first answer text delta. */
  ttftMs: number[];
  /** CPU of the measured region: this process plus helper processes. */
  cpuMicros: number;
  externalCpuMicros: number;
  /** Wall time of the whole measured region. */
  regionMs: number;
  /** W3: wall and CPU per turn index, one row per session. */
  w3WallByTurn?: number[][];
  w3CpuByTurn?: number[][];
  /** W4: wall time of each measured batch. */
  w4BatchMs?: number[];
  /** The fake model server over the measured region: its model calls and its own CPU. */
  fakeServer: { calls: number; cpuMicros: number; wallMs: number };
}

export class WorkloadCheckError extends Error {
  override readonly name = 'WorkloadCheckError';
}

const W1_PROMPT = 'Tell me a short story about a fox.';
const W2_PROMPT = 'What is the weather like in Paris today?';
const w3Prompt = (turn: number) => `Tell me more, part ${turn + 1}.`;

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return user + system;
};

/** Collects the streamed text, stamps the first delta, and checks the whole answer at the end. */
class CheckingSink implements TextSink {
  firstAt = 0;
  private parts: string[] = [];
  text(delta: string): void {
    if (this.firstAt === 0 && delta.length > 0) this.firstAt = performance.now();
    this.parts.push(delta);
  }
  verify(expected: string, label: string): void {
    const got = this.parts.join('');
    if (got !== expected) {
      throw new WorkloadCheckError(
        `${label}: the streamed answer differs from the fake server's (${got.length} vs ${expected.length} chars): ${JSON.stringify(got.slice(0, 120))}`,
      );
    }
  }
}

async function timedTurn(
  session: ContenderSession,
  prompt: string,
  plan: WorkloadPlan,
  expectTool: boolean,
): Promise<{ wall: number; ttft: number }> {
  const sink = new CheckingSink();
  const toolCallsBefore = weatherCallCount();
  const started = performance.now();
  const outcome = await session.turn(prompt, sink);
  const ended = performance.now();
  sink.verify(plan.expectedAnswer, plan.workload);
  if (expectTool) {
    const ran = Math.max(outcome.toolCalls, weatherCallCount() - toolCallsBefore);
    if (ran !== 1)
      throw new WorkloadCheckError(`${plan.workload}: expected one get_weather call, saw ${ran}`);
  }
  return { wall: ended - started, ttft: sink.firstAt - started };
}

interface FakeStats {
  calls: number;
  cpuMicros: number;
  uptimeMs: number;
}

/** The fake server's own counters, read over HTTP outside the timed region. */
export class FakeServerProbe {
  constructor(private readonly baseUrl: string) {}
  async read(): Promise<FakeStats> {
    const response = await fetch(`${this.baseUrl}/_bench/stats`);
    return (await response.json()) as FakeStats;
  }
  static delta(before: FakeStats, after: FakeStats) {
    return {
      calls: after.calls - before.calls,
      cpuMicros: after.cpuMicros - before.cpuMicros,
      wallMs: after.uptimeMs - before.uptimeMs,
    };
  }
}

async function externalCpu(contender: Contender): Promise<number> {
  return contender.externalCpuMicros ? contender.externalCpuMicros() : 0;
}

async function sequentialTurns(
  contender: Contender,
  plan: WorkloadPlan,
  probe: FakeServerProbe,
  tools: boolean,
): Promise<WorkloadResult> {
  const prompt = tools ? W2_PROMPT : W1_PROMPT;
  for (let i = 0; i < plan.warmup; i++) {
    await timedTurn(await contender.newSession({ tools }), prompt, plan, tools);
  }
  // Sessions are opened before the measured region: it times turns, not session bookkeeping.
  const sessions: ContenderSession[] = [];
  for (let i = 0; i < plan.measured; i++) sessions.push(await contender.newSession({ tools }));
  const wallMs: number[] = [];
  const ttftMs: number[] = [];
  const fake0 = await probe.read();
  const ext0 = await externalCpu(contender);
  const cpu0 = cpuNow();
  const region0 = performance.now();
  const budgetMs = plan.budgetMs ?? Number.POSITIVE_INFINITY;
  const minMeasured = plan.minMeasured ?? plan.measured;
  for (const session of sessions) {
    const { wall, ttft } = await timedTurn(session, prompt, plan, tools);
    wallMs.push(wall);
    ttftMs.push(ttft);
    // Slow contenders stop at the time budget: fewer samples, the same CPU-per-turn arithmetic.
    if (wallMs.length >= minMeasured && performance.now() - region0 > budgetMs) break;
  }
  const regionMs = performance.now() - region0;
  const localCpu = cpuNow() - cpu0;
  const ext = (await externalCpu(contender)) - ext0;
  const fakeServer = FakeServerProbe.delta(fake0, await probe.read());
  return {
    workload: plan.workload,
    turns: wallMs.length,
    wallMs,
    ttftMs,
    cpuMicros: localCpu + ext,
    externalCpuMicros: ext,
    regionMs,
    fakeServer,
  };
}

async function longSession(
  contender: Contender,
  plan: WorkloadPlan,
  probe: FakeServerProbe,
): Promise<WorkloadResult> {
  const runSession = async (record: boolean) => {
    const session = await contender.newSession({ tools: false });
    const walls: number[] = [];
    const cpus: number[] = [];
    const ttfts: number[] = [];
    const turns = record ? plan.width : (plan.warmupWidth ?? plan.width);
    for (let turn = 0; turn < turns; turn++) {
      const cpu0 = record ? cpuNow() : 0;
      const { wall, ttft } = await timedTurn(session, w3Prompt(turn), plan, false);
      if (record) cpus.push(cpuNow() - cpu0);
      walls.push(wall);
      ttfts.push(ttft);
    }
    return { walls, cpus, ttfts };
  };
  for (let i = 0; i < plan.warmup; i++) await runSession(false);
  const w3WallByTurn: number[][] = [];
  const w3CpuByTurn: number[][] = [];
  const ttftMs: number[] = [];
  const fake0 = await probe.read();
  const ext0 = await externalCpu(contender);
  const cpu0 = cpuNow();
  const region0 = performance.now();
  for (let i = 0; i < plan.measured; i++) {
    const { walls, cpus, ttfts } = await runSession(true);
    w3WallByTurn.push(walls);
    w3CpuByTurn.push(cpus);
    ttftMs.push(...ttfts);
  }
  const regionMs = performance.now() - region0;
  const localCpu = cpuNow() - cpu0;
  const ext = (await externalCpu(contender)) - ext0;
  const fakeServer = FakeServerProbe.delta(fake0, await probe.read());
  return {
    workload: 'W3',
    turns: plan.measured * plan.width,
    wallMs: w3WallByTurn.flat(),
    ttftMs,
    cpuMicros: localCpu + ext,
    externalCpuMicros: ext,
    regionMs,
    w3WallByTurn,
    w3CpuByTurn,
    fakeServer,
  };
}

async function concurrentRuns(
  contender: Contender,
  plan: WorkloadPlan,
  probe: FakeServerProbe,
): Promise<WorkloadResult> {
  const batch = async () => {
    const sessions = await Promise.all(
      Array.from({ length: plan.width }, () => contender.newSession({ tools: true })),
    );
    const started = performance.now();
    const runs = await Promise.all(sessions.map((session) => timedTurn(session, W2_PROMPT, plan, false)));
    return { batchMs: performance.now() - started, runs };
  };
  for (let i = 0; i < plan.warmup; i++) await batch();
  const wallMs: number[] = [];
  const ttftMs: number[] = [];
  const w4BatchMs: number[] = [];
  let cpuMicros = 0;
  let externalCpuMicros = 0;
  let regionMs = 0;
  const fakeServer = { calls: 0, cpuMicros: 0, wallMs: 0 };
  for (let i = 0; i < plan.measured; i++) {
    const calls0 = weatherCallCount();
    const fake0 = await probe.read();
    const ext0 = await externalCpu(contender);
    const cpu0 = cpuNow();
    const { batchMs, runs } = await batch();
    const ext = (await externalCpu(contender)) - ext0;
    const fake = FakeServerProbe.delta(fake0, await probe.read());
    fakeServer.calls += fake.calls;
    fakeServer.cpuMicros += fake.cpuMicros;
    fakeServer.wallMs += fake.wallMs;
    cpuMicros += cpuNow() - cpu0 + ext;
    externalCpuMicros += ext;
    regionMs += batchMs;
    w4BatchMs.push(batchMs);
    for (const run of runs) {
      wallMs.push(run.wall);
      ttftMs.push(run.ttft);
    }
    // Tools may run in a helper process (the server); then the contender reports them per turn instead.
    const calls = weatherCallCount() - calls0;
    if (calls !== 0 && calls !== plan.width) {
      throw new WorkloadCheckError(`W4: expected ${plan.width} get_weather calls in a batch, saw ${calls}`);
    }
  }
  return {
    workload: 'W4',
    turns: plan.measured * plan.width,
    wallMs,
    ttftMs,
    cpuMicros,
    externalCpuMicros,
    regionMs,
    w4BatchMs,
    fakeServer,
  };
}

export function runWorkload(
  contender: Contender,
  plan: WorkloadPlan,
  modelBaseUrl: string,
): Promise<WorkloadResult> {
  const probe = new FakeServerProbe(modelBaseUrl);
  switch (plan.workload) {
    case 'W1':
    case 'W1L':
      return sequentialTurns(contender, plan, probe, false);
    case 'W2':
      return sequentialTurns(contender, plan, probe, true);
    case 'W3':
      return longSession(contender, plan, probe);
    case 'W4':
      return concurrentRuns(contender, plan, probe);
  }
}
