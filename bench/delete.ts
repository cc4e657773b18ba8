/**
 * Benchmark: the card browser's bulk delete of 1,000 cards (`cards.delete`, with their reviews, about
 * 20 each) and its undo (`history.undo`, which restores the batch it kept), on a private copy of the generated
 * collection of 100,000 cards. Each round takes cards no earlier round took, so every delete and
 * restore moves a whole history; the floor does the same rounds on other cards.
 *
 * The floor is the least SQL that keeps the same rows and brings them back: the card rows and their
 * logs copied to deleted_cards as JSON and the cards deleted (their logs go by ON DELETE CASCADE), then
 * the reverse, each in one transaction. It leaves out what Cue also does: per-day counts, retired keys,
 * ticks, deadline intervals, events, recordings, rejoining notes.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import type { Db } from '../electron/core/database';
import { benchCollection } from './generate-collection';
import { type BenchOptions, type BenchRow, interleaved, peakRssMb, row } from './measure';
import { removeDir } from './temp-dirs';

export function run(options: BenchOptions = {}): { rows: BenchRow[] } {
  const size = options.smoke ? { cards: 200, reviews: 5, selected: 5, runs: 3 } : SIZE;
  const copyDir = mkdtempSync(join(tmpdir(), 'cue-bench-delete-'));
  try {
    const generated = benchCollection(size.cards, size.reviews, copyDir);
    const collection = new Collection({ dataDir: copyDir, clock: () => generated.now, timeZone: 'UTC' });
    try {
      return { rows: measure(collection, size) };
    } finally {
      collection.close();
    }
  } finally {
    removeDir(copyDir);
  }
}

const SIZE = { cards: 100_000, reviews: 20, selected: 1000, runs: 7 };

function measure(collection: Collection, size: typeof SIZE): BenchRow[] {
  const db = collection.db;
  const label = `${size.cards.toLocaleString('en')} cards`;
  const count = size.selected.toLocaleString('en');
  // the cards of each delete: a run of consecutive ids, as a browser selection of a search often is
  const slices = nextSlices(db, size.selected);
  const floorBatches: number[] = [];
  const deleted = interleaved(
    size.runs,
    () => collection.handlers['cards.delete']({ cardIds: slices() }),
    () => floorBatches.push(floorDelete(db, slices(), -1 - floorBatches.length)),
  );
  const restored = interleaved(
    size.runs,
    // the history takes back the newest delete first: each undo restores one whole batch
    () => collection.handlers['history.undo']({}),
    () => floorRestore(db, floorBatches.shift() as number),
  );
  const rss = peakRssMb();
  return [
    { ...row(`delete ${count} cards`, label, deleted, '< 300 ms'), peakRssMb: rss },
    { ...row(`undo the delete of ${count} cards`, label, restored, '< 300 ms'), peakRssMb: rss },
  ];
}

/** Each call gives the next `n` card ids, from a little way into the deck. */
function nextSlices(db: Db, n: number): () => number[] {
  const ids = db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
  let at = Math.floor(ids.length / 20);
  return () => {
    if (at + n > ids.length) throw new Error('the collection has too few cards for another round');
    at += n;
    return ids.slice(at - n, at);
  };
}

/** The card rows and their logs into deleted_cards (under `batch`), then the cards deleted. */
function floorDelete(db: Db, cardIds: number[], batch: number): number {
  const ids = JSON.stringify(cardIds);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO deleted_cards (card_id, batch, deleted_at, card, reviews, events)
       SELECT c.id, ?, 0, ${jsonOf(db, 'cards', 'c')},
         (SELECT json_group_array(${jsonOf(db, 'review_log', 'r')}) FROM review_log r WHERE r.card_id = c.id), '[]'
       FROM cards c WHERE c.id IN (SELECT value FROM json_each(?))`,
    ).run(batch, ids);
    db.prepare('DELETE FROM cards WHERE id IN (SELECT value FROM json_each(?))').run(ids);
  })();
  return batch;
}

/** The kept card rows and logs back in their tables, and out of deleted_cards. */
function floorRestore(db: Db, batch: number): void {
  db.transaction(() => {
    const cards = columns(db, 'cards');
    db.prepare(
      `INSERT INTO cards (${cards.join(', ')}) SELECT ${cards.map((c) => `card ->> '${c}'`).join(', ')}
       FROM deleted_cards WHERE batch = ?`,
    ).run(batch);
    // each answer's JSON parsed once (as JSONB), not once a column
    const log = columns(db, 'review_log');
    db.prepare(
      `INSERT INTO review_log (${log.join(', ')})
       WITH kept AS MATERIALIZED (SELECT jsonb(r.value) AS j FROM deleted_cards d, json_each(d.reviews) r WHERE d.batch = ?)
       SELECT ${log.map((c) => `j ->> '${c}'`).join(', ')} FROM kept`,
    ).run(batch);
    db.prepare('DELETE FROM deleted_cards WHERE batch = ?').run(batch);
  })();
}

function columns(db: Db, table: string): string[] {
  return db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[];
}

function jsonOf(db: Db, table: string, alias: string): string {
  return `json_object(${columns(db, table)
    .map((c) => `'${c}', ${alias}.${c}`)
    .join(', ')})`;
}
