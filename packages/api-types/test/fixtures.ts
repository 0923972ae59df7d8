import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export function jsonFixture(name: string): unknown {
  return JSON.parse(readFileSync(join(here, 'fixtures', name), 'utf8'));
}

export function jsonLinesFixture(name: string): unknown[] {
  return readFileSync(join(here, 'fixtures', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
}

export const recordingsDir = join(here, '../../../../shared/fixtures/ollama-recordings');
