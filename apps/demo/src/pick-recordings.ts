/**
 * Copies the recordings the offline demo replays from Llama Stack's recorded traffic
 * (../shared/fixtures/ollama-recordings, or the folder given) into apps/demo/recordings, so a fresh clone
 * runs the demo without the shared folder. Run after changing the demo's prompts: `pnpm pick-recordings`.
 */
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_PROMPTS } from './demo-script.js';
import { demoRecordingsDir } from './offline/offline-recordings.js';
import { promptTail } from './offline/prompt-tail.js';

const source = resolve(
  process.argv[2] ?? join(demoRecordingsDir(), '../../../../shared/fixtures/ollama-recordings'),
);
const target = demoRecordingsDir();
const wanted = new Set([
  ...DEMO_PROMPTS.map((p) => p.text),
  // What the recorded model answered to those questions, which the output shield then judged.
  '-100',
]);
const MODELS = new Set(['llama3.2:3b-instruct-fp16', 'llama-guard3:1b']);

interface RecordingFile {
  request: { path: string; body?: { model?: string; prompt?: string } };
  response: { streaming: boolean; chunks?: Array<{ response?: string }>; body?: { response?: string } };
}

const answers = new Set<string>();
const picked = new Map<string, string>();
const files = readdirSync(source)
  .filter((f) => f.endsWith('.json') && f !== 'index.json')
  .sort();
for (const pass of [1, 2]) {
  for (const file of files) {
    const recording = JSON.parse(readFileSync(join(source, file), 'utf8')) as RecordingFile;
    const { path, body } = recording.request;
    if (path !== '/api/generate' || !body?.model || !MODELS.has(body.model) || !body.prompt) continue;
    const tail = promptTail(body.prompt);
    if (!tail) continue;
    const isAnswerCheck = tail.role === 'Agent' && answers.has(tail.text);
    if (!wanted.has(tail.text) && !isAnswerCheck) continue;
    if (pass === 1 && body.model !== 'llama-guard3:1b') {
      const text = recording.response.streaming
        ? (recording.response.chunks ?? []).map((c) => c.response ?? '').join('')
        : (recording.response.body?.response ?? '');
      answers.add(text.trim());
    }
    const tools = body.prompt.includes('"parameters"') ? 'tools' : 'plain';
    const key = `${body.model}|${tail.role}|${tail.text}|${tools}|${recording.response.streaming}`;
    if (!picked.has(key)) picked.set(key, file);
  }
}
for (const file of readdirSync(target)) if (file.endsWith('.json')) rmSync(join(target, file));
for (const file of picked.values()) copyFileSync(join(source, file), join(target, file));
console.log(`copied ${picked.size} recordings from ${source} to ${target}`);
