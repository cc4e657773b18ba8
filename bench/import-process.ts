/**
 * One part of the import bench in a process of its own, so its peak resident set is its own:
 *   node scripts/run-ts.mjs bench/import-process.ts cue|floor|export|export-floor PACKAGE DATA_DIR
 * `cue` and `floor` import PACKAGE into a fresh collection in DATA_DIR; `export` and `export-floor`
 * export the deck a `cue` import left there. Prints {"ms", "peakRssMb"} as JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Collection } from '../electron/core/collection';
import { exportFloor, importFloor } from './import-floor';
import { BENCH_NOW } from './import-package';
import { peakRssMb } from './measure';

export type ImportPart = 'cue' | 'floor' | 'export' | 'export-floor';

export function openBenchCollection(dataDir: string): Collection {
  return new Collection({ dataDir, clock: () => BENCH_NOW, timeZone: 'UTC', backgroundCheck: false });
}

/** The bench deck's id in a collection a `cue` import wrote. */
export function benchDeckId(collection: Collection): number {
  return collection.db.prepare("SELECT id FROM decks WHERE key = 'bench'").pluck().get() as number;
}

/** Runs one part on an open collection; what it wrote or made, to check it did the job. */
export function runPart(part: ImportPart, collection: Collection, bytes: Uint8Array): number {
  if (part === 'cue') return collection.importFile('bench.apkg', bytes, { dryRun: false }).reviews;
  if (part === 'floor') return importFloor(bytes, collection.db, BENCH_NOW).reviews;
  const deckId = benchDeckId(collection);
  if (part === 'export') {
    return collection.exportFile({ format: 'apkg', deckId, withHistory: true }).data.length;
  }
  return exportFloor(collection.db, deckId).length;
}

/**
 * This process's own peak resident set, in MB. The kernel keeps the maximum (maxRSS) across fork and
 * exec, so a process the bench starts would report the bench's; VmHWM is the peak of its own memory.
 */
function ownPeakRssMb(): number {
  if (!existsSync('/proc/self/status')) return peakRssMb();
  const kb = /VmHWM:\s*(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return kb === undefined ? peakRssMb() : Math.round(Number(kb) / 1024);
}

export function main(args: string[]): number {
  const [part, packagePath, dataDir] = args as [ImportPart, string, string];
  const bytes = part === 'cue' || part === 'floor' ? readFileSync(packagePath) : new Uint8Array(0);
  const collection = openBenchCollection(dataDir);
  try {
    const start = performance.now();
    const result = runPart(part, collection, bytes);
    const ms = Math.round(performance.now() - start);
    console.log(JSON.stringify({ ms, peakRssMb: ownPeakRssMb(), result }));
  } finally {
    collection.close();
  }
  return 0;
}
