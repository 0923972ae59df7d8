import { InvalidRequestError, type ToolConfig, type ToolDefinition } from '@llama-stack-ts/api-types';

/**
 * What Llama Stack's inference router does with tool_choice before the provider sees the request:
 * `none` strips the tools, `auto` and `required` pass them through, a tool name must be one of them.
 * The `required` / named instruction line is part of the prompt the provider renders from tool_config.
 */
export function toolsForChoice(tools: readonly ToolDefinition[], toolConfig: ToolConfig): ToolDefinition[] {
  const choice = toolConfig.tool_choice;
  if (choice === 'none') return [];
  if (choice === 'auto' || choice === 'required') return [...tools];
  const names = tools.map((tool) => tool.tool_name);
  if (!names.includes(choice)) {
    throw new InvalidRequestError(
      `Tool choice ${choice} is not one of the tools: ${names.join(', ') || 'none'}. Name a tool the agent offers, or use auto, required or none.`,
      'tool_config.tool_choice',
    );
  }
  return [...tools];
}
