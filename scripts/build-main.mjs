// Bundles the main-process entry points (Electron main, preload, CLI) into dist/electron/*.cjs.
import { build } from 'esbuild';

const entryPoints = { main: 'electron/main.ts', preload: 'electron/preload.ts', cli: 'electron/cli.ts' };

await build({
  entryPoints,
  outdir: 'dist/electron',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  // native addons and the Electron runtime stay outside the bundle (the FSRS binding loads its
  // platform's .node at run time, in the optimiser's worker thread)
  external: ['electron', 'better-sqlite3', '@open-spaced-repetition/binding'],
  logLevel: 'warning',
});
