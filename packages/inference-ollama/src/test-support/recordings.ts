import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChatCompletionChunk, ToolDefinition } from '@llama-stack-ts/api-types';
import type { Recording } from '../testing/index.js';

/** The shared recordings, reached from this package as the repo's layout (here and in CI) puts them. */
export const RECORDINGS_DIR = path.resolve(
  import.meta.dirname,
  '../../../../../shared/fixtures/ollama-recordings',
);

export function recording(file: string): Recording {
  return {
    id: path.basename(file, '.json'),
    file,
    ...JSON.parse(readFileSync(path.join(RECORDINGS_DIR, file), 'utf8')),
  };
}

/** The recorded request body, as a plain object. */
export function recordedBody(file: string): Record<string, unknown> {
  return recording(file).request.body as Record<string, unknown>;
}

/** A sent body without the `num_ctx` this provider always adds (Llama Stack did not send one). */
export function withoutNumCtx(body: unknown): unknown {
  const { options, ...rest } = body as { options: Record<string, unknown> };
  const { num_ctx: _numCtx, ...others } = options;
  return { ...rest, options: others };
}

export async function drain(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

/** The tool of Llama Stack's inference tests (test_text_inference.py). */
export const GET_WEATHER: ToolDefinition = {
  tool_name: 'get_weather',
  description: 'Get the current weather',
  parameters: {
    location: {
      param_type: 'string',
      description: 'The city and state (both required), e.g. San Francisco, CA.',
      required: true,
    },
  },
};

/** The client tool of Llama Stack's agent tests (test_agents.py), `celcius` spelled as there. */
export const GET_BOILING_POINT: ToolDefinition = {
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
