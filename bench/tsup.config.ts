import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';

// Every contender is its own entry so the child process imports exactly one of them (and times it).
const contenders = Object.fromEntries(
  readdirSync('src/contenders')
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => [`contenders/${file.slice(0, -3)}`, `src/contenders/${file}`]),
);

export default defineConfig({
  entry: {
    main: 'src/main.ts',
    'harness/child': 'src/harness/child.ts',
    'fake-model-server/main': 'src/fake-model-server/main.ts',
    'server-host/main': 'src/server-host/main.ts',
    'profile-summary': 'src/profile-summary.ts',
    stages: 'src/stages.ts',
    ...contenders,
  },
  format: ['esm'],
  dts: false,
  clean: true,
  target: 'node20',
  sourcemap: true,
  splitting: true,
});
