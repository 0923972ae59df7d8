import type { ToolChoice } from '@llama-stack-ts/api-types';
import type { ToolDefinitionLike } from '../src/index.js';

/**
 * The tool definitions of the Llama Stack integration tests that produced the recordings, written from the
 * tests' sources (tests/integration/inference/test_text_inference.py, agents/test_agents.py,
 * tool_runtime/test_mcp.py), not copied from the recorded prompts.
 */
export const GET_WEATHER: ToolDefinitionLike = {
  tool_name: 'get_weather',
  description: 'Get the current weather',
  parameters: {
    location: {
      param_type: 'string',
      description: 'The city and state (both required), e.g. San Francisco, CA.',
    },
  },
};

/** The agent tests' client tool (`celcius` spelled so in the tests), a ToolDef turned into a definition. */
export const GET_BOILING_POINT: ToolDefinitionLike = {
  tool_name: 'get_boiling_point',
  description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
  parameters: {
    liquid_name: { param_type: 'str', description: 'The name of the liquid', required: true },
    celcius: {
      param_type: 'bool',
      description: 'Whether to return the boiling point in Celcius',
      required: false,
      default: true,
    },
  },
};

export const GET_BOILING_POINT_WITH_METADATA: ToolDefinitionLike = {
  ...GET_BOILING_POINT,
  tool_name: 'get_boiling_point_with_metadata',
  description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit',
};

export const GET_OBJECT_NAMESPACE_LIST: ToolDefinitionLike = {
  tool_name: 'get_object_namespace_list',
  description: 'Get the list of objects in a namespace',
  parameters: {
    kind: { param_type: 'string', description: 'the type of object', required: true },
    namespace: { param_type: 'string', description: 'the name of the namespace', required: true },
  },
};

/** The MCP test server's tools: descriptions come from Python docstrings, parameters without descriptions. */
const MCP_DOCSTRING_LINES = [
  'Returns the boiling point of a liquid in Celsius or Fahrenheit.',
  '',
  ':param liquid_name: The name of the liquid',
  ':param celsius: Whether to return the boiling point in Celsius',
  ':return: The boiling point of the liquid in Celcius or Fahrenheit',
];

function mcpTools(docstringIndent: string): ToolDefinitionLike[] {
  const docstring = `\n${MCP_DOCSTRING_LINES.map((line) => (line ? docstringIndent + line : line)).join('\n')}\n${docstringIndent}`;
  return [
    {
      tool_name: 'greet_everyone',
      description: '',
      parameters: { url: { param_type: 'string', description: '', required: true } },
    },
    {
      tool_name: 'get_boiling_point',
      description: docstring,
      parameters: {
        liquid_name: { param_type: 'string', description: '', required: true },
        celsius: { param_type: 'boolean', description: '', required: true },
      },
    },
  ];
}

/** Older MCP servers passed the docstring as written (indented); later ones dedented it. */
export const MCP_TOOLS_INDENTED_DOCSTRING = mcpTools('        ');
export const MCP_TOOLS_DEDENTED_DOCSTRING = mcpTools('');

export interface DialogScenario {
  name: string;
  /** The agent's instructions or the request's system message, if any. */
  system?: string;
  tools: ToolDefinitionLike[];
  toolChoice?: ToolChoice;
}

const HELPFUL = 'You are a helpful assistant';
const WEATHER = 'Pretend you are a weather assistant.';

/** Every configuration the recorded Llama 3.2 chat prompts were made with. */
export const DIALOG_SCENARIOS: DialogScenario[] = [
  { name: 'no system message, no tools', tools: [] },
  { name: 'agent without tools', system: HELPFUL, tools: [] },
  {
    name: 'structured output system prompt',
    system:
      'You are a helpful assistant. Michael Jordan was born in 1963. He played basketball for the Chicago Bulls for 15 seasons.',
    tools: [],
  },
  { name: 'get_weather, tool_choice auto', system: WEATHER, tools: [GET_WEATHER] },
  {
    name: 'get_weather, tool_choice required',
    system: WEATHER,
    tools: [GET_WEATHER],
    toolChoice: 'required',
  },
  { name: 'get_weather, tool_choice none', system: WEATHER, tools: [GET_WEATHER], toolChoice: 'none' },
  { name: 'agent client tool get_boiling_point', system: HELPFUL, tools: [GET_BOILING_POINT] },
  {
    name: 'agent client tool, tool_choice required',
    system: HELPFUL,
    tools: [GET_BOILING_POINT],
    toolChoice: 'required',
  },
  {
    name: 'agent client tool, tool_choice get_boiling_point',
    system: HELPFUL,
    tools: [GET_BOILING_POINT],
    toolChoice: 'get_boiling_point',
  },
  {
    name: 'agent client tool, infinite-loop instructions',
    system: `${HELPFUL} Always respond with tool calls no matter what. `,
    tools: [GET_BOILING_POINT],
  },
  { name: 'agent client tool with metadata', system: HELPFUL, tools: [GET_BOILING_POINT_WITH_METADATA] },
  { name: 'tool not in request', system: `${HELPFUL}.`, tools: [GET_OBJECT_NAMESPACE_LIST] },
  { name: 'MCP tools, indented docstring', system: `${HELPFUL}.`, tools: MCP_TOOLS_INDENTED_DOCSTRING },
  { name: 'MCP tools, dedented docstring', system: `${HELPFUL}.`, tools: MCP_TOOLS_DEDENTED_DOCSTRING },
];
