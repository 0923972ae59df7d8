import { isStackError } from '@llama-stack-ts/api-types';
import { loadConfigFile, validateConfig } from '../config/load-config.js';
import { startServer } from '../server/start-server.js';
import { SERVER_VERSION } from '../version.js';
import { HELP_TEXT, parseCliArgs } from './cli-args.js';
import { bannerFacts, startupBanner } from './startup-banner.js';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Stops `serve` like SIGTERM does (for embedding and tests). */
  stop?: AbortSignal;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
};

/** Runs the CLI; resolves with the exit code (serve resolves once the server stopped on SIGINT/SIGTERM). */
export async function runCli(argv: readonly string[], io: CliIo = defaultIo): Promise<number> {
  try {
    const command = parseCliArgs(argv);
    if (command.kind === 'help') {
      io.out(HELP_TEXT);
      return 0;
    }
    if (command.kind === 'version') {
      io.out(SERVER_VERSION);
      return 0;
    }
    const config = command.config
      ? await loadConfigFile(command.config, { env: io.env })
      : validateConfig({}, 'defaults');
    const server = await startServer(config, {
      env: io.env,
      ...(command.port !== undefined ? { port: command.port } : {}),
      ...(command.host ? { host: command.host } : {}),
      ...(command.dataDir ? { dataDir: command.dataDir } : {}),
    });
    io.err(startupBanner(await bannerFacts(server, SERVER_VERSION)));
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        io.err(
          `\n${signal}: stopping (running turns get ${server.config.server.shutdown_timeout_ms} ms to finish)…`,
        );
        process.off('SIGINT', onSigint);
        process.off('SIGTERM', onSigterm);
        void server.close().then(resolve);
      };
      const onSigint = () => stop('SIGINT');
      const onSigterm = () => stop('SIGTERM');
      process.on('SIGINT', onSigint);
      process.on('SIGTERM', onSigterm);
      if (io.stop?.aborted) stop('stop');
      else io.stop?.addEventListener('abort', () => stop('stop'), { once: true });
    });
    io.err('stopped');
    return 0;
  } catch (error) {
    io.err(
      isStackError(error) ? `error: ${error.message}` : `error: ${(error as Error).stack ?? String(error)}`,
    );
    return 1;
  }
}
