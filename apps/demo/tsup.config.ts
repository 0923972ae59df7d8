import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/pick-recordings.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  target: 'node20',
  sourcemap: true,
  banner: { js: '#!/usr/bin/env node' },
});
