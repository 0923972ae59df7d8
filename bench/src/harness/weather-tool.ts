/** The local tool every W2 run calls once. Counting calls lets the harness check that each contender ran it. */

export const WEATHER_TOOL = {
  name: 'get_weather',
  description: 'Get the current weather in a city',
  parameterName: 'city',
  parameterDescription: 'The city, e.g. Paris',
} as const;

let calls = 0;

export function getWeather(args: { city?: unknown }): string {
  calls++;
  const city = typeof args.city === 'string' ? args.city : 'unknown';
  return JSON.stringify({ city, temperature_c: 18, conditions: 'sunny' });
}

export function weatherCallCount(): number {
  return calls;
}
