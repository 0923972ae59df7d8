/**
 * Ollama answers the same request streamed or not; a recording holds one of the two. These turn one form
 * into the other for `/api/generate` and `/api/chat`, the way Ollama itself would have answered.
 */

type OllamaChunk = Record<string, unknown> & { done?: boolean };

/** Streamed chunks → the single body Ollama sends with `stream: false`. */
export function chunksToBody(endpoint: string, chunks: readonly unknown[]): unknown {
  const objects = chunks as OllamaChunk[];
  const last = objects.at(-1) ?? {};
  if (endpoint === '/api/generate') {
    const response = objects
      .map((chunk) => (typeof chunk.response === 'string' ? chunk.response : ''))
      .join('');
    return { ...last, response };
  }
  const toolCalls: unknown[] = [];
  let content = '';
  let role = 'assistant';
  for (const chunk of objects) {
    const message = (chunk.message ?? {}) as Record<string, unknown>;
    if (typeof message.content === 'string') content += message.content;
    if (typeof message.role === 'string') role = message.role;
    if (Array.isArray(message.tool_calls)) toolCalls.push(...message.tool_calls);
  }
  return { ...last, message: { role, content, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) } };
}

/** A non-streamed body → chunks: the whole answer in one chunk, then the final `done` chunk with the stats. */
export function bodyToChunks(endpoint: string, body: unknown): unknown[] {
  const object = (body ?? {}) as OllamaChunk;
  const { model, created_at } = object;
  if (endpoint === '/api/generate') {
    const response = typeof object.response === 'string' ? object.response : '';
    return [
      { model, created_at, response, done: false },
      { ...object, response: '' },
    ];
  }
  const message = (object.message ?? { role: 'assistant', content: '' }) as Record<string, unknown>;
  return [
    { model, created_at, message, done: false },
    { ...object, message: { role: message.role ?? 'assistant', content: '' } },
  ];
}

export function canConvertStreaming(endpoint: string): boolean {
  return endpoint === '/api/generate' || endpoint === '/api/chat';
}
