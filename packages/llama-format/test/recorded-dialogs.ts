import type { Message, ResponseFormat } from '@llama-stack-ts/api-types';
import { decodeAssistantMessage } from '../src/decode-assistant-message.js';
import { encodeCompletion, encodeDialog, encodeMessages } from '../src/encode-dialog.js';
import { DIALOG_SCENARIOS, type DialogScenario } from './dialog-scenarios.js';
import type { GenerateRecording } from './recordings.js';

const FORMAT_PROMPT = 'Please respond in JSON format with the schema: ';
const TURN =
  /<\|start_header_id\|>(system|user|assistant|ipython)<\|end_header_id\|>\n\n([\s\S]*?)(<\|eot_id\|>|<\|eom_id\|>)/g;

/**
 * The dialog after the system prompt, read back from a recorded prompt: user turns, assistant turns (tool
 * calls decoded by our decoder, so re-encoding them checks the round trip), `ipython` tool results.
 */
export function conversationOf(prompt: string): { messages: Message[]; responseFormatText?: string } {
  const messages: Message[] = [];
  let lastCallId = '';
  let responseFormatText: string | undefined;
  for (const [, role, body = '', terminator] of prompt.matchAll(TURN)) {
    if (role === 'system') continue;
    if (role === 'user') {
      if (body.startsWith(FORMAT_PROMPT)) responseFormatText = body;
      else messages.push({ role: 'user', content: body });
    } else if (role === 'ipython') {
      messages.push({ role: 'tool', call_id: lastCallId, content: body });
    } else {
      const decoded = decodeAssistantMessage(body + terminator, undefined);
      lastCallId = decoded.tool_calls[0]?.call_id ?? lastCallId;
      messages.push({
        role: 'assistant',
        content: decoded.content,
        stop_reason: decoded.stop_reason,
        tool_calls: decoded.tool_calls,
      });
    }
  }
  return responseFormatText === undefined ? { messages } : { messages, responseFormatText };
}

export function responseFormatOf(recording: GenerateRecording): ResponseFormat | undefined {
  const format = (recording.request.body as { format?: unknown }).format;
  return format && typeof format === 'object'
    ? { type: 'json_schema', json_schema: format as Record<string, never> }
    : undefined;
}

export function chatPromptFor(recording: GenerateRecording, scenario: DialogScenario): string {
  const { messages, responseFormatText } = conversationOf(recording.request.body.prompt);
  const responseFormat = responseFormatText === undefined ? undefined : responseFormatOf(recording);
  const system: Message[] =
    scenario.system === undefined ? [] : [{ role: 'system', content: scenario.system }];
  return encodeDialog([...system, ...messages], {
    model: recording.request.body.model,
    tools: scenario.tools,
    ...(scenario.toolChoice ? { toolChoice: scenario.toolChoice } : {}),
    ...(responseFormat ? { responseFormat } : {}),
  });
}

export type Outcome =
  | { kind: 'chat'; scenario: DialogScenario }
  | { kind: 'completion' }
  | { kind: 'guard' }
  | { kind: 'excluded'; reason: string };

export function reproduce(recording: GenerateRecording): Outcome {
  const { prompt, model } = recording.request.body;
  if (model.startsWith('llama-guard')) {
    // The task text is checked message by message in llama-guard-prompt.test.ts; Llama Stack sends it as
    // one user turn with no system prompt, which is the plain chat format.
    const task =
      /^<\|begin_of_text\|><\|start_header_id\|>user<\|end_header_id\|>\n\n([\s\S]*)<\|eot_id\|>/.exec(
        prompt,
      )?.[1];
    return task !== undefined && encodeMessages([{ role: 'user', content: task }]) === prompt
      ? { kind: 'guard' }
      : { kind: 'excluded', reason: 'guard prompt is not one user turn' };
  }
  if (!prompt.includes('<|start_header_id|>')) {
    const format = responseFormatOf(recording);
    const text = prompt.slice('<|begin_of_text|>'.length).split(FORMAT_PROMPT)[0]!;
    return encodeCompletion(text, format ? { responseFormat: format } : {}) === prompt
      ? { kind: 'completion' }
      : { kind: 'excluded', reason: 'completion prompt not reproduced' };
  }
  const match = DIALOG_SCENARIOS.find((scenario) => chatPromptFor(recording, scenario) === prompt);
  return match
    ? { kind: 'chat', scenario: match }
    : { kind: 'excluded', reason: 'no declared dialog reproduces it' };
}
