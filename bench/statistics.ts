/**
 * Benchmark: the statistics screen's data (the `stats` call) for a whole deck on generated
 * collections of 100,000 cards with 2,000,000 reviews and of 1,000,000 cards with 2,000,000, the first
 * time it is opened (the past week-ends worked out and stored) and later (read back), each against a
 * floor that reads the same figures straight from the tables (statistics-floor.ts); the screen's other
 * calls at 100,000 cards; and the core's resident memory with 1,000,000 cards open and the statistics
 * computed, in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import { openCollectionDatabase } from '../electron/core/database';
import { MS_PER_DAY, MS_PER_HOUR } from '../electron/core/days';
import { benchCollection } from './generate-collection';
import { type BenchOptions, type BenchRow, interleaved, peakRssMb, row, timed } from './measure';
import { floorStatistics } from './statistics-floor';
import { removeDir } from './temp-dirs';

interface Size {
  cards: number;
  reviewsPerCard: number;
  label: string;
  firstRuns: number;
  cachedRuns: number;
  target: { first: string; cached: string };
  /** Also time the screen's other calls. */
  otherCalls: boolean;
}

const SIZES: Size[] = [
  {
    cards: 100_000,
    reviewsPerCard: 20,
    label: '100,000 cards / 2,000,000 reviews',
    firstRuns: 5,
    cachedRuns: 10,
    target: { first: '< 300 ms', cached: '< 100 ms' },
    otherCalls: true,
  },
  {
    cards: 1_000_000,
    reviewsPerCard: 2,
    label: '1,000,000 cards / 2,000,000 reviews',
    firstRuns: 3,
    cachedRuns: 3,
    target: { first: '< 1 s', cached: '< 1 s' },
    otherCalls: false,
  },
];

const SMOKE: Size = {
  cards: 200,
  reviewsPerCard: 5,
  label: '200 cards',
  firstRuns: 2,
  cachedRuns: 2,
  target: { first: '', cached: '' },
  otherCalls: true,
};

const RSS_TARGET = '< 200 MB';

export function run(options: BenchOptions = {}): { rows: BenchRow[] } {
  const sizes = options.smoke ? [SMOKE] : SIZES;
  const rows: BenchRow[] = [];
  for (const size of sizes) {
    // a copy: the bench stores and clears the week-ends, and the schema may need updating
    const dataDir = join(tmpdir(), 'cue-bench-statistics', String(size.cards));
    removeDir(dataDir);
    try {
      const generated = benchCollection(size.cards, size.reviewsPerCard, dataDir);
      // brought to the current schema before timing (without the safety backup the app makes first)
      openCollectionDatabase(generated.path).close();
      rows.push(...measureSize(size, dataDir, generated.now));
      const largest = size === sizes[sizes.length - 1];
      if (largest) rows.push(rssRow(size, dataDir, generated.now, options.smoke === true));
    } finally {
      removeDir(dataDir);
    }
  }
  return { rows };
}

function measureSize(size: Size, dataDir: string, now: number): BenchRow[] {
  const collection = new Collection({ dataDir, clock: () => now, timeZone: 'UTC' });
  try {
    const { db } = collection;
    const stats = () => collection.handlers.stats({ deckId: 1 });
    const query = { deckId: 1, now, curve: collection.scheduler.curve, weekEnds: weekEnds(now) };
    const rows = [
      row(
        'statistics, first open',
        size.label,
        interleaved(
          size.firstRuns,
          () => {
            db.exec('DELETE FROM memory_snapshots');
            stats();
          },
          () => floorStatistics(db, { ...query, stored: false }),
          1,
        ),
        size.target.first,
      ),
    ];
    stats();
    rows.push(
      row(
        'statistics, cached',
        size.label,
        interleaved(size.cachedRuns, stats, () => floorStatistics(db, { ...query, stored: true }), 1),
        size.target.cached,
      ),
    );
    if (size.otherCalls) rows.push(...otherCalls(collection, size));
    return rows;
  } finally {
    collection.close();
  }
}

/** The ends of the 11 weeks before today's, as the statistics count them (UTC, days from 4 am). */
function weekEnds(now: number): number[] {
  const today = Math.floor((now - 4 * MS_PER_HOUR) / MS_PER_DAY);
  return Array.from({ length: 11 }, (_, i) => (today - 7 * (11 - i) + 1) * MS_PER_DAY + 4 * MS_PER_HOUR - 1);
}

/** The statistics screen's other calls, timed (no floor: each is one query). */
function otherCalls(collection: Collection, size: Size): BenchRow[] {
  const h = collection.handlers;
  const calls: [string, () => unknown][] = [
    ['stats.cards (first 100, weakest first)', () => h['stats.cards']({ deckId: 1, limit: 100, offset: 0 })],
    ['stats.missedPoints', () => h['stats.missedPoints']({ deckId: 1, limit: 10 })],
    ['stats.answerTimes', () => h['stats.answerTimes']({ deckId: 1 })],
    ['stats.graphs (30 days)', () => h['stats.graphs']({ deckId: 1, days: 30 })],
    ['stats.graphs (a year)', () => h['stats.graphs']({ deckId: 1, days: 365 })],
    ['decks.list', () => h['decks.list']({})],
  ];
  return calls.map(([operation, call]) => ({ operation, size: size.label, cue: timed(size.cachedRuns, call) }));
}

/**
 * Peak resident memory of a process that opens the collection and shows its statistics: a later open
 * (the past week-ends read back), and the first (worked out and stored), each in a process of its own
 * so nothing else this bench held counts. The smoke run measures this process instead.
 */
function rssRow(size: Size, dataDir: string, now: number, smoke: boolean): BenchRow {
  const peak = (open: 'first' | 'cached') => {
    if (smoke) return openAndCompute(dataDir, now, open);
    const child = spawnSync(
      process.execPath,
      ['scripts/run-ts.mjs', 'bench/statistics.ts', dataDir, String(now), open],
      {
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(`the memory measurement failed: ${child.stderr}`);
    return Number(child.stdout.trim().split('\n').at(-1));
  };
  const cached = peak('cached');
  const first = peak('first');
  return {
    operation: `core RSS with ${size.label.split(' / ')[0]} open and statistics computed`,
    size: size.label,
    cue: { laterOpenMb: cached, firstOpenMb: first },
    peakRssMb: Math.max(cached, first),
    target: size === SMOKE ? '' : RSS_TARGET,
  };
}

function openAndCompute(dataDir: string, now: number, open: 'first' | 'cached'): number {
  const collection = new Collection({ dataDir, clock: () => now, timeZone: 'UTC' });
  try {
    if (open === 'first') collection.db.exec('DELETE FROM memory_snapshots');
    collection.handlers.stats({ deckId: 1 });
    return peakRssMb();
  } finally {
    collection.close();
  }
}

/**
 * `node scripts/run-ts.mjs bench/statistics.ts DATA_DIR NOW first|cached`: prints the peak RSS (MB) of
 * opening the collection and computing its statistics, the first time or a later one.
 */
export function main([dataDir, now, open]: string[]): number {
  console.log(openAndCompute(dataDir, Number(now), open === 'first' ? 'first' : 'cached'));
  return 0;
}
