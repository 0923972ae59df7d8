import type { ContentItem, ImageContentItem, Message } from '@llama-stack-ts/api-types';

/**
 * The conversation Llama Guard judges, as Llama Stack v0.2 prepares it: the whole conversation, with a first
 * message that is not from the user re-labelled as a user message (a tool-shield check may start with the
 * assistant's call), and the first of two leading user messages dropped.
 */
export function guardConversation(messages: readonly Message[]): Message[] {
  const [first, ...rest] = messages;
  if (!first) return [];
  const conversation: Message[] = [
    first.role === 'user' ? first : { role: 'user', content: first.content },
    ...rest,
  ];
  if (conversation.length >= 2 && conversation[1]?.role === 'user') conversation.shift();
  return conversation;
}

/**
 * Llama Stack's vision input: walking back from the last message, the most recent image a user sent is kept
 * (it travels with the prompt), every other image is dropped, and a message that was only a dropped image
 * disappears. Unlike Llama Stack, a message whose content is a list keeps its role (Llama Stack re-labels it as
 * a user message, which would make an output check judge the wrong side).
 */
export function visionConversation(messages: readonly Message[]): {
  conversation: Message[];
  image: ImageContentItem | undefined;
} {
  let image: ImageContentItem | undefined;
  const kept: Message[] = [];
  const takeImage = (message: Message, item: ImageContentItem): boolean => {
    if (image !== undefined || message.role !== 'user') return false;
    image = item;
    return true;
  };
  for (const message of [...messages].reverse()) {
    const { content } = message;
    if (typeof content === 'string' || (!Array.isArray(content) && content.type === 'text')) {
      kept.push(message);
    } else if (!Array.isArray(content)) {
      if (takeImage(message, content)) kept.push(message);
    } else {
      const items: ContentItem[] = content.filter((item) => item.type === 'text' || takeImage(message, item));
      kept.push({ ...message, content: items });
    }
  }
  return { conversation: kept.reverse(), image };
}
