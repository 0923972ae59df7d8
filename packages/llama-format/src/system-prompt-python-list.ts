import type { JsonValue } from '@llama-stack-ts/api-types';
import { pythonJsonDumps, pythonStr } from './python-literals.js';
import { isRequired, jinjaText, type ToolDefinitionLike } from './tool-definition.js';

/** Where a replacing system prompt wants the function list (`system_message_behavior: replace`). */
export const FUNCTION_DESCRIPTION_PLACEHOLDER = /\{\{\s*function_(?:description|definitions)\s*\}\}/g;

export const PYTHON_LIST_DEFAULT_SYSTEM_PROMPT =
  'You are a helpful assistant. You have access to functions, but you should only use them if they are required.\n' +
  'You are an expert in composing functions. You are given a question and a set of possible functions.\n' +
  'Based on the question, you may or may not need to make one function/tool call to achieve the purpose.\n\n' +
  '{{ function_description }}';

/**
 * The Llama 3.2 / 3.3 tool system prompt (Llama Stack's PythonListCustomToolGenerator). A caller's
 * system prompt replaces the default text when given; `{{ function_description }}` in it marks where the
 * function list goes.
 */
export function pythonListToolPrompt(tools: readonly ToolDefinitionLike[], systemPrompt?: string): string {
  const template = systemPrompt || PYTHON_LIST_DEFAULT_SYSTEM_PROMPT;
  const description = pythonListFunctionDescription(tools);
  return template.replace(FUNCTION_DESCRIPTION_PLACEHOLDER, () => description);
}

export function pythonListFunctionDescription(tools: readonly ToolDefinitionLike[]): string {
  return (
    'If you decide to invoke any of the function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]\n' +
    'If you decide to invoke a function, you SHOULD NOT include any other text in the response. besides the function call in the above format.\n' +
    'For a boolean parameter, be sure to use `True` or `False` (capitalized) for the value.\n\n\n' +
    'Here is a list of functions in JSON format that you can invoke.\n\n' +
    `[\n${tools.map(functionEntry).join(',\n')}\n]\n\n` +
    'You can answer general questions or invoke tools when necessary.\n' +
    'In addition to tool calls, you should also augment your responses by using the tool outputs.'
  );
}

/** One function, laid out by hand as the template does (jinja would sort the keys). */
function functionEntry(tool: ToolDefinitionLike): string {
  const params = Object.entries(tool.parameters ?? {});
  const required = params.filter(([, param]) => isRequired(param)).map(([name]) => name);
  const properties = params.map(([name, param]) => {
    const lines = [
      `                "${name}": {`,
      `                    "type": "${param.param_type}",`,
      `                    "description": "${jinjaText(param.description)}"`,
    ];
    // The template tests `{% if param.default %}`: Python-falsy defaults (False, 0, '', [], None) are left out.
    if (param.default !== undefined && pythonTruthy(param.default)) {
      lines[2] += ',';
      lines.push(`                    "default": "${pythonStr(param.default)}"`);
    }
    lines.push('                }');
    return lines.join('\n');
  });
  return [
    '    {',
    `        "name": "${tool.tool_name}",`,
    `        "description": "${jinjaText(tool.description)}",`,
    '        "parameters": {',
    '            "type": "dict",',
    `            "required": ${pythonJsonDumps(required, { sortKeys: true, htmlSafe: true })},`,
    `            "properties": {${properties.length > 0 ? `\n${properties.join(',\n')}` : ''}`,
    '            }',
    '        }',
    '    }',
  ].join('\n');
}

function pythonTruthy(value: JsonValue): boolean {
  if (value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
