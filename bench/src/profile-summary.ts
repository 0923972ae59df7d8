/**
 * Summarises V8 CPU profiles (from `--profile <id>`): self time by function and by package, as shares of
 * the sampled CPU, so a hot path can be named precisely (file, function, share).
 *   node dist/profile-summary.js bench/profiles/core-memory/*.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});

const selfByFunction = new Map<string, number>();
const selfByPackage = new Map<string, number>();
let total = 0;

function packageOf(url: string): string {
  if (url === '') return '(native / GC)';
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pnpm) return pnpm[1]!;
  const workspace = /\/(packages|bench)\/([^/]+)?/.exec(url);
  if (workspace) return workspace[1] === 'bench' ? 'bench' : `@llama-stack-ts/${workspace[2]}`;
  if (url.startsWith('node:')) return 'node core';
  return url;
}

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const dt = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    total += dt;
    const short = url.replace(
      /^file:\/\/.*?\/(node_modules\/\.pnpm\/[^/]+\/node_modules\/|packages\/|bench\/)/,
      '',
    );
    const key = `${functionName || '(anonymous)'}  ${short}:${lineNumber + 1}`;
    selfByFunction.set(key, (selfByFunction.get(key) ?? 0) + dt);
    const pkg = packageOf(url);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + dt);
  });
}

const show = (title: string, map: Map<string, number>, top: number) => {
  console.log(`\n${title} (share of ${(total / 1000).toFixed(0)} ms sampled, idle excluded)`);
  for (const [key, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
  }
};
show('Self time by package', selfByPackage, 15);
show('Self time by function', selfByFunction, Number(values.top));
