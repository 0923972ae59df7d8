import { fork } from 'node:child_process';
import type { ChildConfig, ChildReport } from './child.js';

/** Runs one contender × workload in a fresh process and returns its report (an error report on failure). */
export function runChild(
  childPath: string,
  config: ChildConfig,
  options: { timeoutMs: number; execArgv?: string[] },
): Promise<ChildReport> {
  return new Promise((resolve) => {
    const child = fork(childPath, [JSON.stringify(config)], {
      execArgv: options.execArgv ?? [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let report: ChildReport | undefined;
    const timer = setTimeout(() => {
      report ??= {
        type: 'error',
        contender: config.contender,
        message: `${config.plan.workload} did not finish within ${options.timeoutMs / 1000} s`,
      };
      child.kill('SIGKILL');
    }, options.timeoutMs);
    child.on('message', (message: ChildReport) => {
      report ??= message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        report ?? {
          type: 'error',
          contender: config.contender,
          message: `child exited (code ${code}, signal ${signal}) without a report`,
        },
      );
    });
  });
}
