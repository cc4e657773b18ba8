// One benchmark of bench/ in this process (scripts/bench.mjs starts one process per benchmark, so each
// peak RSS is its own): `node scripts/bench-one.mjs NAME '{"smoke":true}'` prints its result as JSON.
import { loadTs } from './run-ts.mjs';

const [name, optionsJson = '{}'] = process.argv.slice(2);
const options = JSON.parse(optionsJson);
const result = await (await loadTs(`bench/${name}.ts`)).run(options);
const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
process.stdout.write(`${JSON.stringify({ bench: name, peakRssMb, ...result })}\n`);
