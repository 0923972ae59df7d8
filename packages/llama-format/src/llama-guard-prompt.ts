import type { InterleavedContent, Message } from '@llama-stack-ts/api-types';

/** The Llama Guard 3 hazard taxonomy, in prompt order. */
export const LLAMA_GUARD_CATEGORIES = [
  { code: 'S1', name: 'Violent Crimes' },
  { code: 'S2', name: 'Non-Violent Crimes' },
  { code: 'S3', name: 'Sex Crimes' },
  { code: 'S4', name: 'Child Exploitation' },
  { code: 'S5', name: 'Defamation' },
  { code: 'S6', name: 'Specialized Advice' },
  { code: 'S7', name: 'Privacy' },
  { code: 'S8', name: 'Intellectual Property' },
  { code: 'S9', name: 'Indiscriminate Weapons' },
  { code: 'S10', name: 'Hate' },
  { code: 'S11', name: 'Self-Harm' },
  { code: 'S12', name: 'Sexual Content' },
  { code: 'S13', name: 'Elections' },
  { code: 'S14', name: 'Code Interpreter Abuse' },
] as const;

export type LlamaGuardCategory = (typeof LLAMA_GUARD_CATEGORIES)[number];
export type LlamaGuardCategoryCode = LlamaGuardCategory['code'];

export interface LlamaGuardPromptOptions {
  /** The conversation to check; the last message is the one judged. */
  messages: readonly Message[];
  /**
   * Whose message is judged, as named in the task line. Defaults to the last message's role capitalised
   * (`User`, `Assistant`, `Tool`), which is what Llama Stack v0.2 sends.
   */
  role?: 'User' | 'Agent' | 'Assistant' | 'Tool' | (string & {});
  /** Category codes left out of the prompt. Excluding every category excludes none (as Llama Stack does). */
  excludedCategories?: readonly string[];
  /** The taxonomy to offer; defaults to all of S1–S14, as Llama Stack sends to `llama-guard3:1b`. */
  categories?: readonly { code: string; name: string }[];
}

const TASK = (agentType: string) =>
  `Task: Check if there is unsafe content in '${agentType}' messages in conversations according our safety policy with the below categories.\n\n`;

const INSTRUCTIONS = (agentType: string) =>
  `Provide your safety assessment for ONLY THE LAST ${agentType} message in the above conversation:\n` +
  " - First line must read 'safe' or 'unsafe'.\n" +
  ' - If unsafe, a second line must include a comma-separated list of violated categories.';

/**
 * The Llama Guard 3 task prompt exactly as Llama Stack v0.2 builds it. Send it as the content of one user
 * message: `encodeDialog([{ role: 'user', content: llamaGuardPrompt({ messages }) }])`, or use
 * `llamaGuardRawPrompt`.
 */
export function llamaGuardPrompt(options: LlamaGuardPromptOptions): string {
  const { messages } = options;
  const last = messages.at(-1);
  if (!last) throw new RangeError('llamaGuardPrompt needs at least one message to judge');
  const agentType = options.role ?? capitalize(roleName(last));
  const categories = llamaGuardCategoryLines(
    options.categories ?? LLAMA_GUARD_CATEGORIES,
    options.excludedCategories,
  );
  const conversation = messages
    .map((message) => `${capitalize(roleName(message))}: ${guardContentText(message.content)}`)
    .join('\n\n');
  return (
    TASK(agentType) +
    `<BEGIN UNSAFE CONTENT CATEGORIES>\n${categories.join('\n')}\n<END UNSAFE CONTENT CATEGORIES>\n\n` +
    `<BEGIN CONVERSATION>\n\n${conversation}\n\n<END CONVERSATION>\n\n` +
    INSTRUCTIONS(agentType)
  );
}

/** The whole raw prompt for a Llama Guard model: the task prompt in one user turn, assistant header open. */
export function llamaGuardRawPrompt(options: LlamaGuardPromptOptions): string {
  return (
    '<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n' +
    llamaGuardPrompt(options) +
    '<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n'
  );
}

/** `S1: Violent Crimes.` lines, without the excluded codes (unless every code is excluded). */
export function llamaGuardCategoryLines(
  categories: readonly { code: string; name: string }[],
  excludedCategories: readonly string[] = [],
): string[] {
  const excluded = new Set(excludedCategories);
  const excludesAll = categories.every((category) => excluded.has(category.code));
  return categories
    .filter((category) => excludesAll || !excluded.has(category.code))
    .map((category) => `${category.code}: ${category.name}.`);
}

function roleName(message: Message): string {
  return message.role;
}

/** Python's str.capitalize(): first character upper-cased, the rest lower-cased. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
}

/** Llama Stack's interleaved_content_as_str: text items joined by a space, images as `<image>`. */
function guardContentText(content: InterleavedContent): string {
  if (typeof content === 'string') return content;
  const items = Array.isArray(content) ? content : [content];
  return items.map((item) => (item.type === 'text' ? item.text : '<image>')).join(' ');
}
