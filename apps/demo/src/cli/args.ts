import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_MODEL, DEFAULT_SHIELD_MODEL } from '../demo-script.js';

export interface DemoArgs {
  help: boolean;
  web: boolean;
  interactive: boolean;
  offline: boolean;
  noColor: boolean;
  serverUrl?: string;
  apiKey?: string;
  ollamaUrl: string;
  model: string;
  shieldModel: string;
  port: number;
  host: string;
  outDir: string;
}

export const HELP = `Usage: pnpm demo [options]

Runs a full llama-stack-ts agent session: Llama Guard shields, streaming, the code interpreter drawing a plot,
a client tool with resume, and an unsafe request refused. Live on Ollama when it has the model; otherwise
offline on real recorded model traffic.

Options:
  --web                 also serve the demo web page and keep running (Ctrl+C stops)
  --interactive         after the scripted conversation, read your own messages (live mode)
  --offline             replay recordings even when Ollama is running
  --server URL          use a running llama-stack-ts (or Llama Stack) server instead of starting one
  --api-key KEY         bearer key for --server (also LLAMA_STACK_API_KEY)
  --model NAME          model to use live (default ${DEFAULT_MODEL})
  --shield-model NAME   Llama Guard model (default ${DEFAULT_SHIELD_MODEL})
  --port N              port of the in-process server (default: a free one; 8321 with --web)
  --host HOST           host of the in-process server (default 127.0.0.1)
  --out DIR             where images are saved (default ./demo-output)
  --no-color            plain output (also NO_COLOR)
  -h, --help            this text

Environment: OLLAMA_URL (default http://127.0.0.1:11434).`;

export function parseDemoArgs(argv: string[], env = process.env): DemoArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      help: { type: 'boolean', short: 'h', default: false },
      web: { type: 'boolean', default: false },
      interactive: { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
      'no-color': { type: 'boolean', default: false },
      server: { type: 'string' },
      'api-key': { type: 'string' },
      model: { type: 'string' },
      'shield-model': { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? (values.web ? 8321 : 0) : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a port number, got ${values.port}`);
  const apiKey = values['api-key'] ?? env.LLAMA_STACK_API_KEY;
  return {
    help: values.help ?? false,
    web: values.web ?? false,
    interactive: values.interactive ?? false,
    offline: values.offline ?? false,
    noColor: values['no-color'] ?? false,
    ...(values.server ? { serverUrl: values.server } : {}),
    ...(apiKey ? { apiKey } : {}),
    ollamaUrl: env.OLLAMA_URL ?? 'http://127.0.0.1:11434',
    model: values.model ?? DEFAULT_MODEL,
    shieldModel: values['shield-model'] ?? DEFAULT_SHIELD_MODEL,
    port,
    host: values.host ?? '127.0.0.1',
    // pnpm runs scripts in the package folder; INIT_CWD is where the user typed the command.
    outDir: resolve(env.INIT_CWD ?? process.cwd(), values.out ?? 'demo-output'),
  };
}
