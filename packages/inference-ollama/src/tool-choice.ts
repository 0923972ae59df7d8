import type {
  ChatCompletionRequest,
  SystemMessageBehavior,
  ToolChoice,
  ToolPromptFormat,
} from '@llama-stack-ts/api-types';

export interface EffectiveToolConfig {
  toolChoice: ToolChoice;
  toolPromptFormat?: ToolPromptFormat;
  systemMessageBehavior: SystemMessageBehavior;
}

/**
 * `tool_config` wins over the deprecated top-level `tool_choice` / `tool_prompt_format`, except that a
 * `tool_config` left at its default `auto` does not hide an explicit top-level `tool_choice`.
 */
export function effectiveToolConfig(request: ChatCompletionRequest): EffectiveToolConfig {
  const config = request.tool_config;
  const configured = config?.tool_choice;
  const toolChoice = configured && configured !== 'auto' ? configured : (request.tool_choice ?? 'auto');
  const toolPromptFormat = config?.tool_prompt_format ?? request.tool_prompt_format;
  return {
    toolChoice,
    ...(toolPromptFormat ? { toolPromptFormat } : {}),
    systemMessageBehavior: config?.system_message_behavior ?? 'append',
  };
}
