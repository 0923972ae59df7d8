import {
  type JsonObject,
  type ProvidedTool,
  type ToolInvocation,
  type ToolProvider,
  type ToolResult,
  cancelledFrom,
} from '@llama-stack-ts/api-types';

export interface ScriptedTool extends ProvidedTool {
  run: (
    args: JsonObject,
    context: { signal: AbortSignal; invocation: ToolInvocation },
  ) => ToolResult | string | Promise<ToolResult | string>;
}

/** Resolves after ms, or rejects when the signal aborts: for tools that take time in tests. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelledFrom(signal));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledFrom(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A ToolProvider over plain functions. A function may return text or a full ToolResult; one that throws
 * produces what a real provider would: a rejection the agent turns into an error response.
 */
export class ScriptedToolProvider implements ToolProvider {
  readonly id: string;
  readonly invocations: ToolInvocation[] = [];
  readonly #tools: ScriptedTool[];

  constructor(tools: ScriptedTool[], options: { id?: string } = {}) {
    this.#tools = tools;
    this.id = options.id ?? 'scripted-tools';
  }

  async listTools(): Promise<ProvidedTool[]> {
    return this.#tools.map(({ run: _run, ...tool }) => tool);
  }

  async invoke(invocation: ToolInvocation, options: { signal?: AbortSignal } = {}): Promise<ToolResult> {
    this.invocations.push(structuredClone(invocation));
    const tool = this.#tools.find((t) => t.name === invocation.tool_name);
    if (!tool) return { content: `Tool ${invocation.tool_name} not found`, error: { message: 'not found' } };
    const signal = options.signal ?? new AbortController().signal;
    const result = await tool.run(invocation.arguments, { signal, invocation });
    return typeof result === 'string' ? { content: result } : result;
  }
}
