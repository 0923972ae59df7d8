export { encodeCompletion, encodeDialog, encodeMessages } from './encode-dialog.js';
export type { EncodeCompletionOptions, EncodeDialogOptions } from './encode-dialog.js';
export { encodeContent, encodeMessage } from './encode-message.js';
export { encodeToolCall, encodeToolCalls } from './encode-tool-call.js';
export { augmentMessagesForTools, responseFormatPrompt, toolChoicePrompt } from './augment-messages.js';
export { builtinToolsBlock, dateBlock } from './system-prompt-builtin-tools.js';
export { pythonListToolPrompt, PYTHON_LIST_DEFAULT_SYSTEM_PROMPT } from './system-prompt-python-list.js';
export { jsonToolPrompt } from './system-prompt-json.js';
export { functionTagToolPrompt } from './system-prompt-function-tag.js';
export { formatTodayDate } from './format-date.js';
export { isMultimodalLlama, modelFamilyOf, promptFamilyOf } from './model-family.js';
export type { LlamaModelFamily } from './model-family.js';
export { BUILTIN_TOOLS, isBuiltinTool } from './tool-definition.js';
export type { ToolDefinitionLike, ToolParamLike } from './tool-definition.js';
export { SpecialToken } from './special-tokens.js';
export {
  LLAMA_GUARD_CATEGORIES,
  llamaGuardCategoryLines,
  llamaGuardPrompt,
  llamaGuardRawPrompt,
} from './llama-guard-prompt.js';
export type {
  LlamaGuardCategory,
  LlamaGuardCategoryCode,
  LlamaGuardPromptOptions,
} from './llama-guard-prompt.js';
export { decodeAssistantMessage, splitAssistantText } from './decode-assistant-message.js';
export type { DecodedAssistantMessage, DecodeOptions, DecodeProblem } from './decode-assistant-message.js';
export { extractToolCalls } from './decode-tool-call.js';
export type { ToolCallSyntax } from './decode-tool-call.js';
export { parseBuiltinCalls, parsePythonCallList, parsePythonLiteral } from './python-list-parser.js';
export type { PythonCall, PythonParseResult } from './python-list-parser.js';
export { createStreamDecoder } from './stream-decoder.js';
export type { StreamDecoder } from './stream-decoder.js';
export { pythonJsonDumps, pythonRepr } from './python-literals.js';
