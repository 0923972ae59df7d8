/**
 * The one script every endpoint follows: when a get_weather tool is offered and the last message is the
 * user's, answer with one tool call; otherwise stream N tokens. Same words, same order, every time.
 */

export const BENCH_MODEL = 'llama3.2:3b-instruct-fp16';
export const WEATHER_TOOL_NAME = 'get_weather';
export const WEATHER_ARGUMENTS = { city: 'Paris' } as const;

/** How a raw Llama 3 completion spells the tool call. All three are what Llama Stack's decoder accepts. */
export type ToolCallSpelling = 'function_tag' | 'python_list' | 'json';

const WORDS = [
  'The',
  ' quick',
  ' brown',
  ' fox',
  ' jumps',
  ' over',
  ' the',
  ' lazy',
  ' dog',
  ' while',
  ' a',
  ' gentle',
  ' breeze',
  ' moves',
  ' across',
  ' the',
  ' meadow',
  ' and',
  ' birds',
  ' sing',
];

/** The i-th answer token (0-based): a word with its leading space, a comma every 10th token. */
export function answerToken(index: number): string {
  const word = WORDS[index % WORDS.length]!;
  const lead =
    index === 0 ? word.trimStart() : index % WORDS.length === 0 ? ` ${word.trimStart().toLowerCase()}` : word;
  return index % 10 === 9 ? `${lead},` : lead;
}

export function answerTokens(count: number): string[] {
  return Array.from({ length: count }, (_, i) => answerToken(i));
}

/** The whole answer a contender must reassemble from the stream. */
export function answerText(count: number): string {
  return answerTokens(count).join('');
}

/** The raw-completion tool call, split into pieces the way a model emits it (several tokens, not one). */
export function rawToolCallPieces(spelling: ToolCallSpelling): string[] {
  switch (spelling) {
    case 'function_tag':
      return ['<function', '=get', '_weather', '>{"', 'city', '":', ' "', 'Paris', '"}', '</function>'];
    case 'python_list':
      return ['[', 'get', '_weather', '(city', '="', 'Paris', '")]'];
    case 'json':
      return [
        '{"',
        'type',
        '": "',
        'function',
        '", "name": "',
        'get_weather',
        '", "parameters": {"city": "',
        'Paris',
        '"}}',
      ];
  }
}

/** Roles of the last message in a raw Llama 3 prompt, and whether a get_weather tool is offered. */
export function readRawPrompt(prompt: string): { lastRole: string | undefined; toolsOffered: boolean } {
  const assistantOpen = prompt.lastIndexOf('<|start_header_id|>assistant<|end_header_id|>');
  const end = assistantOpen > 0 ? assistantOpen : prompt.length;
  const lastHeader = prompt.lastIndexOf('<|start_header_id|>', end - 1);
  let lastRole: string | undefined;
  if (lastHeader >= 0) {
    const roleEnd = prompt.indexOf('<|end_header_id|>', lastHeader);
    if (roleEnd > 0) lastRole = prompt.slice(lastHeader + '<|start_header_id|>'.length, roleEnd);
  }
  return { lastRole, toolsOffered: prompt.includes(WEATHER_TOOL_NAME) };
}

export type Reply = { kind: 'tool_call' } | { kind: 'answer' };

export function decideRaw(prompt: string): Reply {
  const { lastRole, toolsOffered } = readRawPrompt(prompt);
  return toolsOffered && lastRole === 'user' ? { kind: 'tool_call' } : { kind: 'answer' };
}

/** For /api/chat and /v1/chat/completions: tools offered and the last message is the user's. */
export function decideMessages(messages: ReadonlyArray<{ role?: unknown }>, tools: unknown): Reply {
  const offered = Array.isArray(tools) && tools.length > 0;
  const last = messages[messages.length - 1];
  return offered && last?.role === 'user' ? { kind: 'tool_call' } : { kind: 'answer' };
}
