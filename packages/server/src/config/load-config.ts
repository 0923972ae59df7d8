import { readFile } from 'node:fs/promises';
import { ConfigError, formatIssuePath } from '@llama-stack-ts/api-types';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { substituteEnv } from './env-substitution.js';
import { RunConfig, type RunConfigInput } from './run-config.js';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

/** Reads a run.yaml, substitutes `${env.*}` and validates it; errors name the file and the key. */
export async function loadConfigFile(file: string, options: LoadConfigOptions = {}): Promise<RunConfig> {
  let text: string;
  try {
    text = await readFile(file, { encoding: 'utf8', signal: options.signal });
  } catch (error) {
    throw new ConfigError(`${file}: cannot read the config file (${(error as Error).message})`, {
      cause: error,
    });
  }
  return parseConfigText(text, { ...options, source: file });
}

export function parseConfigText(
  text: string,
  options: { env?: NodeJS.ProcessEnv; source?: string } = {},
): RunConfig {
  const source = options.source ?? 'run.yaml';
  const document = parseDocument(text, { prettyErrors: true });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    throw new ConfigError(`${source}: invalid YAML: ${syntaxError.message}`, { cause: syntaxError });
  }
  const raw: unknown = document.toJS() ?? {};
  let substituted: unknown;
  try {
    substituted = substituteEnv(raw, options.env ?? process.env);
  } catch (error) {
    throw new ConfigError(`${source}: ${(error as Error).message}`, { cause: error });
  }
  return validateConfig(substituted as RunConfigInput, source);
}

/** Validates an in-memory config (for `createServer(config)`); `source` names it in errors. */
export function validateConfig(input: RunConfigInput | undefined, source = 'config'): RunConfig {
  const result = RunConfig.safeParse(input ?? {});
  if (result.success) return result.data;
  throw configErrorFromZod(result.error, source);
}

const snakeCase = (key: PropertyKey) =>
  typeof key === 'string' ? key.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`) : key;

/** The key as run.yaml spells it: the tools section is checked in tools-builtin's camelCase. */
function runYamlKey(path: readonly PropertyKey[]): string {
  const spelled = path[0] === 'providers' && path[1] === 'tools' ? path.map(snakeCase) : path;
  return formatIssuePath(spelled);
}

function configErrorFromZod(error: z.ZodError, source: string): ConfigError {
  const lines = error.issues.map((issue) => {
    const key = runYamlKey(issue.path) || '(root)';
    return `${key}: ${issue.message}`;
  });
  return new ConfigError(`${source}: invalid config\n  ${lines.join('\n  ')}`, {
    cause: error,
    details: {
      issues: error.issues.map((issue) => ({ key: runYamlKey(issue.path), message: issue.message })),
    },
  });
}
