import type { ProvidedTool, ToolProvider } from '@llama-stack-ts/api-types';
import { getWeather, WEATHER_TOOL } from '../../harness/weather-tool.js';

export const WEATHER_TOOLGROUP = 'bench::weather';

const TOOL: ProvidedTool = {
  name: WEATHER_TOOL.name,
  description: WEATHER_TOOL.description,
  toolgroup_id: WEATHER_TOOLGROUP,
  parameters: [
    {
      name: WEATHER_TOOL.parameterName,
      parameter_type: 'string',
      description: WEATHER_TOOL.parameterDescription,
      required: true,
    },
  ],
};

/** get_weather as a server-side tool of the agent runtime: a local function, no I/O. */
export const weatherToolProvider: ToolProvider = {
  id: 'bench-weather',
  async listTools() {
    return [TOOL];
  },
  async invoke(invocation) {
    return { content: getWeather(invocation.arguments) };
  },
};
