// `npm run bench`: every benchmark in bench/, each in a Node process of its own, Cue against its floor
// (measured interleaved in the same process), printed as a table; then the Chromium benchmarks
// through Playwright (keystroke to next card in study, and the card browser).
//   --only NAME     one benchmark (core-answer, statistics, browse, delete, import, simulate, sync; ui for Chromium)
//   --sizes N,M     only these collection sizes (cards), where a benchmark has sizes
//   --smoke         every size tiny: checks that the suite runs, measures nothing (npm test runs it)
//   --json          the results as JSON instead of the table
//   --core-only     skip Chromium
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';

const BENCHES = ['core-answer', 'statistics', 'browse', 'delete', 'import', 'simulate', 'sync'];
const args = process.argv.slice(2);
const value = (flag) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const only = value('--only');
const options = {
  smoke: args.includes('--smoke'),
  ...(value('--sizes') ? { sizes: value('--sizes').split(',').map(Number) } : {}),
};

const results = [];
for (const name of BENCHES.filter((bench) => only === undefined || bench === only)) {
  const run = spawnSync(process.execPath, ['scripts/bench-one.mjs', name, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    console.error(`bench ${name} failed (exit ${run.status ?? run.signal})`);
    process.exitCode = 1;
    continue;
  }
  results.push(JSON.parse(run.stdout.trim().split('\n').at(-1)));
}

const machine = {
  cpu: cpus()[0]?.model,
  cores: cpus().length,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
if (args.includes('--json')) console.log(JSON.stringify({ machine, results }, null, 2));
else printTables(results);

if (!options.smoke && !args.includes('--core-only') && (only === undefined || only === 'ui')) {
  const specs = ['test/e2e/study-perf.spec.ts', 'test/e2e/browse-perf.spec.ts'];
  const ui = spawnSync('npx', ['playwright', 'test', ...specs, '--reporter=line', '--workers=1'], {
    stdio: 'inherit',
    env: { ...process.env, CUE_PERF: '1' },
  });
  if (ui.status !== 0) process.exitCode = 1;
}

function printTables(all) {
  console.log(`Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}\n`);
  // timings as median (p95); a memory row's figures by name
  const ms = (s) =>
    !s
      ? ''
      : s.median === undefined
        ? Object.entries(s)
            .map(([k, v]) => `${k} ${v}`)
            .join(', ')
        : `${s.median} (p95 ${s.p95})`;
  for (const result of all) {
    console.log(`## ${result.bench} (peak RSS of its process ${result.peakRssMb} MB)`);
    if (!Array.isArray(result.rows)) {
      const { bench: _, peakRssMb: __, ...rest } = result;
      console.log(JSON.stringify(rest, null, 2), '\n');
      continue;
    }
    const table = [
      ['operation', 'size', 'Cue ms median (p95)', 'floor ms median (p95)', 'ratio', 'peak RSS MB', 'target'],
    ];
    for (const row of result.rows) {
      table.push([
        row.operation,
        row.size,
        ms(row.cue),
        ms(row.floor),
        row.ratio === undefined ? '' : `${row.ratio}x`,
        row.peakRssMb ?? '',
        row.target ?? '',
      ]);
    }
    const widths = table[0].map((_, i) => Math.max(...table.map((cells) => String(cells[i]).length)));
    for (const [i, cells] of table.entries()) {
      console.log(`| ${cells.map((cell, j) => String(cell).padEnd(widths[j])).join(' | ')} |`);
      if (i === 0) console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
    }
    console.log('');
  }
}
