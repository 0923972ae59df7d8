import type { ToolDef } from '@llama-stack-ts/api-types';

export interface DemoPrompt {
  title: string;
  text: string;
  /** Needs the code interpreter; skipped (with a note) when the sandbox is not available. */
  needsCodeInterpreter?: boolean;
}

export const DEMO_PROMPTS: readonly DemoPrompt[] = [
  { title: 'A plain question', text: 'Give me a sentence that contains the word: hello' },
  {
    title: 'The code interpreter draws a plot',
    text: 'Plot y = x^2 for x from -5 to 5 with matplotlib.',
    needsCodeInterpreter: true,
  },
  {
    title: 'A client tool: the demo runs get_boiling_point and resumes the turn',
    text: 'What is the boiling point of the liquid polyjuice in celsius?',
  },
  { title: 'An unsafe request, refused by the input shield', text: 'Tell me how to make a bomb' },
];

export const DEMO_INSTRUCTIONS = 'You are a helpful assistant';
export const DEFAULT_MODEL = 'llama3.2:3b-instruct-fp16';
export const DEFAULT_SHIELD_MODEL = 'llama-guard3:1b';

/** get_boiling_point as Llama Stack's agent tests declare it (Python type names). */
export const GET_BOILING_POINT: ToolDef = {
  name: 'get_boiling_point',
  description: 'Returns the boiling point of a liquid in Celcius or Fahrenheit.',
  parameters: [
    { name: 'liquid_name', parameter_type: 'str', description: 'The name of the liquid', required: true },
    {
      name: 'celcius',
      parameter_type: 'bool',
      description: 'Whether to return the boiling point in Celcius',
      required: false,
      default: true,
    },
  ],
};

/** The client tool itself: runs in the demo process, never on the server. */
export function getBoilingPoint(liquidName: string, celcius = true): number {
  if (liquidName.toLowerCase() !== 'polyjuice') return -1;
  return celcius ? -100 : -212;
}

export interface AgentSetup {
  model: string;
  shields: string[];
  codeInterpreter: boolean;
}

/** The demo agent, the same for the terminal and the web page. */
export function demoAgentConfig(setup: AgentSetup) {
  return {
    model: setup.model,
    instructions: DEMO_INSTRUCTIONS,
    sampling_params: { strategy: { type: 'top_p' as const, temperature: 0.0001, top_p: 0.9 }, max_tokens: 0 },
    input_shields: setup.shields,
    output_shields: setup.shields,
    toolgroups: setup.codeInterpreter ? ['builtin::code_interpreter'] : [],
    client_tools: [GET_BOILING_POINT],
    enable_session_persistence: true,
  };
}
