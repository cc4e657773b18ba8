// Runs a TypeScript module of the project under plain Node: bundles it with esbuild into .cache/ts/
// and calls its exported `main(args)`. Used by the benchmarks and the history simulator.
//   node scripts/run-ts.mjs bench/simulate-history.ts --data-dir /tmp/cue --days 84
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, resolve } from 'node:path';
import { build } from 'esbuild';

export async function loadTs(entry) {
  const outdir = resolve('.cache', 'ts');
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, `${basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3', '@open-spaced-repetition/binding'],
    logLevel: 'warning',
  });
  return createRequire(import.meta.url)(outfile);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    console.error('usage: node scripts/run-ts.mjs FILE.ts [args…]');
    process.exit(1);
  }
  const module = await loadTs(entry);
  process.exitCode = (await module.main(args)) ?? 0;
}
