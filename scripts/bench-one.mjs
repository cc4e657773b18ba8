// One benchmark of bench/ in this process (scripts/bench.mjs starts one process per benchmark, so each
// peak RSS is its own): `node scripts/bench-one.mjs NAME '{"smoke":true}'` prints its result as JSON.
import { readFileSync } from 'node:fs';
import { loadTs } from './run-ts.mjs';

const [name, optionsJson = '{}'] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const result = await (await loadTs(`bench/${name}.ts`)).run(options);
// VmHWM where Linux has it: maxRSS would carry the parent's peak into this process
const hwm = process.platform === 'linux' && /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const peakRssMb = Math.round(hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ bench: name, peakRssMb, ...result })}\n`);
