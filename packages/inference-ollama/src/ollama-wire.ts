import { UpstreamError } from '@llama-stack-ts/api-types';
import type { StopReason, TokenUsage } from '@llama-stack-ts/api-types';

/** The fields of Ollama's generate and chat answers that this provider reads. */
export interface OllamaFinalStats {
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  error?: string;
}

export interface OllamaGenerateChunk extends OllamaFinalStats {
  response?: string;
}

export interface OllamaToolCall {
  id?: string;
  function: { name: string; arguments: Record<string, unknown> | string; index?: number };
}

export interface OllamaChatChunk extends OllamaFinalStats {
  message?: { role?: string; content?: string; tool_calls?: OllamaToolCall[] };
}

/** A line of an Ollama answer: an object, and not an in-band `{"error": …}`. */
export function ollamaChunk<T extends OllamaFinalStats>(value: unknown, path: string): T {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UpstreamError(`Ollama sent an unexpected value from ${path}: ${JSON.stringify(value)}`);
  }
  const chunk = value as T;
  if (typeof chunk.error === 'string') {
    throw new UpstreamError(`Ollama reported an error during ${path}: ${chunk.error}`, {
      details: { ollama_error: chunk.error },
    });
  }
  return chunk;
}

/** `stop` → end_of_turn, `length` → out_of_tokens, as Llama Stack maps them. */
export function stopReasonFromOllama(doneReason: string | undefined): StopReason | undefined {
  if (doneReason === 'stop') return 'end_of_turn';
  if (doneReason === 'length') return 'out_of_tokens';
  return undefined;
}

export function usageFromOllama(stats: OllamaFinalStats): TokenUsage | undefined {
  const prompt = stats.prompt_eval_count;
  const completion = stats.eval_count;
  if (prompt === undefined && completion === undefined) return undefined;
  return {
    prompt_tokens: prompt ?? 0,
    completion_tokens: completion ?? 0,
    total_tokens: (prompt ?? 0) + (completion ?? 0),
  };
}

export function streamEndedEarly(path: string, received: number): UpstreamError {
  return new UpstreamError(
    `Ollama's answer from ${path} ended before it was complete (${received} chunk(s), no final "done" chunk). ` +
      'Ollama may have crashed or been stopped; check its log and try again.',
  );
}
