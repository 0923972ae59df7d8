import { isRecord } from '../shared/tool-results.js';

const TAVILY_RESULT_KEYS = ['title', 'url', 'content', 'score', 'published_date'] as const;

export interface CleanedTavilyResponse {
  query: string | null;
  top_k: Array<Record<string, unknown>>;
  answer?: string;
}

/**
 * Tavily already ranks and trims its results; keep the first `topK` with the fields a model can use
 * (raw page content and images left out), in the `{query, top_k}` shape Llama Stack returned.
 */
export function cleanTavilyResponse(response: Record<string, unknown>, topK: number): CleanedTavilyResponse {
  const results = Array.isArray(response.results) ? response.results.filter(isRecord) : [];
  const cleaned: CleanedTavilyResponse = {
    query: typeof response.query === 'string' ? response.query : null,
    top_k: results.slice(0, topK).map((result) => {
      const picked: Record<string, unknown> = {};
      for (const key of TAVILY_RESULT_KEYS)
        if (result[key] !== undefined && result[key] !== null) picked[key] = result[key];
      return picked;
    }),
  };
  if (typeof response.answer === 'string' && response.answer !== '') cleaned.answer = response.answer;
  return cleaned;
}
