import { pythonJsonDumps } from './python-literals.js';
import { isRequired, jinjaText, type ToolDefinitionLike } from './tool-definition.js';

/** The Llama 3.1 zero-shot JSON tool prompt (Llama Stack's JsonCustomToolGenerator), sent as a user message. */
export function jsonToolPrompt(tools: readonly ToolDefinitionLike[]): string {
  return (
    "Answer the user's question by making use of the following functions if needed.\n" +
    'If none of the function can be used, please say so.\n' +
    'Here is a list of functions in JSON format:\n' +
    tools.map((tool) => `${functionEntry(tool)}\n`).join('') +
    '\nReturn function calls in JSON format.'
  );
}

function functionEntry(tool: ToolDefinitionLike): string {
  const params = Object.entries(tool.parameters ?? {});
  const required = params.filter(([, param]) => isRequired(param)).map(([name]) => name);
  const properties = params.map(([name, param]) =>
    [
      '                {',
      `                    "${name}": {`,
      '                        "type": "object",',
      `                        "description": "${jinjaText(param.description)}"`,
      '                    }',
      '                }',
    ].join('\n'),
  );
  return [
    '{',
    '    "type": "function",',
    '    "function": {',
    `        "name": "${tool.tool_name}",`,
    `        "description": "${jinjaText(tool.description)}",`,
    '        "parameters": {',
    '            "type": "object",',
    `            "properties": [${properties.length > 0 ? `\n${properties.join(',\n')}` : ''}`,
    '            ],',
    `            "required": ${pythonJsonDumps(required, { sortKeys: true, htmlSafe: true })}`,
    '        }',
    '    }',
    '}',
  ].join('\n');
}
