import {
  type ContentItem,
  contentToText,
  InvalidRequestError,
  type InterleavedContent,
  type Message,
  type ToolCall,
  toolCallArguments,
  type ToolDefinition,
} from '@llama-stack-ts/api-types';

/** A message of Ollama's `/api/chat`. */
export interface OllamaChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content?: string;
  images?: string[];
  tool_calls?: Array<{ function: { name: string; arguments: Record<string, unknown> } }>;
  tool_name?: string;
}

export interface OllamaTool {
  type: 'function';
  function: {
    name: string;
    description: string;
    parameters: { type: 'object'; properties: Record<string, Record<string, unknown>>; required: string[] };
  };
}

/**
 * Messages for `/api/chat` the way Llama Stack's Ollama adapter converts them: a list of content items becomes
 * one message per item (text as `content`, an image as `images: [base64]`); assistant tool calls keep their
 * arguments as objects; a tool result names its tool.
 */
export function ollamaChatMessages(messages: readonly Message[]): OllamaChatMessage[] {
  const toolNames = new Map<string, string>();
  const out: OllamaChatMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'user':
        out.push(...contentMessages(message.role, message.content));
        break;
      case 'assistant': {
        for (const call of message.tool_calls) toolNames.set(call.call_id, call.tool_name);
        out.push({
          role: 'assistant',
          content: contentToText(message.content),
          ...(message.tool_calls.length > 0 ? { tool_calls: message.tool_calls.map(ollamaToolCall) } : {}),
        });
        break;
      }
      case 'tool': {
        const toolName = toolNames.get(message.call_id);
        out.push({
          role: 'tool',
          content: contentToText(message.content),
          ...(toolName ? { tool_name: toolName } : {}),
        });
        break;
      }
    }
  }
  return out;
}

function contentMessages(role: 'system' | 'user', content: InterleavedContent): OllamaChatMessage[] {
  if (typeof content === 'string') return [{ role, content }];
  const items: ContentItem[] = Array.isArray(content) ? content : [content];
  return items.map((item) =>
    item.type === 'text' ? { role, content: item.text } : { role, images: [imageBase64(item.image)] },
  );
}

function imageBase64(image: { url?: { uri: string }; data?: string }): string {
  if (image.data !== undefined) return image.data;
  const uri = image.url?.uri ?? '';
  const dataUrl = /^data:[^;,]*;base64,(.*)$/s.exec(uri);
  if (dataUrl) return dataUrl[1]!;
  throw new InvalidRequestError(
    `Ollama needs the image bytes, not a link (${uri.slice(0, 80)}): pass the image as base64 \`data\` or a data: URL`,
    'messages.content.image',
  );
}

function ollamaToolCall(call: ToolCall): { function: { name: string; arguments: Record<string, unknown> } } {
  return { function: { name: call.tool_name, arguments: toolCallArguments(call) } };
}

const JSON_SCHEMA_TYPES: Record<string, string> = {
  str: 'string',
  string: 'string',
  int: 'integer',
  integer: 'integer',
  float: 'number',
  number: 'number',
  bool: 'boolean',
  boolean: 'boolean',
  list: 'array',
  array: 'array',
  dict: 'object',
  object: 'object',
};

/** The argument builtin tools take when a request names them without parameters. */
const BUILTIN_PARAMETERS: Record<string, { name: string; description: string }> = {
  brave_search: { name: 'query', description: 'The search query' },
  wolfram_alpha: { name: 'query', description: 'The query for Wolfram Alpha' },
  photogen: { name: 'query', description: 'A description of the image to generate' },
  code_interpreter: { name: 'code', description: 'Python code to run' },
};

/** Tool definitions as Ollama's native `tools` (JSON Schema parameters). */
export function ollamaTools(tools: readonly ToolDefinition[]): OllamaTool[] {
  return tools.map((tool) => {
    const properties: Record<string, Record<string, unknown>> = {};
    const required: string[] = [];
    const parameters = tool.parameters ?? builtinParameters(tool.tool_name);
    for (const [name, parameter] of Object.entries(parameters)) {
      properties[name] = {
        type: JSON_SCHEMA_TYPES[parameter.param_type] ?? parameter.param_type,
        ...(parameter.description ? { description: parameter.description } : {}),
        ...(parameter.default !== undefined ? { default: parameter.default } : {}),
      };
      if (parameter.required !== false) required.push(name);
    }
    return {
      type: 'function',
      function: {
        name: tool.tool_name,
        description: tool.description ?? '',
        parameters: { type: 'object', properties, required },
      },
    };
  });
}

function builtinParameters(toolName: string): NonNullable<ToolDefinition['parameters']> {
  const builtin = BUILTIN_PARAMETERS[toolName];
  return builtin
    ? { [builtin.name]: { param_type: 'string', description: builtin.description, required: true } }
    : {};
}
