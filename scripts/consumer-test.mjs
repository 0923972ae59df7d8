#!/usr/bin/env node
// Packs every publishable package, installs the tarballs into a fresh project with plain npm (no workspace
// links), imports each public entry point at run time and type-checks a consumer file with tsc (NodeNext).
// Catches missing dependencies, wrong exports maps and workspace-only paths before a user does.
import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'llama-stack-ts-consumer-'));
const tarballs = join(work, 'tarballs');
const project = join(work, 'project');
mkdirSync(tarballs);
mkdirSync(project);

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const packages = readdirSync(join(root, 'packages'))
  .map((dir) => join(root, 'packages', dir))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => !manifest.private);

const entryPoints = [];
for (const { dir, manifest } of packages) {
  if (!existsSync(join(dir, 'dist'))) throw new Error(`${manifest.name}: no dist/ — run the build first`);
  run('npx', ['-y', 'pnpm@10.34.0', 'pack', '--pack-destination', tarballs], dir);
  for (const subpath of Object.keys(manifest.exports ?? { '.': {} })) {
    if (subpath === './package.json') continue;
    entryPoints.push(subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`);
  }
}

const files = readdirSync(tarballs).map((file) => join(tarballs, file));
writeFileSync(
  join(project, 'package.json'),
  JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2),
);
console.log(`installing ${files.length} tarballs with npm into ${project}`);
run(
  'npm',
  ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files, 'typescript@5.9.3', '@types/node@20'],
  project,
);

const runtimeCheck = entryPoints
  .map(
    (entry, i) =>
      `import * as m${i} from '${entry}';\nif (Object.keys(m${i}).length === 0) throw new Error('${entry} exports nothing');`,
  )
  .join('\n');
writeFileSync(
  join(project, 'runtime-check.mjs'),
  `${runtimeCheck}\nconsole.log('imported ${entryPoints.length} entry points');\n`,
);
console.log(run('node', ['runtime-check.mjs'], project).trim());

const typeCheck = [
  ...entryPoints.map((entry, i) => `import * as m${i} from '${entry}';`),
  `import { AgentConfig, type Turn } from '@llama-stack-ts/api-types';`,
  `const config: AgentConfig = AgentConfig.parse({ model: 'llama3.2:3b', instructions: 'Be brief.' });`,
  `const maxIters: number = config.max_infer_iters;`,
  `export function lastText(turn: Turn): unknown { return turn.output_message.content; }`,
  `export const modules = [${entryPoints.map((_, i) => `m${i}`).join(', ')}];`,
  `export { maxIters };`,
].join('\n');
writeFileSync(join(project, 'consumer.ts'), `${typeCheck}\n`);
writeFileSync(
  join(project, 'tsconfig.json'),
  JSON.stringify(
    {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noEmit: true,
        skipLibCheck: false,
        types: ['node'],
      },
      files: ['consumer.ts'],
    },
    null,
    2,
  ),
);
run('npx', ['tsc', '-p', '.'], project);
console.log(`type-checked a consumer of ${entryPoints.length} entry points: ${entryPoints.join(', ')}`);
rmSync(work, { recursive: true, force: true });
