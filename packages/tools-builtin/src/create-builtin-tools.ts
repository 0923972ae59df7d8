import type { CallOptions, FileStore, Logger, ToolProvider } from '@llama-stack-ts/api-types';
import { CodeInterpreterProvider } from './code-interpreter/code-interpreter-provider.js';
import { BuiltinToolsConfig } from './config.js';
import { PhotogenProvider } from './photogen/photogen-provider.js';
import type { FetchFunction } from './shared/fetch-json.js';
import { TOOLGROUPS } from './tool-definitions.js';
import { WebSearchProvider } from './web-search/web-search-provider.js';
import { WolframAlphaProvider } from './wolfram-alpha/wolfram-alpha-provider.js';

export interface CreateBuiltinToolsOptions extends BuiltinToolsConfig {
  /** Where plots and generated images go (the server serves them at /v1/files/{id}/content). */
  fileStore?: FileStore;
  fetch?: FetchFunction;
  logger?: Logger;
}

export interface UnavailableTool {
  toolgroup_id: string;
  tool: string;
  reason: string;
}

export interface BuiltinTools {
  /** The tools whose requirements are met, ready to hand to an agent runtime. */
  providers: ToolProvider[];
  codeInterpreter?: CodeInterpreterProvider;
  webSearch?: WebSearchProvider;
  wolframAlpha?: WolframAlphaProvider;
  photogen?: PhotogenProvider;
  /** What could not be enabled and why (print it at startup). */
  unavailable: UnavailableTool[];
  /** Enabled, with something worth knowing (no numpy, keys only per request, images inline). */
  notes: string[];
  /** Removes the code interpreter's work directories. */
  dispose(): Promise<void>;
}

/**
 * Builds every builtin tool the configuration allows and the machine supports. The code interpreter
 * is on unless disabled, and only when its sandbox works; the remote tools are on when their section
 * is configured (their API keys may also arrive per request as provider data).
 */
export async function createBuiltinTools(
  options: CreateBuiltinToolsOptions = {},
  callOptions: CallOptions = {},
): Promise<BuiltinTools> {
  const { fileStore, fetch, logger, ...rest } = options;
  const config = BuiltinToolsConfig.parse(rest);
  const result: BuiltinTools = {
    providers: [],
    unavailable: [],
    notes: [],
    dispose: async () => {
      await result.codeInterpreter?.dispose();
    },
  };
  const shared = { ...(fileStore ? { fileStore } : {}), ...(logger ? { logger } : {}) };

  const codeInterpreterConfig = rest.codeInterpreter ?? {};
  if (config.codeInterpreter?.enabled === false) {
    result.unavailable.push({
      toolgroup_id: TOOLGROUPS.codeInterpreter,
      tool: 'code_interpreter',
      reason: 'disabled in the config (codeInterpreter.enabled: false)',
    });
  } else {
    const provider = new CodeInterpreterProvider({ ...codeInterpreterConfig, ...shared });
    try {
      const capabilities = await provider.check(callOptions);
      result.codeInterpreter = provider;
      result.providers.push(provider);
      const missing = [capabilities.numpy ? '' : 'numpy', capabilities.matplotlib ? '' : 'matplotlib'].filter(
        Boolean,
      );
      if (missing.length > 0) {
        result.notes.push(
          `code_interpreter: Python ${capabilities.pythonVersion} has no ${missing.join(' or ')} ` +
            '(apt-get install python3-numpy python3-matplotlib); plots will not work.',
        );
      }
      if (!fileStore)
        result.notes.push('code_interpreter: no file store, so plots are returned inline as base64.');
    } catch (error) {
      if (callOptions.signal?.aborted) throw error;
      await provider.dispose();
      result.unavailable.push({
        toolgroup_id: TOOLGROUPS.codeInterpreter,
        tool: 'code_interpreter',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }

  if (rest.webSearch) {
    const provider = new WebSearchProvider({ ...rest.webSearch, ...(fetch ? { fetch } : {}) });
    result.webSearch = provider;
    result.providers.push(provider);
    if (!rest.webSearch.apiKey) {
      result.notes.push(
        `web_search (${provider.provider}): no apiKey configured; each request must bring one as provider data.`,
      );
    }
  } else {
    result.unavailable.push({
      toolgroup_id: TOOLGROUPS.webSearch,
      tool: 'web_search',
      reason: 'not configured: set webSearch.provider (brave or tavily) and webSearch.apiKey',
    });
  }

  if (rest.wolframAlpha) {
    const provider = new WolframAlphaProvider({ ...rest.wolframAlpha, ...(fetch ? { fetch } : {}) });
    result.wolframAlpha = provider;
    result.providers.push(provider);
    if (!rest.wolframAlpha.apiKey) {
      result.notes.push('wolfram_alpha: no apiKey configured; each request must bring one as provider data.');
    }
  } else {
    result.unavailable.push({
      toolgroup_id: TOOLGROUPS.wolframAlpha,
      tool: 'wolfram_alpha',
      reason: 'not configured: set wolframAlpha.apiKey (a Wolfram Alpha app id)',
    });
  }

  if (rest.photogen) {
    const provider = new PhotogenProvider({ ...rest.photogen, ...shared, ...(fetch ? { fetch } : {}) });
    result.photogen = provider;
    result.providers.push(provider);
    if (!fileStore) result.notes.push('photogen: no file store, so images are returned inline as base64.');
  } else {
    result.unavailable.push({
      toolgroup_id: TOOLGROUPS.photogen,
      tool: 'photogen',
      reason:
        'not configured: set photogen.baseUrl, photogen.model (and photogen.apiKey) for an OpenAI-compatible images endpoint',
    });
  }

  return result;
}
