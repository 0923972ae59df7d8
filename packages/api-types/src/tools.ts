import { z } from 'zod';
import { InterleavedContent } from './content.js';
import { JsonObject, JsonValue } from './json.js';

export const BuiltinTool = z.enum(['brave_search', 'wolfram_alpha', 'photogen', 'code_interpreter']);
export type BuiltinTool = z.infer<typeof BuiltinTool>;

export const ToolCall = z.object({
  call_id: z.string(),
  tool_name: z.union([BuiltinTool, z.string()]),
  arguments: z.union([z.string(), JsonObject]),
  arguments_json: z.string().optional(),
});
export type ToolCall = z.infer<typeof ToolCall>;

/** Parameter of a tool definition used in inference requests (keyed by name). */
export const ToolParamDefinition = z.object({
  param_type: z.string(),
  description: z.string().optional(),
  required: z.boolean().default(true),
  default: JsonValue.optional(),
});
export type ToolParamDefinition = z.infer<typeof ToolParamDefinition>;

/** A tool as an inference request offers it to the model. */
export const ToolDefinition = z.object({
  tool_name: z.union([BuiltinTool, z.string()]),
  description: z.string().optional(),
  parameters: z.record(z.string(), ToolParamDefinition).optional(),
});
export type ToolDefinition = z.infer<typeof ToolDefinition>;

/** Parameter of a ToolDef (client tools, tool listings): a list entry with its own name. */
export const ToolParameter = z.object({
  name: z.string().min(1),
  parameter_type: z.string(),
  description: z.string().default(''),
  required: z.boolean().default(true),
  default: JsonValue.optional(),
});
export type ToolParameter = z.infer<typeof ToolParameter>;

/** A tool's definition as agents and the tool runtime describe it (`client_tools`, `GET /v1/tools`). */
export const ToolDef = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  parameters: z.array(ToolParameter).optional(),
  metadata: JsonObject.optional(),
});
export type ToolDef = z.infer<typeof ToolDef>;

export const ToolResponse = z.object({
  call_id: z.string(),
  tool_name: z.union([BuiltinTool, z.string()]),
  content: InterleavedContent,
  metadata: JsonObject.optional(),
});
export type ToolResponse = z.infer<typeof ToolResponse>;

export const Tool = z.object({
  identifier: z.string(),
  provider_resource_id: z.string().optional(),
  provider_id: z.string(),
  toolgroup_id: z.string(),
  type: z.literal('tool').default('tool'),
  description: z.string(),
  parameters: z.array(ToolParameter),
  metadata: JsonObject.optional(),
});
export type Tool = z.infer<typeof Tool>;

export const ToolGroup = z.object({
  identifier: z.string(),
  provider_resource_id: z.string().optional(),
  provider_id: z.string(),
  type: z.literal('tool_group').default('tool_group'),
  mcp_endpoint: z.object({ uri: z.string() }).optional(),
  args: JsonObject.optional(),
});
export type ToolGroup = z.infer<typeof ToolGroup>;

export const InvokeToolRequest = z.object({
  tool_name: z.string().min(1),
  kwargs: JsonObject.default({}),
});
export type InvokeToolRequest = z.infer<typeof InvokeToolRequest>;

export const ToolInvocationResult = z.object({
  content: InterleavedContent.optional(),
  error_message: z.string().optional(),
  error_code: z.number().int().optional(),
  metadata: JsonObject.optional(),
});
export type ToolInvocationResult = z.infer<typeof ToolInvocationResult>;

/** The arguments of a tool call as an object, whichever form it arrived in. */
export function toolCallArguments(call: ToolCall): JsonObject {
  if (typeof call.arguments !== 'string') return call.arguments;
  try {
    const parsed: unknown = JSON.parse(call.arguments);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as JsonObject)
      : {};
  } catch {
    return {};
  }
}
