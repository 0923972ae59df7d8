import type { Message, ResponseFormat } from '@llama-stack-ts/api-types';
import { describe, expect, it } from 'vitest';
import { DIALOG_SCENARIOS, type DialogScenario } from '../test/dialog-scenarios.js';
import { type GenerateRecording, generateRecordings } from '../test/recordings.js';
import { decodeAssistantMessage } from './decode-assistant-message.js';
import { encodeCompletion, encodeDialog, encodeMessages } from './encode-dialog.js';

const FORMAT_PROMPT = 'Please respond in JSON format with the schema: ';
const TURN =
  /<\|start_header_id\|>(system|user|assistant|ipython)<\|end_header_id\|>\n\n([\s\S]*?)(<\|eot_id\|>|<\|eom_id\|>)/g;

/**
 * The dialog after the system prompt, read back from a recorded prompt: user turns, assistant turns (tool
 * calls decoded by our decoder, so re-encoding them checks the round trip), `ipython` tool results.
 */
function conversationOf(prompt: string): { messages: Message[]; responseFormatText?: string } {
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

function responseFormatOf(recording: GenerateRecording): ResponseFormat | undefined {
  const format = (recording.request.body as { format?: unknown }).format;
  return format && typeof format === 'object'
    ? { type: 'json_schema', json_schema: format as Record<string, never> }
    : undefined;
}

function chatPromptFor(recording: GenerateRecording, scenario: DialogScenario): string {
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

type Outcome =
  | { kind: 'chat'; scenario: string }
  | { kind: 'completion' }
  | { kind: 'guard' }
  | { kind: 'excluded'; reason: string };

function reproduce(recording: GenerateRecording): Outcome {
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
    ? { kind: 'chat', scenario: match.name }
    : { kind: 'excluded', reason: 'no declared dialog reproduces it' };
}

const recordings = generateRecordings();

describe('recorded /api/generate prompts', () => {
  const outcomes = recordings.map((recording) => ({ recording, outcome: reproduce(recording) }));

  it('reproduces every recorded Llama 3.2 chat and completion prompt byte for byte', () => {
    const counts: Record<string, number> = {};
    const excluded: string[] = [];
    for (const { recording, outcome } of outcomes) {
      const key = outcome.kind === 'chat' ? `chat: ${outcome.scenario}` : outcome.kind;
      counts[key] = (counts[key] ?? 0) + 1;
      if (outcome.kind === 'excluded')
        excluded.push(`${recording.id} (${recording.row.model}): ${outcome.reason}`);
    }
    console.log(`recorded /api/generate prompts: ${recordings.length}`, counts);
    expect(excluded).toEqual([]);
    const unused = DIALOG_SCENARIOS.filter((scenario) => !counts[`chat: ${scenario.name}`]).map(
      (s) => s.name,
    );
    expect(unused).toEqual([]);
  });
});
