import type { ProvidedTool } from '@llama-stack-ts/api-types';

/** The tool names, toolgroups and parameters as Llama Stack v0.2 names them. */
export const TOOLGROUPS = {
  codeInterpreter: 'builtin::code_interpreter',
  webSearch: 'builtin::websearch',
  wolframAlpha: 'builtin::wolfram_alpha',
  photogen: 'builtin::photogen',
} as const;

export const CODE_INTERPRETER_TOOL: ProvidedTool = {
  name: 'code_interpreter',
  description:
    'Run Python 3 code in a sandbox without network access and return its output. ' +
    'numpy and matplotlib are available; plots are returned as images. Files attached to the conversation ' +
    'are in the working directory, and files written there stay for the rest of the session.',
  parameters: [
    { name: 'code', parameter_type: 'string', description: 'The code to execute', required: true },
  ],
  toolgroup_id: TOOLGROUPS.codeInterpreter,
  builtin_name: 'code_interpreter',
};

export const WEB_SEARCH_TOOL: ProvidedTool = {
  name: 'web_search',
  description: 'Search the web for information',
  parameters: [
    { name: 'query', parameter_type: 'string', description: 'The query to search for', required: true },
  ],
  toolgroup_id: TOOLGROUPS.webSearch,
  builtin_name: 'brave_search',
};

export const WOLFRAM_ALPHA_TOOL: ProvidedTool = {
  name: 'wolfram_alpha',
  description: 'Query WolframAlpha for computational knowledge',
  parameters: [
    { name: 'query', parameter_type: 'string', description: 'The query to compute', required: true },
  ],
  toolgroup_id: TOOLGROUPS.wolframAlpha,
  builtin_name: 'wolfram_alpha',
};

export const PHOTOGEN_TOOL: ProvidedTool = {
  name: 'photogen',
  description: 'Generate an image from a text description',
  parameters: [
    {
      name: 'query',
      parameter_type: 'string',
      description: 'A description of the image to generate',
      required: true,
    },
  ],
  toolgroup_id: TOOLGROUPS.photogen,
  builtin_name: 'photogen',
};

/** Whether an invocation's tool name means this tool (its own name or its Llama builtin name). */
export function matchesTool(tool: ProvidedTool, toolName: string): boolean {
  return toolName === tool.name || (tool.builtin_name !== undefined && toolName === tool.builtin_name);
}
