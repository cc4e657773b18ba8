/**
 * Benchmark: the card browser's queries on the generated collection of 100,000 cards (see
 * generate-collection.ts): searches, filters, every sort, and pages deep in the list, each as the
 * browser asks for them (200 rows a page).
 */
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import type { SortColumn } from '../shared/search';
import { generateCollection } from './generate-collection';
import { summarize } from './stats';

const PAGE = 200;

function time(runs: number, action: () => unknown): Record<string, number> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    action();
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

export function run(): Record<string, unknown> {
  const dataDir = join(process.cwd(), '.cache', 'bench', 'collection-100k');
  const generated = generateCollection(join(dataDir, 'collection.sqlite'));
  const collection = new Collection({ dataDir, clock: () => generated.now, timeZone: 'UTC' });
  const search =
    (query: string, offset = 0, column?: SortColumn, descending = false) =>
    () =>
      collection.handlers['cards.search']({
        query,
        limit: PAGE,
        offset,
        sort: column ? { column, descending } : undefined,
      });
  try {
    const results: Record<string, unknown> = {
      cards: collection.db.prepare('SELECT count(*) FROM cards').pluck().get(),
      'first page, no query ms': time(10, search('')),
      'page at 90,000, no query ms': time(10, search('', 90_000)),
      '"question 4242" ms': time(10, search('question 4242')),
      '"what is:due" (every card has the word) ms': time(10, search('what is:due')),
      '"section:s3 is:review lapses>1" ms': time(10, search('section:s3 is:review lapses>1')),
      '"-is:new stability>30 lapses>=2" ms': time(10, search('-is:new stability>30 lapses>=2')),
      '"due<2026-11-10" ms': time(10, search('due<2026-11-10')),
    };
    const columns: SortColumn[] = ['question', 'due', 'stability', 'retrievability', 'lapses', 'modified'];
    for (const column of columns) {
      results[`sorted by ${column}, first page ms`] = time(5, search('', 0, column, true));
      results[`sorted by ${column}, page at 90,000 ms`] = time(5, search('', 90_000, column, true));
    }
    // Deleting 1,000 cards with their history (20 reviews each), and undoing it; rolled back after.
    const ids = collection.db
      .prepare('SELECT id FROM cards ORDER BY id LIMIT 1000 OFFSET 5000')
      .pluck()
      .all() as number[];
    const rolledBack = (action: () => unknown) => () => {
      collection.db.exec('SAVEPOINT bench');
      try {
        action();
      } finally {
        collection.db.exec('ROLLBACK TO bench; RELEASE bench');
      }
    };
    results['cards.delete (1,000 cards) ms'] = time(
      3,
      rolledBack(() => collection.handlers['cards.delete']({ cardIds: ids })),
    );
    results['cards.delete then cards.restore (1,000 cards) ms'] = time(
      3,
      rolledBack(() => {
        const { batch } = collection.handlers['cards.delete']({ cardIds: ids });
        collection.handlers['cards.restore']({ batch });
      }),
    );
    results['heap used MB'] = Math.round(process.memoryUsage().heapUsed / 1e6);
    return results;
  } finally {
    collection.close();
  }
}
