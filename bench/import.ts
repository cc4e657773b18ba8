/**
 * Benchmark: importing an Anki package of 20,000 notes with 200,000 reviews into a fresh collection,
 * through the real reader and apply step as `cue import` does, against the floor (bench/import-floor.ts);
 * then exporting the imported deck as .apkg with its history, against the export floor. Timings come
 * from one process, interleaved; each peak resident set from a process of its own running that part
 * once (bench/import-process.ts), since the peak is per process.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Collection } from '../electron/core/collection';
import { benchPackage } from './import-package';
import { type ImportPart, openBenchCollection, runPart } from './import-process';
import { type BenchOptions, type BenchRow, interleaved, row } from './measure';
import { removeDir } from './temp-dirs';

const REVIEWS_PER_NOTE = 10;
/** Where scripts/run-ts.mjs puts the bundle of bench/import-process.ts. */
const BUNDLE = resolve('.cache', 'ts', 'import-process.cjs');

interface FreshRun {
  ms: number;
  peakRssMb: number;
  result: number;
}

/**
 * One part in a fresh Node process. The first bundles bench/import-process.ts (scripts/run-ts.mjs);
 * the others load that bundle, so no process but the first spends its time in esbuild.
 */
function inFreshProcess(part: ImportPart, packagePath: string, dataDir: string, bundled: boolean): FreshRun {
  const args = [part, packagePath, dataDir];
  const command = bundled
    ? ['-e', `process.exitCode = require(${JSON.stringify(BUNDLE)}).main(${JSON.stringify(args)})`]
    : ['scripts/run-ts.mjs', 'bench/import-process.ts', ...args];
  const child = spawnSync(process.execPath, command, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`bench part ${part} failed: ${child.stderr || child.stdout}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as FreshRun;
}

/** Fresh collections, one for each round an interleaved measurement makes (its warm-up too). */
function freshCollections(root: string, side: string, count: number): Collection[] {
  return Array.from({ length: count }, (_, i) => {
    const dir = join(root, `${side}-${i}`);
    mkdirSync(dir);
    return openBenchCollection(dir);
  });
}

export function run(options: BenchOptions = {}): { rows: BenchRow[] } {
  const notes = options.smoke ? 200 : 20_000;
  const runs = options.smoke ? 1 : 5;
  const size = `${notes.toLocaleString('en')} notes / ${(notes * REVIEWS_PER_NOTE).toLocaleString('en')} reviews`;
  const root = mkdtempSync(join(tmpdir(), 'cue-bench-import-'));
  const opened: Collection[] = [];
  try {
    const bytes = benchPackage(notes, REVIEWS_PER_NOTE);
    const packagePath = join(root, 'bench.apkg');
    writeFileSync(packagePath, bytes);

    const rounds = runs + Math.min(20, Math.ceil(runs / 10));
    const cueCollections = freshCollections(root, 'cue', rounds);
    const floorCollections = freshCollections(root, 'floor', rounds);
    opened.push(...cueCollections, ...floorCollections);
    const expectReviews = (reviews: number) => {
      if (reviews !== notes * REVIEWS_PER_NOTE) throw new Error(`imported ${reviews} reviews`);
    };
    let cueRound = 0;
    let floorRound = 0;
    const imported = interleaved(
      runs,
      () => expectReviews(runPart('cue', cueCollections[cueRound++], bytes)),
      () => expectReviews(runPart('floor', floorCollections[floorRound++], bytes)),
    );
    const exporting = cueCollections[0];
    const exported = interleaved(
      runs,
      () => runPart('export', exporting, bytes),
      () => runPart('export-floor', exporting, bytes),
    );

    let bundled = false;
    const fresh = (part: ImportPart, dir: string) => {
      const measured = inFreshProcess(part, packagePath, join(root, dir), bundled);
      bundled = true;
      return measured;
    };
    const cueImport = fresh('cue', 'fresh-cue');
    const floorImport = fresh('floor', 'fresh-floor');
    const cueExport = fresh('export', 'fresh-cue');
    const floorExport = fresh('export-floor', 'fresh-cue');
    return {
      rows: [
        {
          ...row('import .apkg', size, imported, '< 2.5 s, peak RSS < 250 MB'),
          cue: { ...imported.cue, freshProcessMs: cueImport.ms },
          floor: { ...imported.floor, freshProcessMs: floorImport.ms, peakRssMb: floorImport.peakRssMb },
          peakRssMb: cueImport.peakRssMb,
        },
        {
          ...row('export .apkg', size, exported, '< 2 s'),
          cue: { ...exported.cue, freshProcessMs: cueExport.ms },
          floor: { ...exported.floor, freshProcessMs: floorExport.ms, peakRssMb: floorExport.peakRssMb },
          peakRssMb: cueExport.peakRssMb,
        },
      ],
    };
  } finally {
    for (const collection of opened) collection.close();
    removeDir(root);
  }
}
