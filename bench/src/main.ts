/**
 * `pnpm bench` (full run, ~5 min on 2 cores) and `pnpm --filter @llama-stack-ts/bench smoke` (CI, <1 min).
 * Starts the fake model server in its own process, then for each round and workload runs every contender in
 * a fresh child process, one after another, and prints the tables. Options: see `--help`.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { answerText, BENCH_MODEL, type ToolCallSpelling } from './fake-model-server/script.js';
import { type RunRecord, summarise } from './harness/aggregate.js';
import type { ChildConfig } from './harness/child.js';
import { startFakeServerProcess } from './harness/fake-server-process.js';
import { warmUpFakeServer } from './harness/warm-up.js';
import { CONTENDERS } from './harness/registry.js';
import { checkTargets, latencyTable, scaleTable, targetsTable } from './harness/report.js';
import { runChild } from './harness/run-child.js';
import type { WorkloadId, WorkloadPlan } from './harness/workloads.js';

const HELP = `Usage: node dist/main.js [options]
  --smoke                 quick pass: few turns, one round, no result file (exit 0 when every contender ran)
  --rounds <n>            rounds (default 3; smoke 1)
  --only <ids>            comma-separated contender ids (${CONTENDERS.map((c) => c.id).join(', ')})
  --workloads <ids>       comma-separated: W1,W1L,W2,W3,W4 (default all)
  --tokens <n>            tokens per answer (default 100); W1L uses --long-tokens (default 1000)
  --token-delay-ms <n>    delay before each streamed chunk (default 0)
  --spelling <s>          raw tool-call spelling: function_tag | python_list | json (default python_list)
  --profile <ids>         run these contenders with --cpu-prof (profiles in bench/profiles/<id>/)
  --out <file>            where to write the JSON (default bench/results/<date>.json; smoke writes none)`;

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    rounds: { type: 'string' },
    only: { type: 'string' },
    workloads: { type: 'string' },
    tokens: { type: 'string', default: '100' },
    'long-tokens': { type: 'string', default: '1000' },
    'token-delay-ms': { type: 'string', default: '0' },
    spelling: { type: 'string', default: 'python_list' },
    profile: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const distDir = dirname(fileURLToPath(import.meta.url));
const benchDir = resolve(distDir, '..');
const smoke = values.smoke;
const rounds = Number(values.rounds ?? (smoke ? 1 : 3));
const tokens = Number(values.tokens);
const longTokens = Number(values['long-tokens']);
const tokenDelayMs = Number(values['token-delay-ms']);
const spelling = values.spelling as ToolCallSpelling;
const only = values.only?.split(',').map((s) => s.trim());
const profiled = new Set(values.profile?.split(',').map((s) => s.trim()) ?? []);
const workloads = (values.workloads?.split(',').map((s) => s.trim()) ?? [
  'W1',
  'W1L',
  'W2',
  'W3',
  'W4',
]) as WorkloadId[];

const INSTRUCTIONS = 'You are a helpful assistant.';

function planFor(workload: WorkloadId): WorkloadPlan {
  const expectedAnswer = answerText(workload === 'W1L' ? longTokens : tokens);
  const base = { workload, expectedAnswer };
  if (smoke) {
    switch (workload) {
      case 'W1':
      case 'W2':
        return { ...base, warmup: 2, measured: 5, width: 1 };
      case 'W1L':
        return { ...base, warmup: 0, measured: 2, width: 1 };
      case 'W3':
        return { ...base, warmup: 0, measured: 1, width: 6 };
      case 'W4':
        return { ...base, warmup: 0, measured: 1, width: 5 };
    }
  }
  switch (workload) {
    case 'W1':
      return { ...base, warmup: 40, measured: 200, budgetMs: 2000, minMeasured: 40, width: 1 };
    case 'W2':
      return { ...base, warmup: 30, measured: 150, budgetMs: 2500, minMeasured: 30, width: 1 };
    case 'W1L':
      return { ...base, warmup: 5, measured: 20, budgetMs: 2000, minMeasured: 5, width: 1 };
    case 'W3':
      return { ...base, warmup: 1, warmupWidth: 20, measured: 3, width: 50 };
    case 'W4':
      return { ...base, warmup: 1, measured: 3, width: 50 };
  }
}

const entries = CONTENDERS.filter((c) => !only || only.includes(c.id));
const missing = entries.filter((c) => !existsSync(join(distDir, 'contenders', `${c.module}.js`)));
for (const entry of missing)
  console.error(`! ${entry.id}: dist/contenders/${entry.module}.js is missing (not built)`);

const fake = await startFakeServerProcess(join(distDir, 'fake-model-server', 'main.js'), {
  tokens,
  tokenDelayMs,
  toolCallSpelling: spelling,
});
console.error(
  `fake model server ${fake.url}; ${smoke ? 'smoke pass' : `${rounds} rounds`}; ${entries.length} contenders; ${workloads.join(' ')}`,
);

await warmUpFakeServer(fake.url, smoke ? 50 : 400);
const loadBefore = loadavg();
const records: RunRecord[] = [];
const started = performance.now();
for (let round = 1; round <= rounds; round++) {
  for (const workload of workloads) {
    fake.configure({ tokens: workload === 'W1L' ? longTokens : tokens });
    const plan = planFor(workload);
    // Rotating the order each round keeps any drift from always landing on the same contender.
    const order = entries.map((_, i) => entries[(i + round - 1) % entries.length]!);
    for (const entry of order) {
      const config: ChildConfig = {
        contender: entry.id,
        modulePath: join(distDir, 'contenders', `${entry.module}.js`),
        modelBaseUrl: fake.url,
        model: BENCH_MODEL,
        instructions: INSTRUCTIONS,
        plan,
      };
      const profileDir = join(benchDir, 'profiles', entry.id);
      if (profiled.has(entry.id)) mkdirSync(profileDir, { recursive: true });
      const t0 = performance.now();
      let report = await runChild(join(distDir, 'harness', 'child.js'), config, {
        timeoutMs: smoke ? 60_000 : 240_000,
        execArgv: profiled.has(entry.id)
          ? ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', profileDir]
          : [],
      });
      // A workspace package being rebuilt (its dist briefly gone) is not the contender failing: wait, retry.
      for (
        let retry = 1;
        retry <= 3 && report.type === 'error' && /Cannot find module/.test(report.message);
        retry++
      ) {
        console.error(`  ${entry.id}: ${report.message.split('\n')[0]} — retrying in 10 s (${retry}/3)`);
        await sleep(10_000);
        report = await runChild(join(distDir, 'harness', 'child.js'), config, {
          timeoutMs: smoke ? 60_000 : 240_000,
          execArgv: profiled.has(entry.id)
            ? ['--cpu-prof', '--cpu-prof-interval', '200', '--cpu-prof-dir', profileDir]
            : [],
        });
      }
      const seconds = ((performance.now() - t0) / 1000).toFixed(1);
      records.push({ round, contender: entry.id, workload, report });
      const line =
        report.type === 'result'
          ? `p50 ${(report.result.wallMs.slice().sort((a, b) => a - b)[report.result.wallMs.length >> 1] ?? 0).toFixed(2)} ms, CPU ${(report.result.cpuMicros / report.result.turns / 1000).toFixed(2)} ms/turn`
          : `FAILED: ${report.message.split('\n')[0]}`;
      console.error(
        `[round ${round}/${rounds}] ${workload.padEnd(3)} ${entry.id.padEnd(18)} ${line} (${seconds} s)`,
      );
    }
  }
}
await fake.close();
const elapsedS = (performance.now() - started) / 1000;

const summaries = summarise(entries, records, { short: tokens, long: longTokens });
const targets = checkTargets(summaries);
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  platform: `${process.platform}-${process.arch}`,
  /** 1-minute load average before and after: other work on the machine shows up here. */
  loadAverage1m: { before: loadBefore[0], after: loadavg()[0] },
};
const when = new Date();
const heading = `llama-stack-ts bench, ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine.cpus} cores (${machine.cpuModel}), Node ${machine.node}, ${rounds} round(s), ${tokens}-token answers, token delay ${tokenDelayMs} ms, ${elapsedS.toFixed(0)} s, load average ${machine.loadAverage1m.before?.toFixed(1)} → ${machine.loadAverage1m.after?.toFixed(1)}`;

console.log(`\n${heading}\n`);
console.log(
  'Latency and CPU (W1: one message → streamed answer; W2: one get_weather call, then the answer)\n',
);
console.log(latencyTable(summaries));
console.log(
  '\nSession growth, concurrency, footprint (W3: 50 turns in one session; W4: 50 concurrent W2 runs)\n',
);
console.log(scaleTable(summaries));
console.log('\nTargets\n');
console.log(targetsTable(targets));
const failures = summaries.filter((s) => s.errors.length > 0);
for (const s of failures)
  console.log(`\n${s.id} failed:\n  ${s.errors.map((e) => e.split('\n')[0]).join('\n  ')}`);

if (!smoke || values.out) {
  const out = values.out
    ? resolve(values.out)
    : join(benchDir, 'results', `${when.toISOString().slice(0, 10)}.json`);
  mkdirSync(dirname(out), { recursive: true });
  const options = { rounds, tokens, longTokens, tokenDelayMs, spelling, smoke, workloads };
  // Summaries stay readable; the raw samples go one record per line, rounded to the microsecond.
  const micro = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  const head = JSON.stringify(
    { date: when.toISOString(), machine, options, elapsedS, summaries, targets },
    micro,
    2,
  );
  const rows = records.map((record) => `    ${JSON.stringify(record, micro)}`).join(',\n');
  writeFileSync(out, `${head.slice(0, -2)},\n  "records": [\n${rows}\n  ]\n}\n`);
  console.log(`\nwrote ${out}`);
}

process.exit(failures.length > 0 || missing.length > 0 ? 1 : 0);
