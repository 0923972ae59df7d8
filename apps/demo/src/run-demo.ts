import { createInterface } from 'node:readline/promises';
import type { DemoArgs } from './cli/args.js';
import { colorEnabled, palette } from './cli/colors.js';
import { EventLog, type Output } from './cli/event-log.js';
import { Spinner } from './cli/spinner.js';
import { chooseMode, type DemoStack, startDemoStack } from './demo-stack.js';
import { type AgentSetup, DEMO_PROMPTS } from './demo-script.js';
import { DemoSession, type TurnOutcome } from './run-conversation.js';

export interface DemoResult {
  mode: DemoStack['mode']['kind'];
  turns: TurnOutcome[];
  skipped: string[];
}

function describeMode(stack: DemoStack, setup: AgentSetup): string {
  switch (stack.mode.kind) {
    case 'live':
      return `LIVE on Ollama at ${stack.mode.ollamaUrl} with ${setup.model}`;
    case 'remote':
      return `against the server at ${stack.mode.serverUrl}`;
    case 'offline':
      return (
        `OFFLINE (${stack.mode.reason}): replaying real llama3.2:3b and llama-guard3:1b responses recorded by ` +
        "Llama Stack's tests; the code-interpreter step's model answers are scripted (no recording exists), the sandbox runs for real"
      );
  }
}

/** The whole demo: start the stack, run the scripted conversation, optionally keep serving the page or chat. */
export async function runDemo(
  args: DemoArgs,
  io: { out: Output & { isTTY?: boolean }; input?: NodeJS.ReadableStream; signal?: AbortSignal } = {
    out: process.stdout,
  },
): Promise<DemoResult> {
  const paint = palette(colorEnabled(args.noColor, io.out));
  const spinner = new Spinner(io.out as NodeJS.WritableStream & { isTTY?: boolean });
  const log = new EventLog(io.out, paint, spinner);
  const mode = await chooseMode({
    ollamaUrl: args.ollamaUrl,
    model: args.model,
    offline: args.offline,
    ...(args.serverUrl ? { serverUrl: args.serverUrl } : {}),
  });
  const stack = await startDemoStack({
    mode,
    model: args.model,
    shieldModel: args.shieldModel,
    port: args.port,
    host: args.host,
    web: args.web,
    ...(args.apiKey ? { apiKey: args.apiKey } : {}),
  });
  try {
    const shields = stack.shields.filter((id) => id === 'llama-guard');
    const setup: AgentSetup = {
      model: args.model,
      shields,
      codeInterpreter: stack.toolgroups.includes('builtin::code_interpreter'),
    };
    stack.webSettings = { setup, mode: mode.kind };
    io.out.write(`${paint.heading('llama-stack-ts demo')}\n`);
    io.out.write(`${paint.bold('mode:')} ${describeMode(stack, setup)}\n`);
    io.out.write(`${paint.bold('server:')} ${stack.url}\n`);
    io.out.write(
      `${paint.bold('agent:')} ${setup.model}; shields: ${shields.join(', ') || 'none'}; tools: ${[
        ...(setup.codeInterpreter ? ['builtin::code_interpreter'] : []),
        'get_boiling_point (client)',
      ].join(', ')}\n`,
    );
    if (!setup.codeInterpreter) {
      log.note(
        'The code interpreter is not available on this machine (it needs bubblewrap and Python): ' +
          'apt-get install bubblewrap python3 python3-matplotlib python3-numpy',
      );
    }
    if (shields.length === 0)
      log.note(`Llama Guard is off: the shield model ${args.shieldModel} is not available.`);

    const session = await DemoSession.open({
      baseUrl: stack.url,
      ...(args.apiKey ? { apiKey: args.apiKey } : {}),
      setup,
      log,
      outDir: args.outDir,
    });
    const skipped: string[] = [];
    for (const prompt of DEMO_PROMPTS) {
      if (prompt.needsCodeInterpreter && !setup.codeInterpreter) {
        skipped.push(prompt.text);
        continue;
      }
      io.out.write(`\n${paint.bold(`— ${prompt.title}`)}\n`);
      await session.ask(prompt.text);
    }
    io.out.write(`\n${paint.bold('The scripted conversation completed.')}\n`);

    if (args.interactive) await chat(session, io, paint.bold('you> '));
    if (args.web) {
      io.out.write(`\nThe demo page is at ${paint.bold(stack.url)} — open it in a browser; Ctrl+C stops.\n`);
      await untilAborted(io.signal);
    }
    return { mode: mode.kind, turns: session.turns, skipped };
  } finally {
    spinner.stop();
    await stack.close();
  }
}

async function chat(
  session: DemoSession,
  io: { input?: NodeJS.ReadableStream; out: Output },
  prompt: string,
) {
  const rl = createInterface({ input: io.input ?? process.stdin, output: process.stdout, terminal: false });
  io.out.write('\nType a message (empty line or Ctrl+D to finish).\n');
  try {
    for (;;) {
      io.out.write(prompt);
      const line = await rl.question('').catch(() => '');
      if (!line.trim()) break;
      await session.ask(line);
    }
  } finally {
    rl.close();
  }
}

function untilAborted(signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => resolve();
    if (signal?.aborted) return resolve();
    signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
