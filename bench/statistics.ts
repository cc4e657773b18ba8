/**
 * Benchmark: the statistics screen's data (and the other read paths people hit every day) on a
 * generated collection of 100,000 cards and 2,000,000 reviews over 3 years.
 */
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import { generateCollection } from './generate-collection';
import { summarize } from './stats';

function time<T>(runs: number, action: () => T): Record<string, number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    action();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export function run(): Record<string, unknown> {
  const started = performance.now();
  const generated = generateCollection(join(process.cwd(), '.cache', 'bench', 'collection-100k', 'collection.sqlite'));
  const generateMs = Math.round(performance.now() - started);
  const collection = new Collection({
    dataDir: join(process.cwd(), '.cache', 'bench', 'collection-100k'),
    clock: () => generated.now,
    timeZone: 'UTC',
  });
  try {
    const reviews = collection.db.prepare('SELECT count(*) FROM reviews').pluck().get();
    const stats = collection.handlers.stats({ deckId: 1 });
    return {
      collection: { cards: stats.total.cards.total, reviews, generateOrReuseMs: generateMs },
      'stats (whole deck, history not stored yet: first open) ms': time(3, () => {
        collection.db.exec('DELETE FROM memory_snapshots');
        collection.handlers.stats({ deckId: 1 });
      }),
      'stats (whole deck, a week later: one new week-end to store) ms': time(3, () => {
        collection.db.exec('DELETE FROM memory_snapshots WHERE at = (SELECT max(at) FROM memory_snapshots)');
        collection.handlers.stats({ deckId: 1 });
      }),
      'stats (whole deck) ms': time(10, () => collection.handlers.stats({ deckId: 1 })),
      'stats (one section) ms': time(10, () => collection.handlers.stats({ deckId: 1, sectionId: 3 })),
      'stats (whole deck, all-time mastery, first time) ms': time(1, () =>
        collection.handlers.stats({ deckId: 1, allTime: true }),
      ),
      'stats (whole deck, all-time mastery) ms': time(3, () => collection.handlers.stats({ deckId: 1, allTime: true })),
      'stats.cards (first 100, weakest first) ms': time(10, () =>
        collection.handlers['stats.cards']({ deckId: 1, sectionId: 2, limit: 100, offset: 0 }),
      ),
      'stats.card ms': time(10, () => collection.handlers['stats.card']({ cardId: 4242 })),
      'decks.list ms': time(10, () => collection.handlers['decks.list']({})),
      'study.next ms': time(10, () => collection.handlers['study.next']({ deckId: 1 })),
      'heap used MB': Math.round(process.memoryUsage().heapUsed / 1e6),
    };
  } finally {
    collection.close();
  }
}
