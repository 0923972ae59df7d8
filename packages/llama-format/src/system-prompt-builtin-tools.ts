import type { ToolDefinitionLike } from './tool-definition.js';
import { splitTools } from './tool-definition.js';

/**
 * Llama Stack's BuiltinToolGenerator: `Environment: ipython` when any tool is offered, then the builtin
 * names except code_interpreter (which the environment line implies) on a `Tools:` line.
 */
export function builtinToolsBlock(tools: readonly ToolDefinitionLike[]): string {
  const { builtin, custom } = splitTools(tools);
  let block = builtin.length > 0 || custom.length > 0 ? 'Environment: ipython\n' : '';
  const listed = builtin.map((tool) => tool.tool_name).filter((name) => name !== 'code_interpreter');
  if (listed.length > 0) block += `Tools: ${listed.join(', ').trim()}`;
  return block;
}

/** Llama Stack's SystemDefaultGenerator: the knowledge cut-off and today's date. */
export function dateBlock(today: string): string {
  return `Cutting Knowledge Date: December 2023\nToday Date: ${today}`;
}
