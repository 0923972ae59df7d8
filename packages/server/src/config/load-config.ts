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

function configErrorFromZod(error: z.ZodError, source: string): ConfigError {
  const lines = error.issues.map((issue) => {
    const key = formatIssuePath(issue.path) || '(root)';
    return `${key}: ${issue.message}`;
  });
  return new ConfigError(`${source}: invalid config\n  ${lines.join('\n  ')}`, {
    cause: error,
    details: {
      issues: error.issues.map((issue) => ({ key: formatIssuePath(issue.path), message: issue.message })),
    },
  });
}
