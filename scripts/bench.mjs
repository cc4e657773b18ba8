// `npm run bench`: bundles each bench/*.ts with esbuild and runs it on this machine; prints JSON.
// The study-screen benchmark (keystroke to next card in Chromium) runs through Playwright.
import { spawnSync } from 'node:child_process';
import { loadTs } from './run-ts.mjs';

const benches = ['core-answer', 'statistics', 'browse', 'import'];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
for (const name of benches.filter((b) => only === null || b === only)) {
  const result = (await loadTs(`bench/${name}.ts`)).run();
  console.log(JSON.stringify({ bench: name, ...result }, null, 2));
}
if (!process.argv.includes('--core-only') && only === null) {
  const ui = spawnSync('npx', ['playwright', 'test', 'test/e2e/perf.spec.ts', '--reporter=line'], {
    stdio: 'inherit',
    env: { ...process.env, CUE_PERF: '1' },
  });
  process.exitCode = ui.status ?? 1;
}
