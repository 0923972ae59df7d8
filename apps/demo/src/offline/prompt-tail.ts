/**
 * The last message of a raw Llama 3 prompt, and of the conversation inside a Llama Guard prompt. Offline
 * replay keys on these: the demo's agent (its tools, its session history) never sends exactly the prompts
 * Llama Stack's tests recorded, but it asks the same questions, so the recorded answer to the same last
 * message is the real model's answer to that question.
 */
export interface PromptTail {
  role: string;
  text: string;
}

const ASSISTANT_HEADER = '<|start_header_id|>assistant<|end_header_id|>\n\n';
const HEADER = /^<\|start_header_id\|>(\w+)<\|end_header_id\|>\n\n/;

export function llamaPromptTail(prompt: string): PromptTail | undefined {
  if (!prompt.endsWith(ASSISTANT_HEADER)) return undefined;
  const body = prompt.slice(0, -ASSISTANT_HEADER.length);
  const start = body.lastIndexOf('<|start_header_id|>');
  if (start < 0) return undefined;
  const message = body.slice(start);
  const header = HEADER.exec(message);
  if (!header) return undefined;
  const text = message
    .slice(header[0].length)
    .replace(/<\|(eot_id|eom_id)\|>$/, '')
    .trim();
  return { role: header[1]!, text };
}

const CONVERSATION = /<BEGIN CONVERSATION>\n\n([\s\S]*?)\n\n<END CONVERSATION>/;
const ASSESSED_ROLE = /Provide your safety assessment for ONLY THE LAST (\w+) message/;

export function guardPromptTail(prompt: string): PromptTail | undefined {
  const conversation = CONVERSATION.exec(prompt)?.[1];
  const role = ASSESSED_ROLE.exec(prompt)?.[1];
  if (conversation === undefined || role === undefined) return undefined;
  const marker = `${role}: `;
  const start = conversation.lastIndexOf(`\n\n${marker}`);
  const text =
    start >= 0
      ? conversation.slice(start + 2 + marker.length)
      : conversation.startsWith(marker)
        ? conversation.slice(marker.length)
        : undefined;
  return text === undefined ? undefined : { role, text: text.trim() };
}

export function isGuardPrompt(prompt: string): boolean {
  return prompt.includes('<BEGIN UNSAFE CONTENT CATEGORIES>');
}

export function promptTail(prompt: string): PromptTail | undefined {
  return isGuardPrompt(prompt) ? guardPromptTail(prompt) : llamaPromptTail(prompt);
}

/** Custom tools were offered in the system prompt (the recorded answer then may be a tool call). */
export function offersCustomTools(prompt: string): boolean {
  return prompt.includes('"name": "') && prompt.includes('"parameters"');
}
