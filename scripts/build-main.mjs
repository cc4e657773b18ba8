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
  // native addon and the Electron runtime stay outside the bundle
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
});
