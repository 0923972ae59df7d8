import type { BuiltinTool, JsonValue } from '@llama-stack-ts/api-types';

export const BUILTIN_TOOLS: readonly BuiltinTool[] = [
  'brave_search',
  'wolfram_alpha',
  'photogen',
  'code_interpreter',
];

export function isBuiltinTool(name: string): name is BuiltinTool {
  return (BUILTIN_TOOLS as readonly string[]).includes(name);
}

/** A parameter as an inference request describes it; `required` defaults to true. */
export interface ToolParamLike {
  param_type: string;
  description?: string | undefined;
  required?: boolean | undefined;
  default?: JsonValue | undefined;
}

/**
 * A tool offered to the model (api-types' `ToolDefinition`, with `required` optional). A `tool_name` of
 * `brave_search`, `wolfram_alpha`, `photogen` or `code_interpreter` is the builtin tool.
 */
export interface ToolDefinitionLike {
  tool_name: string;
  description?: string | undefined;
  parameters?: Record<string, ToolParamLike> | undefined;
}

export function splitTools(tools: readonly ToolDefinitionLike[]): {
  builtin: ToolDefinitionLike[];
  custom: ToolDefinitionLike[];
} {
  return {
    builtin: tools.filter((tool) => isBuiltinTool(tool.tool_name)),
    custom: tools.filter((tool) => !isBuiltinTool(tool.tool_name)),
  };
}

export function isRequired(param: ToolParamLike): boolean {
  return param.required ?? true;
}

/** How jinja prints a missing value: Python's `None`. Llama Stack's templates leave it so. */
export function jinjaText(value: string | undefined): string {
  return value ?? 'None';
}
