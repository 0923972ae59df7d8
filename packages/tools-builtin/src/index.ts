export {
  BuiltinToolsConfig,
  CodeInterpreterConfig,
  CodeInterpreterLimits,
  PhotogenConfig,
  type ResolvedBuiltinToolsConfig,
  type ResolvedCodeInterpreterConfig,
  type ResolvedCodeInterpreterLimits,
  type ResolvedPhotogenConfig,
  type ResolvedWebSearchConfig,
  type ResolvedWolframAlphaConfig,
  WebSearchConfig,
  WolframAlphaConfig,
} from './config.js';
export {
  type BuiltinTools,
  type CreateBuiltinToolsOptions,
  createBuiltinTools,
  type UnavailableTool,
} from './create-builtin-tools.js';
export {
  CODE_INTERPRETER_TOOL,
  matchesTool,
  PHOTOGEN_TOOL,
  TOOLGROUPS,
  WEB_SEARCH_TOOL,
  WOLFRAM_ALPHA_TOOL,
} from './tool-definitions.js';
export {
  CodeInterpreterProvider,
  type CodeInterpreterProviderOptions,
} from './code-interpreter/code-interpreter-provider.js';
export { INSTALL_HINT, type SandboxCapabilities } from './code-interpreter/check-sandbox.js';
export { WebSearchProvider, type WebSearchProviderOptions } from './web-search/web-search-provider.js';
export { cleanBraveResponse, type CleanedBraveResponse } from './web-search/clean-brave-response.js';
export { cleanTavilyResponse, type CleanedTavilyResponse } from './web-search/clean-tavily-response.js';
export {
  WolframAlphaProvider,
  type WolframAlphaProviderOptions,
} from './wolfram-alpha/wolfram-alpha-provider.js';
export { cleanWolframResponse } from './wolfram-alpha/clean-wolfram-response.js';
export { PhotogenProvider, type PhotogenProviderOptions } from './photogen/photogen-provider.js';
export { fileContentUrl } from './shared/store-image.js';
export { pythonJsonDumps } from './shared/python-json.js';
export type { FetchFunction } from './shared/fetch-json.js';
export type { ToolErrorCode } from './shared/tool-results.js';
