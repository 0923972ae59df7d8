import { isRecord } from '../shared/tool-results.js';

const DROPPED_QUERYRESULT_KEYS = [
  'datatypes',
  'error',
  'timedout',
  'timedoutpods',
  'numpods',
  'timing',
  'parsetiming',
  'parsetimedout',
  'recalculate',
  'id',
  'host',
  'server',
  'related',
  'version',
  'assumptions',
];

const DROPPED_POD_KEYS = [
  'scanner',
  'id',
  'error',
  'expressiontypes',
  'states',
  'infos',
  'position',
  'numsubpods',
];

/**
 * The seed's Wolfram Alpha cleaning: drop bookkeeping keys, keep the pods up to and including the
 * first one titled "Result", and drop bookkeeping keys from each pod. Returns a new object.
 */
export function cleanWolframResponse(response: Record<string, unknown>): Record<string, unknown> {
  const queryResult = response.queryresult;
  if (!isRecord(queryResult)) return { ...response };
  const cleaned: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(queryResult)) {
    if (!DROPPED_QUERYRESULT_KEYS.includes(key)) cleaned[key] = value;
  }
  if (Array.isArray(queryResult.pods)) {
    const resultIndex = queryResult.pods.findIndex((pod) => isRecord(pod) && pod.title === 'Result');
    const kept = resultIndex === -1 ? queryResult.pods : queryResult.pods.slice(0, resultIndex + 1);
    cleaned.pods = kept.map((pod) => (isRecord(pod) ? omitKeys(pod, DROPPED_POD_KEYS) : pod));
  }
  return { ...response, queryresult: cleaned };
}

function omitKeys(source: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) if (!keys.includes(key)) kept[key] = value;
  return kept;
}
