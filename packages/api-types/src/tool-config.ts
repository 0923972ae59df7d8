import { z } from 'zod';
import { JsonObject } from './json.js';

export const ToolChoice = z.union([z.enum(['auto', 'required', 'none']), z.string().min(1)]);
export type ToolChoice = z.infer<typeof ToolChoice>;

export const ToolPromptFormat = z.enum(['json', 'function_tag', 'python_list']);
export type ToolPromptFormat = z.infer<typeof ToolPromptFormat>;

export const SystemMessageBehavior = z.enum(['append', 'replace']);
export type SystemMessageBehavior = z.infer<typeof SystemMessageBehavior>;

export const ToolConfig = z.object({
  tool_choice: ToolChoice.default('auto'),
  tool_prompt_format: ToolPromptFormat.optional(),
  system_message_behavior: SystemMessageBehavior.default('append'),
});
export type ToolConfig = z.infer<typeof ToolConfig>;

export const JsonSchemaResponseFormat = z.object({
  type: z.literal('json_schema'),
  json_schema: JsonObject,
});
export const GrammarResponseFormat = z.object({
  type: z.literal('grammar'),
  bnf: JsonObject,
});
export const ResponseFormat = z.discriminatedUnion('type', [JsonSchemaResponseFormat, GrammarResponseFormat]);
export type ResponseFormat = z.infer<typeof ResponseFormat>;
