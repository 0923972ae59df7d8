import type { JsonObject } from '@llama-stack-ts/api-types';
import { pythonJsonDumps } from './python-literals.js';
import { isRequired, jinjaText, type ToolDefinitionLike } from './tool-definition.js';

/**
 * The Llama 3.1 `<function=…>` tool prompt (Llama Stack's FunctionTagCustomToolGenerator), sent as a user
 * message. Parameters are rendered by jinja's `tojson`: sorted keys, HTML-safe escapes, defaults dropped.
 */
export function functionTagToolPrompt(tools: readonly ToolDefinitionLike[]): string {
  const functions = tools.map((tool) => {
    const params: JsonObject = {};
    for (const [name, param] of Object.entries(tool.parameters ?? {})) {
      params[name] = {
        description: param.description ?? null,
        param_type: param.param_type,
        required: isRequired(param),
      };
    }
    const json = pythonJsonDumps(params, { sortKeys: true, htmlSafe: true });
    const description = jinjaText(tool.description);
    return (
      `Use the function '${tool.tool_name}' to '${description}':\n` +
      `{"name": "${tool.tool_name}", "description": "${description}", "parameters": ${json}}\n\n`
    );
  });
  return (
    'You have access to the following functions:\n\n' +
    functions.join('') +
    'Think very carefully before calling functions.\n' +
    'If you choose to call a function ONLY reply in the following format with no prefix or suffix:\n\n' +
    '<function=example_function_name>{"example_name": "example_value"}</function>\n\n' +
    'Reminder:\n' +
    '- If looking for real time information use relevant functions before falling back to brave_search\n' +
    '- Function calls MUST follow the specified format, start with <function= and end with </function>\n' +
    '- Required parameters MUST be specified\n' +
    '- Only call one function at a time\n' +
    '- Put the entire function call reply on one line'
  );
}
