import type { FileStore, ToolProvider } from '@llama-stack-ts/api-types';
import { createBuiltinTools } from '@llama-stack-ts/tools-builtin';
import type { Logger } from 'pino';
import type { RunConfig } from '../config/run-config.js';
import { providerLogger } from '../logging/create-logger.js';
import type { DisabledComponent } from './stack.js';

export interface BuiltTools {
  providers: ToolProvider[];
  notes: string[];
  dispose(): Promise<void>;
}

/** The builtin tools whose requirements are met; the others go to `disabled` with the reason. */
export async function buildTools(
  config: RunConfig,
  files: FileStore | undefined,
  disabled: DisabledComponent[],
  options: { logger: Logger; signal?: AbortSignal },
): Promise<BuiltTools> {
  const tools = await createBuiltinTools(
    {
      ...withPublicUrl(config.providers.tools, config.server.public_url),
      ...(files ? { fileStore: files } : {}),
      logger: providerLogger(options.logger),
    },
    options.signal ? { signal: options.signal } : {},
  );
  for (const item of tools.unavailable) {
    disabled.push({
      component: `tool ${item.tool} (${item.toolgroup_id})`,
      reason: runYamlKeys(item.reason),
    });
  }
  return { providers: tools.providers, notes: tools.notes.map(runYamlKeys), dispose: () => tools.dispose() };
}

/** Tools that hand out file URLs use the server's public URL unless their own section sets one. */
function withPublicUrl(tools: RunConfig['providers']['tools'], publicUrl: string | undefined) {
  if (!publicUrl) return tools;
  const base = publicUrl.replace(/\/+$/, '');
  const codeInterpreter = tools.codeInterpreter;
  return {
    ...tools,
    codeInterpreter: { ...codeInterpreter, publicBaseUrl: codeInterpreter?.publicBaseUrl || base },
    ...(tools.photogen
      ? { photogen: { ...tools.photogen, publicBaseUrl: tools.photogen.publicBaseUrl || base } }
      : {}),
  };
}

const snake = (name: string) => name.replace(/[A-Z]/g, (char) => `_${char.toLowerCase()}`);

/** tools-builtin names its options in camelCase (`webSearch.apiKey`); run.yaml spells them `providers.tools.web_search.api_key`. */
function runYamlKeys(text: string): string {
  return text.replace(
    /\b(codeInterpreter|webSearch|wolframAlpha|photogen)((?:\.[A-Za-z]+)*)/g,
    (_match, section: string, rest: string) => `providers.tools.${snake(section)}${snake(rest)}`,
  );
}
