/**
 * One contender, one workload, one process: `node dist/harness/child.js '<json ChildConfig>'`.
 * Imports the contender (timed), runs the workload, sends a ChildReport over IPC (or prints it) and exits.
 */
import { pathToFileURL } from 'node:url';
import type { ContenderModule } from './contender.js';
import { runWorkload, type WorkloadPlan, type WorkloadResult } from './workloads.js';

export interface ChildConfig {
  contender: string;
  /** Absolute path of the contender's compiled module. */
  modulePath: string;
  modelBaseUrl: string;
  model: string;
  instructions: string;
  plan: WorkloadPlan;
}

export type ChildReport =
  | {
      type: 'result';
      contender: string;
      importMs: number;
      setupMs: number;
      result: WorkloadResult;
      /** Peak RSS of this process, and of helper processes when the contender has them (KiB). */
      maxRssKiB: number;
      externalMaxRssKiB?: number;
      heapUsedBytes: number;
    }
  | { type: 'error'; contender: string; message: string; stack?: string };

async function main(config: ChildConfig): Promise<ChildReport> {
  const import0 = performance.now();
  const mod = (await import(pathToFileURL(config.modulePath).href)) as ContenderModule;
  const importMs = performance.now() - import0;
  const setup0 = performance.now();
  const contender = await mod.createContender({
    modelBaseUrl: config.modelBaseUrl,
    model: config.model,
    instructions: config.instructions,
  });
  const setupMs = performance.now() - setup0;
  try {
    const result = await runWorkload(contender, config.plan, config.modelBaseUrl);
    const externalMaxRssKiB = contender.externalMaxRssKiB ? await contender.externalMaxRssKiB() : undefined;
    return {
      type: 'result',
      contender: config.contender,
      importMs: importMs + (contender.helperImportMs ?? 0),
      setupMs,
      result,
      maxRssKiB: process.resourceUsage().maxRSS,
      ...(externalMaxRssKiB !== undefined ? { externalMaxRssKiB } : {}),
      heapUsedBytes: process.memoryUsage().heapUsed,
    };
  } finally {
    await contender.close();
  }
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
let report: ChildReport;
try {
  report = await main(config);
} catch (error) {
  const err = error instanceof Error ? error : new Error(String(error));
  report = { type: 'error', contender: config.contender, message: err.message, stack: err.stack };
}
if (process.send) {
  process.send(report, () => process.exit(report.type === 'result' ? 0 : 1));
} else {
  console.log(JSON.stringify(report, null, 2));
  process.exit(report.type === 'result' ? 0 : 1);
}
