import {
  type ChatCompletionRequest,
  type ContentItem,
  InvalidRequestError,
  type JsonObject,
  type Message,
  type ResponseFormat,
  type SamplingParams,
  type ToolDefinition,
  type ToolParamDefinition,
} from '@llama-stack-ts/api-types';
import { z } from 'zod';

const TextPart = z.object({ type: z.literal('text'), text: z.string() });
const ImagePart = z.object({
  type: z.literal('image_url'),
  image_url: z.object({ url: z.string().min(1), detail: z.string().optional() }),
});
const ContentPart = z.discriminatedUnion('type', [TextPart, ImagePart]);
const Content = z.union([z.string(), z.array(ContentPart)]);

const OpenAiToolCall = z.object({
  id: z.string().min(1),
  type: z.literal('function').default('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string().default('{}') }),
});

const OpenAiMessage = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: Content }),
  z.object({ role: z.literal('developer'), content: Content }),
  z.object({ role: z.literal('user'), content: Content }),
  z.object({
    role: z.literal('assistant'),
    content: Content.nullish(),
    tool_calls: z.array(OpenAiToolCall).optional(),
  }),
  z.object({ role: z.literal('tool'), tool_call_id: z.string().min(1), content: Content }),
]);

const OpenAiTool = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const OpenAiResponseFormat = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text') }),
  z.object({ type: z.literal('json_object') }),
  z.object({
    type: z.literal('json_schema'),
    json_schema: z.object({
      name: z.string().optional(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

/** The subset of OpenAI's chat completion request that maps onto a Llama Stack chat completion. */
export const OpenAiChatRequest = z.object({
  model: z.string().min(1),
  messages: z.array(OpenAiMessage).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  tools: z.array(OpenAiTool).optional(),
  tool_choice: z
    .union([
      z.enum(['auto', 'none', 'required']),
      z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
    ])
    .optional(),
  response_format: OpenAiResponseFormat.optional(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  stop: z.union([z.string(), z.array(z.string())]).nullish(),
  n: z.number().int().min(1).max(1, 'only n = 1 is supported').nullish(),
});
export type OpenAiChatRequest = z.infer<typeof OpenAiChatRequest>;

type OpenAiContent = z.infer<typeof Content>;

function textOf(content: OpenAiContent | null | undefined): string {
  if (content == null) return '';
  if (typeof content === 'string') return content;
  return content.map((part) => (part.type === 'text' ? part.text : '')).join('');
}

function contentItems(content: OpenAiContent): string | ContentItem[] {
  if (typeof content === 'string') return content;
  return content.map((part): ContentItem => {
    if (part.type === 'text') return { type: 'text', text: part.text };
    const dataUrl = part.image_url.url.match(/^data:[^;,]*;base64,(.*)$/s);
    return dataUrl
      ? { type: 'image', image: { data: dataUrl[1]! } }
      : { type: 'image', image: { url: { uri: part.image_url.url } } };
  });
}

function parseArguments(text: string, where: string): JsonObject {
  try {
    const value: unknown = JSON.parse(text === '' ? '{}' : text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as JsonObject;
  } catch {
    // reported below
  }
  throw new InvalidRequestError(
    `Invalid value for ${where}: tool call arguments must be a JSON object`,
    where,
  );
}

function toMessage(message: z.infer<typeof OpenAiMessage>, index: number): Message {
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: 'system', content: textOf(message.content) };
    case 'user':
      return { role: 'user', content: contentItems(message.content) };
    case 'tool':
      return { role: 'tool', call_id: message.tool_call_id, content: textOf(message.content) };
    case 'assistant':
      return {
        role: 'assistant',
        content: textOf(message.content),
        stop_reason: 'end_of_turn',
        tool_calls: (message.tool_calls ?? []).map((call, callIndex) => ({
          call_id: call.id,
          tool_name: call.function.name,
          arguments: parseArguments(
            call.function.arguments,
            `messages[${index}].tool_calls[${callIndex}].function.arguments`,
          ),
          arguments_json: call.function.arguments,
        })),
      };
  }
}

/** JSON Schema `parameters` → Llama Stack's flat parameter map (nested schemas keep their type name only). */
function toolDefinition(tool: z.infer<typeof OpenAiTool>): ToolDefinition {
  const schema = (tool.function.parameters ?? {}) as {
    properties?: Record<string, { type?: unknown; description?: unknown; default?: unknown }>;
    required?: unknown;
  };
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  const parameters: Record<string, ToolParamDefinition> = {};
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const type = Array.isArray(property.type) ? property.type.find((t) => t !== 'null') : property.type;
    parameters[name] = {
      param_type: typeof type === 'string' ? type : 'string',
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
      required: required.has(name),
      ...(property.default !== undefined
        ? { default: property.default as ToolParamDefinition['default'] }
        : {}),
    };
  }
  return {
    tool_name: tool.function.name,
    ...(tool.function.description ? { description: tool.function.description } : {}),
    parameters,
  };
}

function samplingParams(request: OpenAiChatRequest): SamplingParams {
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? 0;
  const stop = request.stop == null ? undefined : Array.isArray(request.stop) ? request.stop : [request.stop];
  const base = { max_tokens: maxTokens, repetition_penalty: 1, ...(stop ? { stop } : {}) };
  if (request.temperature === 0 || (request.temperature == null && request.top_p == null)) {
    return { strategy: { type: 'greedy' }, ...base };
  }
  return {
    strategy: {
      type: 'top_p',
      ...(request.temperature != null ? { temperature: request.temperature } : {}),
      top_p: request.top_p ?? 1,
    },
    ...base,
  };
}

function responseFormat(request: OpenAiChatRequest): ResponseFormat | undefined {
  const format = request.response_format;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') return { type: 'json_schema', json_schema: { type: 'object' } };
  return {
    type: 'json_schema',
    json_schema: (format.json_schema.schema ?? { type: 'object' }) as JsonObject,
  };
}

/** An OpenAI chat completion request as the Llama Stack request the inference provider takes. */
export function chatRequestFromOpenAi(request: OpenAiChatRequest): ChatCompletionRequest {
  const choice = request.tool_choice;
  const toolChoice =
    choice === undefined ? undefined : typeof choice === 'string' ? choice : choice.function.name;
  // As Llama Stack does: `none` takes the tools out of the prompt rather than asking the model not to call them.
  const tools = toolChoice === 'none' ? [] : (request.tools ?? []).map(toolDefinition);
  if (
    typeof choice === 'object' &&
    !(request.tools ?? []).some((tool) => tool.function.name === choice.function.name)
  ) {
    throw new InvalidRequestError(
      `Invalid value for tool_choice: ${choice.function.name} is not one of the tools in the request`,
      'tool_choice',
    );
  }
  const format = responseFormat(request);
  return {
    model_id: request.model,
    messages: request.messages.map(toMessage),
    sampling_params: samplingParams(request),
    tools,
    ...(toolChoice && toolChoice !== 'none'
      ? { tool_config: { tool_choice: toolChoice, system_message_behavior: 'append' } }
      : {}),
    ...(format ? { response_format: format } : {}),
    stream: request.stream ?? false,
  };
}
