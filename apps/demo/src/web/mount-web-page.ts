import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';
import { type AgentSetup, demoAgentConfig } from '../demo-script.js';

function publicDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'public', 'index.html'))) return join(dir, 'public');
    dir = resolve(dir, '..');
  }
  throw new Error('apps/demo/public not found next to the demo');
}

const FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/demo/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/demo/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

/** Serves the single demo page and its agent settings from the llama-stack-ts server's own app. */
export interface WebSettings {
  setup: AgentSetup;
  mode: string;
}

/** Routes are added before the server answers its first request; the settings are read per request. */
export function mountWebPage(app: Hono, settings: () => WebSettings | undefined): void {
  const dir = publicDir();
  for (const [path, { file, type }] of Object.entries(FILES)) {
    const body = readFileSync(join(dir, file));
    app.get(path, (c) => c.body(body, 200, { 'content-type': type, 'cache-control': 'no-cache' }));
  }
  app.get('/demo/config.json', (c) => {
    const current = settings();
    if (!current) return c.json({ error: { message: 'The demo is still starting', code: 'starting' } }, 503);
    return c.json({
      mode: current.mode,
      model: current.setup.model,
      shields: current.setup.shields,
      toolgroups: current.setup.codeInterpreter ? ['builtin::code_interpreter'] : [],
      agent_config: demoAgentConfig(current.setup),
    });
  });
}
