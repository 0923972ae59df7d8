import { isRecord } from '../shared/tool-results.js';

type Cleaned = Record<string, unknown>;

/** Which keys each Brave result type keeps, and whether the mixed entry points at one result or all. */
const BRAVE_RESULT_TYPES: Record<string, { keys: readonly string[]; single: boolean }> = {
  web: { keys: ['type', 'title', 'url', 'description', 'date', 'extra_snippets'], single: true },
  faq: { keys: ['type', 'question', 'answer', 'title', 'url'], single: false },
  infobox: { keys: ['type', 'title', 'url', 'description', 'long_desc'], single: true },
  videos: { keys: ['type', 'url', 'title', 'description', 'date'], single: false },
  locations: {
    keys: [
      'type',
      'title',
      'url',
      'description',
      'coordinates',
      'postal_address',
      'contact',
      'rating',
      'distance',
      'zoom_level',
    ],
    single: false,
  },
  news: { keys: ['type', 'title', 'url', 'description'], single: false },
};

export interface CleanedBraveResponse {
  query: string | null;
  top_k: Array<Cleaned | Cleaned[]>;
}

/**
 * The seed's Brave cleaning: follow the first `topK` entries of `mixed.main` (Brave's own ranking
 * across result types) and keep a few keys of each result. Entries that point nowhere are skipped
 * where the seed would have crashed.
 */
export function cleanBraveResponse(response: Record<string, unknown>, topK: number): CleanedBraveResponse {
  const query =
    isRecord(response.query) && typeof response.query.original === 'string' ? response.query.original : null;
  const topKResults: Array<Cleaned | Cleaned[]> = [];
  const main = isRecord(response.mixed) && Array.isArray(response.mixed.main) ? response.mixed.main : [];
  for (const entry of main.slice(0, topK)) {
    if (!isRecord(entry) || typeof entry.type !== 'string') continue;
    const section = response[entry.type];
    const results = isRecord(section) && Array.isArray(section.results) ? section.results : undefined;
    const spec = BRAVE_RESULT_TYPES[entry.type];
    if (!spec) {
      topKResults.push([]);
      continue;
    }
    if (!results) continue;
    if (spec.single) {
      const picked = typeof entry.index === 'number' ? results[entry.index] : undefined;
      if (isRecord(picked)) topKResults.push(pickKeys(picked, spec.keys));
    } else {
      topKResults.push(results.filter(isRecord).map((result) => pickKeys(result, spec.keys)));
    }
  }
  return { query, top_k: topKResults };
}

/** The listed keys of an object, in the object's own key order. */
function pickKeys(source: Record<string, unknown>, keys: readonly string[]): Cleaned {
  const picked: Cleaned = {};
  for (const [key, value] of Object.entries(source)) {
    if (keys.includes(key)) picked[key] = value;
  }
  return picked;
}
