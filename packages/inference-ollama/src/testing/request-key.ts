/**
 * How the replay server decides that a request is "the same" as a recorded one.
 *
 * The primary key is the endpoint plus the fields that decide what the model sees (model, prompt or messages,
 * tools, format, …). Everything else in the body (sampling options, `stream`) only ranks candidates, so a test
 * with other options still gets an answer while an exact recording wins when there is one.
 */

const PRIMARY_FIELDS: Record<string, readonly string[]> = {
  '/api/generate': ['model', 'prompt', 'raw', 'format', 'system', 'template', 'suffix', 'images'],
  '/api/chat': ['model', 'messages', 'tools', 'format'],
  '/api/embed': ['model', 'input'],
  '/api/embeddings': ['model', 'prompt'],
  '/v1/chat/completions': ['model', 'messages', 'tools', 'response_format'],
  '/v1/completions': ['model', 'prompt', 'suffix'],
};

/** Fields that tune the transport, not the answer: never part of the comparison. */
const IGNORED_OPTIONS = new Set(['num_ctx']);
const IGNORED_FIELDS = new Set(['stream', 'keep_alive']);

const TODAY_DATE_LINE = /Today Date: [^\n]*/g;

/** "Today Date: 27 November 2026" → "Today Date: <today>", so a prompt built today matches one from 2025. */
export function normaliseToday(text: string): string {
  return text.replace(TODAY_DATE_LINE, 'Today Date: <today>');
}

function normaliseStrings(value: unknown): unknown {
  if (typeof value === 'string') return normaliseToday(value);
  if (Array.isArray(value)) return value.map(normaliseStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normaliseStrings(item)]));
  }
  return value;
}

/** JSON with sorted keys, so key order never decides a match. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

function asObject(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === 'object' && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

function primaryFieldsOf(endpoint: string, body: Record<string, unknown>): string[] {
  return [...(PRIMARY_FIELDS[endpoint] ?? Object.keys(body).filter((key) => !IGNORED_FIELDS.has(key)))];
}

/** The part of a body that must match exactly, normalised. */
export function primaryView(endpoint: string, body: unknown): Record<string, unknown> {
  const object = asObject(body);
  const view: Record<string, unknown> = {};
  for (const field of primaryFieldsOf(endpoint, object)) {
    if (object[field] !== undefined) view[field] = normaliseStrings(object[field]);
  }
  // `/api/embed` accepts one string or a list: the same request either way.
  if (endpoint === '/api/embed' && typeof view.input === 'string') view.input = [view.input];
  return view;
}

/** The rest of the body (options, sampling fields) without transport tuning, for ranking candidates. */
export function secondaryView(endpoint: string, body: unknown): Record<string, unknown> {
  const object = asObject(body);
  const primary = new Set(primaryFieldsOf(endpoint, object));
  const view: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(object)) {
    if (primary.has(field) || IGNORED_FIELDS.has(field) || value === undefined) continue;
    if (field === 'options' && value !== null && typeof value === 'object') {
      const options = Object.fromEntries(Object.entries(value).filter(([key]) => !IGNORED_OPTIONS.has(key)));
      if (Object.keys(options).length > 0) view.options = options;
      continue;
    }
    view[field] = value;
  }
  return view;
}

export function primaryKey(endpoint: string, body: unknown): string {
  return `${endpoint} ${canonicalJson(primaryView(endpoint, body))}`;
}

export function secondaryKey(endpoint: string, body: unknown): string {
  return canonicalJson(secondaryView(endpoint, body));
}

export function wantsStream(endpoint: string, body: unknown): boolean {
  const stream = asObject(body).stream;
  // Ollama's generate and chat stream unless told not to; the OpenAI API and the other endpoints do not.
  if (endpoint === '/api/generate' || endpoint === '/api/chat') return stream !== false;
  return stream === true;
}

export function modelOf(body: unknown): string | undefined {
  const object = asObject(body);
  const model = object.model ?? object.name;
  return typeof model === 'string' ? model : undefined;
}
