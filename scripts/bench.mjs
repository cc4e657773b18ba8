// `npm run bench`: bundles each bench/*.ts with esbuild and runs it on this machine; prints JSON.
// The study-screen benchmark (keystroke to next card in Chromium) runs through Playwright.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const outdir = join('.cache', 'bench');
mkdirSync(outdir, { recursive: true });
const benches = ['core-answer', 'statistics'];
await build({
  entryPoints: benches.map((name) => `bench/${name}.ts`),
  outdir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['better-sqlite3'],
  logLevel: 'warning',
});
const require = createRequire(import.meta.url);
for (const name of benches) {
  const result = require(join(process.cwd(), outdir, `${name}.cjs`)).run();
  console.log(JSON.stringify({ bench: name, ...result }, null, 2));
}
if (!process.argv.includes('--core-only')) {
  const ui = spawnSync('npx', ['playwright', 'test', 'test/e2e/perf.spec.ts', '--reporter=line'], {
    stdio: 'inherit',
    env: { ...process.env, CUE_PERF: '1' },
  });
  process.exitCode = ui.status ?? 1;
}
