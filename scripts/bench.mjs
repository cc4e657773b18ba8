// `npm run bench`: bundles each bench/*.ts with esbuild and runs it on this machine; prints JSON.
// Then the Chromium benchmarks through Playwright: keystroke to next card in study, and the card browser
// on the 100,000-card collection the browse bench generates. `--only NAME` runs one (`--only ui` for both
// Chromium ones); `--core-only` skips Chromium.
import { spawnSync } from 'node:child_process';
import { loadTs } from './run-ts.mjs';

const benches = ['core-answer', 'statistics', 'browse', 'import', 'simulate'];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
for (const name of benches.filter((b) => only === null || b === only)) {
  const result = await (await loadTs(`bench/${name}.ts`)).run();
  console.log(JSON.stringify({ bench: name, ...result }, null, 2));
}
if (!process.argv.includes('--core-only') && (only === null || only === 'ui')) {
  const specs = ['test/e2e/study-perf.spec.ts', 'test/e2e/browse-perf.spec.ts'];
  const ui = spawnSync('npx', ['playwright', 'test', ...specs, '--reporter=line', '--workers=1'], {
    stdio: 'inherit',
    env: { ...process.env, CUE_PERF: '1' },
  });
  process.exitCode = ui.status ?? 1;
}
