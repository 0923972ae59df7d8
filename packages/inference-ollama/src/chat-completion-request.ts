import { ChatCompletionRequest, parseOrThrow } from '@llama-stack-ts/api-types';

/**
 * The request as the provider reads it. A request that already has the parsed shape (every default filled
 * in, every field valid, no unknown field: what ChatCompletionRequest.parse returns, or what a runtime builds
 * from parsed parts) is used as it is; anything else goes through zod, which fills in the defaults or throws
 * an InvalidRequestError naming the first invalid field. Parsing with zod costs tens of µs per request and
 * grows with the history; the check below costs about a microsecond.
 */
export function chatCompletionRequestOf(value: unknown): ChatCompletionRequest {
  return isParsedChatCompletionRequest(value) ? value : parseOrThrow(ChatCompletionRequest, value);
}

/**
 * The fields each object of a parsed request may have, as in api-types' schemas (a test keeps them equal).
 * The check says yes only when zod would return an equal value, so anything it does not know goes to zod.
 */
export const PARSED_SHAPES = {
  request: [
    'model_id',
    'messages',
    'sampling_params',
    'tools',
    'tool_choice',
    'tool_prompt_format',
    'tool_config',
    'response_format',
    'stream',
    'logprobs',
  ],
  samplingParams: ['strategy', 'max_tokens', 'repetition_penalty', 'stop'],
  greedy: ['type'],
  topP: ['type', 'temperature', 'top_p'],
  topK: ['type', 'top_k'],
  toolDefinition: ['tool_name', 'description', 'parameters'],
  toolParam: ['param_type', 'description', 'required', 'default'],
  toolConfig: ['tool_choice', 'tool_prompt_format', 'system_message_behavior'],
  jsonSchemaFormat: ['type', 'json_schema'],
  grammarFormat: ['type', 'bnf'],
  logprobs: ['top_k'],
  userMessage: ['role', 'content', 'context'],
  systemMessage: ['role', 'content'],
  toolMessage: ['role', 'call_id', 'content'],
  assistantMessage: ['role', 'content', 'stop_reason', 'tool_calls'],
  textItem: ['type', 'text'],
  imageItem: ['type', 'image'],
  imageSource: ['url', 'data'],
  url: ['uri'],
  toolCall: ['call_id', 'tool_name', 'arguments', 'arguments_json'],
} as const satisfies Record<string, readonly string[]>;

type Shape = (typeof PARSED_SHAPES)[keyof typeof PARSED_SHAPES];
type Fields = { readonly [key: string]: unknown };

const MAX_JSON_DEPTH = 64;
const TOOL_PROMPT_FORMATS: readonly unknown[] = ['json', 'function_tag', 'python_list'];
const SYSTEM_MESSAGE_BEHAVIORS: readonly unknown[] = ['append', 'replace'];
const STOP_REASONS: readonly unknown[] = ['end_of_turn', 'end_of_message', 'out_of_tokens'];

/** Whether `value` is a ChatCompletionRequest exactly as zod would output it. */
export function isParsedChatCompletionRequest(value: unknown): value is ChatCompletionRequest {
  if (!isObjectOf(value, PARSED_SHAPES.request)) return false;
  return (
    nonEmptyString(value.model_id) &&
    nonEmptyArrayOf(value.messages, isMessage) &&
    isSamplingParams(value.sampling_params) &&
    arrayOf(value.tools, isToolDefinition) &&
    optional(value.tool_choice, nonEmptyString) &&
    optional(value.tool_prompt_format, (format) => TOOL_PROMPT_FORMATS.includes(format)) &&
    optional(value.tool_config, isToolConfig) &&
    optional(value.response_format, isResponseFormat) &&
    typeof value.stream === 'boolean' &&
    optional(
      value.logprobs,
      (logprobs) => isObjectOf(logprobs, PARSED_SHAPES.logprobs) && count(logprobs.top_k, 0),
    )
  );
}

function isMessage(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  switch (value.role) {
    case 'user':
      return (
        onlyFields(value, PARSED_SHAPES.userMessage) &&
        isInterleaved(value.content) &&
        optional(value.context, isInterleaved)
      );
    case 'system':
      return onlyFields(value, PARSED_SHAPES.systemMessage) && isInterleaved(value.content);
    case 'tool':
      return (
        onlyFields(value, PARSED_SHAPES.toolMessage) &&
        typeof value.call_id === 'string' &&
        isInterleaved(value.content)
      );
    case 'assistant':
      return (
        onlyFields(value, PARSED_SHAPES.assistantMessage) &&
        isInterleaved(value.content) &&
        STOP_REASONS.includes(value.stop_reason) &&
        arrayOf(value.tool_calls, isToolCall)
      );
    default:
      return false;
  }
}

function isInterleaved(value: unknown): boolean {
  return typeof value === 'string' || isContentItem(value) || arrayOf(value, isContentItem);
}

function isContentItem(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (value.type === 'text')
    return onlyFields(value, PARSED_SHAPES.textItem) && typeof value.text === 'string';
  if (value.type !== 'image' || !onlyFields(value, PARSED_SHAPES.imageItem)) return false;
  const image = value.image;
  return (
    isObjectOf(image, PARSED_SHAPES.imageSource) &&
    (image.url !== undefined || image.data !== undefined) &&
    optional(image.url, (url) => isObjectOf(url, PARSED_SHAPES.url) && typeof url.uri === 'string') &&
    optional(image.data, (data) => typeof data === 'string')
  );
}

function isToolCall(value: unknown): boolean {
  return (
    isObjectOf(value, PARSED_SHAPES.toolCall) &&
    typeof value.call_id === 'string' &&
    typeof value.tool_name === 'string' &&
    (typeof value.arguments === 'string' || isJsonObject(value.arguments, 0)) &&
    optional(value.arguments_json, (json) => typeof json === 'string')
  );
}

function isSamplingParams(value: unknown): boolean {
  return (
    isObjectOf(value, PARSED_SHAPES.samplingParams) &&
    isSamplingStrategy(value.strategy) &&
    count(value.max_tokens, 0) &&
    finiteNumber(value.repetition_penalty) &&
    optional(value.stop, (stop) => arrayOf(stop, (item) => typeof item === 'string'))
  );
}

function isSamplingStrategy(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  switch (value.type) {
    case 'greedy':
      return onlyFields(value, PARSED_SHAPES.greedy);
    case 'top_p':
      return (
        onlyFields(value, PARSED_SHAPES.topP) &&
        optional(value.temperature, (temperature) => finiteNumber(temperature) && temperature >= 0) &&
        finiteNumber(value.top_p) &&
        value.top_p > 0 &&
        value.top_p <= 1
      );
    case 'top_k':
      return onlyFields(value, PARSED_SHAPES.topK) && count(value.top_k, 1);
    default:
      return false;
  }
}

function isToolDefinition(value: unknown): boolean {
  return (
    isObjectOf(value, PARSED_SHAPES.toolDefinition) &&
    typeof value.tool_name === 'string' &&
    optional(value.description, (description) => typeof description === 'string') &&
    optional(
      value.parameters,
      (parameters) => isPlainObject(parameters) && everyValue(parameters, isToolParam),
    )
  );
}

function isToolParam(value: unknown): boolean {
  return (
    isObjectOf(value, PARSED_SHAPES.toolParam) &&
    typeof value.param_type === 'string' &&
    optional(value.description, (description) => typeof description === 'string') &&
    typeof value.required === 'boolean' &&
    optional(value.default, (json) => isJsonValue(json, 0))
  );
}

function isToolConfig(value: unknown): boolean {
  return (
    isObjectOf(value, PARSED_SHAPES.toolConfig) &&
    nonEmptyString(value.tool_choice) &&
    optional(value.tool_prompt_format, (format) => TOOL_PROMPT_FORMATS.includes(format)) &&
    SYSTEM_MESSAGE_BEHAVIORS.includes(value.system_message_behavior)
  );
}

function isResponseFormat(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (value.type === 'json_schema') {
    return onlyFields(value, PARSED_SHAPES.jsonSchemaFormat) && isJsonObject(value.json_schema, 0);
  }
  return (
    value.type === 'grammar' && onlyFields(value, PARSED_SHAPES.grammarFormat) && isJsonObject(value.bnf, 0)
  );
}

function isJsonValue(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object':
      if (value === null) return true;
      if (depth >= MAX_JSON_DEPTH) return false;
      if (Array.isArray(value)) return arrayOf(value, (item) => isJsonValue(item, depth + 1));
      return isJsonObject(value, depth);
    default:
      return false;
  }
}

function isJsonObject(value: unknown, depth: number): boolean {
  return isPlainObject(value) && everyValue(value, (item) => isJsonValue(item, depth + 1));
}

function isPlainObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

function isObjectOf(value: unknown, shape: Shape): value is Fields {
  return isPlainObject(value) && onlyFields(value, shape);
}

function onlyFields(value: Fields, shape: Shape): boolean {
  for (const key in value) if (!(shape as readonly string[]).includes(key)) return false;
  return true;
}

function everyValue(value: Fields, check: (item: unknown) => boolean): boolean {
  for (const key in value) if (!check(value[key])) return false;
  return true;
}

function arrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!check(value[i])) return false;
  return true;
}

function nonEmptyArrayOf(value: unknown, check: (item: unknown) => boolean): boolean {
  return Array.isArray(value) && value.length > 0 && arrayOf(value, check);
}

function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function nonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value.length > 0;
}

function finiteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** An integer zod's `.int().min(least)` accepts. */
function count(value: unknown, least: number): boolean {
  return Number.isSafeInteger(value) && (value as number) >= least;
}
