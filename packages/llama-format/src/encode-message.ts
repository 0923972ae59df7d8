import type { InterleavedContent, Message, ToolPromptFormat } from '@llama-stack-ts/api-types';
import { encodeToolCalls } from './encode-tool-call.js';
import { messageHeader, SpecialToken } from './special-tokens.js';

/**
 * One message in the Llama 3 chat format: header, body, and `<|eom_id|>` when an assistant message stopped
 * to wait for a tool result (`stop_reason: end_of_message`), else `<|eot_id|>`.
 */
export function encodeMessage(message: Message, toolPromptFormat: ToolPromptFormat): string {
  let body = '';
  if (message.role === 'assistant' && message.tool_calls?.[0]?.tool_name === 'code_interpreter') {
    body += SpecialToken.pythonTag;
  }
  body += encodeContent(message.content);
  if (message.role === 'user' && message.context !== undefined) {
    body += `\n\n${encodeContent(message.context)}`;
  }
  if (message.role === 'assistant' && message.tool_calls?.length) {
    body += encodeToolCalls(message.tool_calls, toolPromptFormat);
  }
  const endOfMessage = message.role === 'assistant' && message.stop_reason === 'end_of_message';
  return (
    messageHeader(message.role) + body + (endOfMessage ? SpecialToken.endOfMessage : SpecialToken.endOfTurn)
  );
}

/** Content as prompt text: text items back to back, each image as the `<|image|>` token. */
export function encodeContent(content: InterleavedContent): string {
  if (typeof content === 'string') return content;
  const items = Array.isArray(content) ? content : [content];
  return items.map((item) => (item.type === 'text' ? item.text : SpecialToken.image)).join('');
}
