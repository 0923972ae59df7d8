import { parseArgs } from 'node:util';
import { InvalidRequestError } from '@llama-stack-ts/api-types';

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'serve'; config?: string; port?: number; host?: string; dataDir?: string };

export const HELP_TEXT = `llama-stack-ts: the Llama Stack HTTP API (agents, safety, tools, inference) and an
OpenAI-compatible chat endpoint, on Ollama.

Usage:
  llama-stack-ts serve [--config run.yaml] [--port 8321] [--host 127.0.0.1] [--data-dir DIR]
  llama-stack-ts --version
  llama-stack-ts --help

Options:
  -c, --config PATH    run.yaml to use. Without one: Ollama at $OLLAMA_URL (default
                       http://127.0.0.1:11434), Llama Guard when llama-guard3:1b is pulled,
                       the builtin tools whose requirements are met, SQLite in the data dir.
  -p, --port N         Port to listen on (default: server.port, else 8321; 0 picks a free one).
      --host HOST      Address to bind (default: server.host, else 127.0.0.1).
      --data-dir DIR   Where the SQLite file and stored files live
                       (default: $LLAMA_STACK_TS_DATA_DIR, else ~/.llama-stack-ts).
  -v, --version        Print the version.
  -h, --help           Print this help.

Environment:
  OLLAMA_URL, LLAMA_STACK_TS_DATA_DIR, and any \${env.NAME} your run.yaml refers to.

Try it:
  ollama pull llama3.2:3b && llama-stack-ts serve
  curl http://127.0.0.1:8321/v1/models
`;

export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new InvalidRequestError(`${(error as Error).message}. Run llama-stack-ts --help for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };
  const [command = 'serve', ...rest] = positionals;
  if (command === 'help') return { kind: 'help' };
  if (command !== 'serve' || rest.length > 0) {
    throw new InvalidRequestError(
      `Unknown command: ${positionals.join(' ')}. Run llama-stack-ts --help for usage.`,
    );
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) {
      throw new InvalidRequestError(`--port must be a number from 0 to 65535, got ${values.port}`, 'port');
    }
  }
  return {
    kind: 'serve',
    ...(values.config ? { config: values.config } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(values.host ? { host: values.host } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      version: { type: 'boolean', short: 'v' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}
