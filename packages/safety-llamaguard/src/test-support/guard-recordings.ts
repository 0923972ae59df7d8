import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Message } from '@llama-stack-ts/api-types';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const recordingsDir = path.resolve(packageDir, '../../../shared/fixtures/ollama-recordings');

export interface GuardRecording {
  id: string;
  tags: string[];
  request: { model: string; prompt: string; raw: boolean; stream: boolean; options: object };
  verdict: string;
  /** The conversation Llama Stack judged, read back from the recorded prompt. */
  conversation: Message[];
}

interface IndexRow {
  file: string;
  endpoint: string;
  model: string;
  tags: string[];
}

let cache: GuardRecording[] | undefined;

/** Every recorded llama-guard3:1b verdict with the conversation it judged. */
export function guardRecordings(): GuardRecording[] {
  if (cache) return cache;
  const index = JSON.parse(readFileSync(path.join(recordingsDir, 'index.json'), 'utf8')) as {
    recordings: IndexRow[];
  };
  cache = index.recordings
    .filter((row) => row.model === 'llama-guard3:1b' && row.endpoint === '/api/generate')
    .map((row) => {
      const file = JSON.parse(readFileSync(path.join(recordingsDir, row.file), 'utf8'));
      const request = file.request.body as GuardRecording['request'];
      return {
        id: row.file.replace(/\.json$/, ''),
        tags: row.tags,
        request,
        verdict: String(file.response.body.response),
        conversation: conversationOf(request.prompt),
      };
    });
  return cache;
}

const ROLES: Record<string, (content: string, index: number) => Message> = {
  User: (content) => ({ role: 'user', content }),
  Assistant: (content) => ({ role: 'assistant', content, stop_reason: 'end_of_turn', tool_calls: [] }),
  Tool: (content, index) => ({ role: 'tool', call_id: `call-${index}`, content }),
};

/** Splits the prompt's conversation back into messages (`User: …`, `Assistant: …`, `Tool: …` blocks). */
function conversationOf(prompt: string): Message[] {
  const match = /<BEGIN CONVERSATION>\n\n([\s\S]*)\n\n<END CONVERSATION>/.exec(prompt);
  if (!match?.[1]) throw new Error('recorded prompt has no conversation');
  return match[1].split(/\n\n(?=(?:User|Assistant|Tool): )/).map((block, index) => {
    const separator = block.indexOf(': ');
    const role = block.slice(0, separator);
    const make = ROLES[role];
    if (!make) throw new Error(`unknown role ${role} in a recorded prompt`);
    return make(block.slice(separator + 2), index);
  });
}
