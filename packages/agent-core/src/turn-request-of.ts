import { parseOrThrow } from '@llama-stack-ts/api-types';
import { TurnRequest } from './turn-request.js';

/**
 * The request as `createTurn` reads it. The common request (only `messages`: user and tool messages whose
 * content is a string, a text item or a list of text items, nothing unknown) is checked structurally in
 * well under a microsecond and copied; anything else goes through zod, which fills in the defaults or
 * throws an InvalidRequestError naming the first invalid field. Parsing with zod costs tens of µs per turn.
 */
export function turnRequestOf(value: unknown): TurnRequest {
  return fastTurnRequest(value) ?? parseOrThrow(TurnRequest, value);
}

type Fields = { readonly [key: string]: unknown };
type TurnMessage = TurnRequest['messages'][number];
type Content = TurnMessage['content'];

/** The request zod would return for `value`, or undefined when only zod can tell (it never guesses). */
export function fastTurnRequest(value: unknown): TurnRequest | undefined {
  if (!isPlainObject(value) || !onlyFields(value, REQUEST_FIELDS)) return undefined;
  const input = value.messages;
  if (!Array.isArray(input) || input.length === 0) return undefined;
  const messages: TurnMessage[] = [];
  for (const message of input) {
    const copy = turnMessage(message);
    if (!copy) return undefined;
    messages.push(copy);
  }
  return { messages };
}

const REQUEST_FIELDS = ['messages'];
const USER_FIELDS = ['role', 'content'];
const TOOL_FIELDS = ['role', 'call_id', 'content'];
const TEXT_FIELDS = ['type', 'text'];

function turnMessage(value: unknown): TurnMessage | undefined {
  if (!isPlainObject(value)) return undefined;
  if (value.role === 'user' && onlyFields(value, USER_FIELDS)) {
    const content = textContent(value.content);
    return content === undefined ? undefined : { role: 'user', content };
  }
  if (value.role === 'tool' && onlyFields(value, TOOL_FIELDS) && typeof value.call_id === 'string') {
    const content = textContent(value.content);
    return content === undefined ? undefined : { role: 'tool', call_id: value.call_id, content };
  }
  return undefined;
}

function textContent(value: unknown): Content | undefined {
  if (typeof value === 'string') return value;
  if (!Array.isArray(value)) return textItem(value);
  const items: { type: 'text'; text: string }[] = [];
  for (const item of value) {
    const copy = textItem(item);
    if (!copy) return undefined;
    items.push(copy);
  }
  return items;
}

function textItem(value: unknown): { type: 'text'; text: string } | undefined {
  return isPlainObject(value) &&
    value.type === 'text' &&
    typeof value.text === 'string' &&
    onlyFields(value, TEXT_FIELDS)
    ? { type: 'text', text: value.text }
    : undefined;
}

function isPlainObject(value: unknown): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Every own key is one of `fields` (zod would drop or reject any other) and none holds undefined. */
function onlyFields(value: Fields, fields: readonly string[]): boolean {
  for (const key in value) {
    if (!Object.hasOwn(value, key) || !fields.includes(key) || value[key] === undefined) return false;
  }
  return Object.getOwnPropertySymbols(value).length === 0;
}
