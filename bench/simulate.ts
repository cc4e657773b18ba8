/**
 * Benchmark: the workload simulation (30 desired retentions x 365 days) on the bundled 50-card deck
 * after a few weeks of study, and on a generated collection of 10,000 cards with a history.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import { generateCollection } from './generate-collection';
import { simulate as studyDays } from './simulate-history';
import { summarize } from './stats';
import { removeDir } from './temp-dirs';

async function time<T>(runs: number, action: () => Promise<T>): Promise<{ timing: Record<string, number>; result: T }> {
  const samples: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    result = await action();
    samples.push(performance.now() - start);
  }
  return { timing: summarize(samples), result: result as T };
}

async function bundledDeck(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cue-bench-simulate-'));
  const clock = { time: Date.UTC(2026, 9, 1, 9, 0) };
  const collection = new Collection({
    dataDir,
    clock: () => clock.time,
    timeZone: 'UTC',
    bundledDeckDir: join(process.cwd(), 'deck'),
    backgroundCheck: false,
  });
  try {
    studyDays(collection, clock, { days: 28, seed: 7, until: clock.time });
    const { timing, result } = await time(5, () => collection.handlers.simulate({ deckId: 1 }));
    return { cards: 50, 'simulate (30 retentions x 365 days) ms': timing, best: result.best };
  } finally {
    collection.close();
    removeDir(dataDir);
  }
}

async function generated(): Promise<Record<string, unknown>> {
  const dir = join(process.cwd(), '.cache', 'bench', 'collection-10k');
  const collectionFile = generateCollection(join(dir, 'collection.sqlite'), 10_000, 20);
  const collection = new Collection({ dataDir: dir, clock: () => collectionFile.now, timeZone: 'UTC' });
  try {
    const { timing, result } = await time(3, () => collection.handlers.simulate({ deckId: 1 }));
    // the longest the collection waits for other calls: one retention, the busiest one
    const turn = await time(3, () => collection.handlers.simulate({ deckId: 1, retentions: [0.99] }));
    return {
      cards: 10_000,
      'simulate (30 retentions x 365 days) ms': timing,
      'one turn (retention 0.99, the busiest) ms': turn.timing,
      best: result.best,
    };
  } finally {
    collection.close();
  }
}

/** The 30-day preview and the reschedule after a retention change, on a copy of the 10,000 cards (it writes). */
async function rescheduled(): Promise<Record<string, unknown>> {
  const source = join(process.cwd(), '.cache', 'bench', 'collection-10k');
  const { now } = generateCollection(join(source, 'collection.sqlite'), 10_000, 20);
  const dir = mkdtempSync(join(tmpdir(), 'cue-bench-reschedule-'));
  cpSync(join(source, 'collection.sqlite'), join(dir, 'collection.sqlite'));
  const collection = new Collection({ dataDir: dir, clock: () => now, timeZone: 'UTC', backgroundCheck: false });
  try {
    const reviews = collection.db.prepare('SELECT count(*) FROM reviews').pluck().get();
    const preview = await time(1, () =>
      collection.handlers['presets.reschedulePreview']({ presetId: 1, options: { desiredRetention: 0.85 } }),
    );
    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.85 } });
    const reschedule = await time(1, () => collection.handlers['presets.reschedule']({ presetId: 1 }));
    return {
      cards: 10_000,
      reviews,
      'presets.reschedulePreview ms': preview.timing.median,
      'presets.reschedule ms': reschedule.timing.median,
      rescheduled: reschedule.result.cards,
    };
  } finally {
    collection.close();
    removeDir(dir);
  }
}

export async function run(): Promise<Record<string, unknown>> {
  return { 'bundled deck': await bundledDeck(), generated: await generated(), reschedule: await rescheduled() };
}
