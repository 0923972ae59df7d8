import { HELP, parseDemoArgs } from './cli/args.js';
import { runDemo } from './run-demo.js';

async function main(): Promise<number> {
  let args: ReturnType<typeof parseDemoArgs>;
  try {
    args = parseDemoArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  try {
    await runDemo(args);
    return 0;
  } catch (error) {
    console.error(`\nThe demo failed: ${(error as Error).message}`);
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
