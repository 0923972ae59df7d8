import type { ScriptedRecording } from '@llama-stack-ts/inference-ollama/testing';
import { isGuardPrompt, llamaPromptTail } from './prompt-tail.js';

/**
 * Llama Stack's recordings hold no code-interpreter traffic (it removed the tool before they were made), so
 * offline the two model answers around the sandbox run are scripted here, in the exact form llama3.2 writes
 * them, and Llama Guard's verdict on them is "safe". The sandbox itself runs for real. Ids say "scripted".
 */
export const PLOT_CODE = [
  'import numpy as np',
  'import matplotlib.pyplot as plt',
  '',
  'x = np.linspace(-5, 5, 200)',
  'plt.plot(x, x ** 2)',
  "plt.title('y = x^2')",
  'plt.grid(True)',
  'plt.show()',
  "print('minimum at x = 0, y =', min(x ** 2).round(3))",
].join('\n');

const PLOT_ANSWER =
  'Here is the plot of y = x² for x from -5 to 5: a parabola with its minimum at the origin.';

function generateChunks(model: string, pieces: string[]) {
  const created = '2026-01-01T00:00:00.000Z';
  return [
    ...pieces.map((response) => ({ model, created_at: created, done: false, response })),
    {
      model,
      created_at: created,
      done: true,
      done_reason: 'stop',
      response: '',
      prompt_eval_count: 512,
      eval_count: pieces.length,
    },
  ];
}

function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [text];
}

interface Body {
  model?: string;
  prompt?: string;
}

function bodyOf(request: { body: unknown }): Body {
  return (request.body ?? {}) as Body;
}

export function scriptedRecordings(): ScriptedRecording[] {
  return [
    {
      id: 'scripted-guard-safe',
      request: { method: 'POST', path: '/api/generate' },
      response: {
        streaming: false,
        body: { model: 'llama-guard3:1b', response: 'safe', done: true, done_reason: 'stop' },
      },
      match: (request) => isGuardPrompt(bodyOf(request).prompt ?? ''),
    },
    {
      id: 'scripted-plot-call',
      request: { method: 'POST', path: '/api/generate' },
      response: {
        streaming: true,
        chunks: generateChunks('scripted', ['<|python_tag|>', ...PLOT_CODE.split(/(?<=\n)/)]),
      },
      match: (request) => {
        const tail = llamaPromptTail(bodyOf(request).prompt ?? '');
        return tail?.role === 'user' && tail.text.startsWith('Plot y = x^2');
      },
    },
    {
      id: 'scripted-plot-answer',
      request: { method: 'POST', path: '/api/generate' },
      response: { streaming: true, chunks: generateChunks('scripted', words(PLOT_ANSWER)) },
      match: (request) => {
        const prompt = bodyOf(request).prompt ?? '';
        return llamaPromptTail(prompt)?.role === 'ipython' && prompt.includes("plt.title('y = x^2')");
      },
    },
  ];
}
