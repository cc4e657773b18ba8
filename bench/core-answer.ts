/**
 * Benchmark: answering a card and getting the next one (`study.answer`, which returns the next card),
 * on generated collections of 50 to 1,000,000 cards, against its floor (answer-floor.ts) on a copy of
 * the same collection, interleaved. Also: opening a collection to its first card, `decks.list`, and
 * the answer path with an interview date in deadline mode.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Grade } from 'ts-fsrs';
import { Collection } from '../electron/core/collection';
import { openCollectionDatabase } from '../electron/core/database';
import type { Rating } from '../shared/domain';
import { AnswerFloor } from './answer-floor';
import { benchCollection } from './generate-collection';
import { type BenchOptions, type BenchRow, interleaved, row, timed } from './measure';
import { removeDir } from './temp-dirs';

const MS_PER_DAY = 86_400_000;

/** Collection sizes, with reviews per card (the largest with fewer, so it can be generated in memory). */
const SIZES: [cards: number, reviewsPerCard: number][] = [
  [50, 20],
  [10_000, 20],
  [100_000, 20],
  [1_000_000, 2],
];

/** A small deterministic generator, so every run answers the same way. */
function ratings(seed: number): () => Rating {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const r = state % 10;
    return (r === 0 ? 1 : r === 1 ? 2 : r === 9 ? 4 : 3) as Rating;
  };
}

const sizeName = (cards: number) => `${cards.toLocaleString('en-US')} cards`;

/** Opens a private copy of a generated collection with limits high enough that they never stop the queue. */
function openCopy(cards: number, reviewsPerCard: number, dir: string) {
  const generated = benchCollection(cards, reviewsPerCard, dir);
  const db = openCollectionDatabase(generated.path);
  db.prepare('UPDATE decks SET new_limit = 9999, review_limit = 99999').run();
  db.close();
  return generated;
}

/** Cue and its floor answering, each on its own copy, each with its own clock (15 s an answer). */
function answerRow(cards: number, reviewsPerCard: number, runs: number, dir: string): BenchRow[] {
  const cueGen = openCopy(cards, reviewsPerCard, join(dir, 'cue'));
  const floorGen = openCopy(cards, reviewsPerCard, join(dir, 'floor'));
  let cueNow = cueGen.now;
  let floorNow = floorGen.now;
  const collection = new Collection({ dataDir: dirname(cueGen.path), clock: () => cueNow, timeZone: 'UTC' });
  const floorDb = openCollectionDatabase(floorGen.path);
  const floor = new AnswerFloor(floorDb);
  const cueRating = ratings(42);
  const floorRating = ratings(42);
  let card = collection.handlers['study.next']({ deckId: 1 }).card;
  let floorCard = floor.next(floorNow);
  try {
    const measured = interleaved(
      runs,
      () => {
        // a small deck runs out: the next day (untimed) brings its reviews
        for (let days = 0; !card; days++) {
          if (days > 400) throw new Error('Cue found no card to study in 400 days');
          cueNow += MS_PER_DAY;
          card = collection.handlers['study.next']({ deckId: 1 }).card;
        }
        const start = performance.now();
        const answered = collection.handlers['study.answer']({
          deckId: 1,
          cardId: card.id,
          rating: cueRating(),
          durationMs: 8000,
        });
        const ms = performance.now() - start;
        card = answered.next.card;
        cueNow += 15_000;
        return { selfTimedMs: ms };
      },
      () => {
        for (let days = 0; !floorCard; days++) {
          if (days > 400) throw new Error('the floor found no card to study in 400 days');
          floorNow += MS_PER_DAY;
          floorCard = floor.next(floorNow);
        }
        const start = performance.now();
        floorCard = floor.answer(floorCard, floorRating() as Grade, floorNow, 8000);
        const ms = performance.now() - start;
        floorNow += 15_000;
        return { selfTimedMs: ms };
      },
    );
    // undo and redo of the newest answer (from the history in the file), against the floor's answer
    const undoRedo = interleaved(
      Math.min(runs, 50),
      () => {
        const start = performance.now();
        collection.handlers['history.undo']({});
        collection.handlers['history.redo']({});
        return { selfTimedMs: (performance.now() - start) / 2 };
      },
      () => {
        for (let days = 0; !floorCard; days++) {
          if (days > 400) throw new Error('the floor found no card to study in 400 days');
          floorNow += MS_PER_DAY;
          floorCard = floor.next(floorNow);
        }
        const start = performance.now();
        floorCard = floor.answer(floorCard, floorRating() as Grade, floorNow, 8000);
        return { selfTimedMs: performance.now() - start };
      },
    );
    return [
      row('answer + next card', sizeName(cards), measured, '≤ 3x floor at every size; < 2 ms at 1,000,000'),
      row('undo (or redo) of an answer', sizeName(cards), undoRedo, 'within the answer’s budget (≤ 3x floor)'),
    ];
  } finally {
    collection.close();
    floorDb.close();
  }
}

/** Opening the collection and getting the first card, against opening the file and one SELECT. */
function coldStartRow(cards: number, reviewsPerCard: number, runs: number, dir: string): BenchRow {
  // a private copy: the first open brings a file generated under an older schema up to date
  const generated = benchCollection(cards, reviewsPerCard, dir);
  const dataDir = dirname(generated.path);
  new Collection({ dataDir, clock: () => generated.now, timeZone: 'UTC' }).close();
  const measured = interleaved(
    runs,
    () => {
      const collection = new Collection({ dataDir, clock: () => generated.now, timeZone: 'UTC' });
      collection.handlers['study.next']({ deckId: 1 });
      collection.close();
    },
    () => {
      const db = openCollectionDatabase(generated.path, { readonly: true });
      new AnswerFloor(db).next(generated.now);
      db.close();
    },
    2,
  );
  return row('cold start to the first card', sizeName(cards), measured, '≤ 1.5x floor');
}

/** The home screen's decks.list: the first time in a day (counting), and again (kept counts). */
function decksListRows(cards: number, reviewsPerCard: number, runs: number, dir: string): BenchRow[] {
  const generated = benchCollection(cards, reviewsPerCard, dir);
  const collection = new Collection({ dataDir: dirname(generated.path), clock: () => generated.now, timeZone: 'UTC' });
  try {
    const first = timed(1, () => collection.handlers['decks.list']({}));
    const again = timed(runs, () => collection.handlers['decks.list']({}));
    const target = '< 10 ms at 100,000';
    return [
      { operation: 'decks.list (the home screen), first of the day', size: sizeName(cards), cue: first, target },
      { operation: 'decks.list (the home screen)', size: sizeName(cards), cue: again, target },
    ];
  } finally {
    collection.close();
  }
}

export function run(options: BenchOptions = {}): { rows: BenchRow[] } {
  const dir = mkdtempSync(join(tmpdir(), 'cue-bench-answer-'));
  try {
    const sizes = options.smoke ? SIZES.slice(0, 1) : SIZES.filter(([cards]) => options.sizes?.includes(cards) ?? true);
    const rows: BenchRow[] = [];
    for (const [cards, reviews] of sizes) {
      rows.push(...answerRow(cards, reviews, options.smoke ? 10 : 300, join(dir, `${cards}`)));
      removeDir(join(dir, `${cards}`));
    }
    const [cards, reviews] = options.smoke ? SIZES[0] : SIZES[2];
    rows.push(coldStartRow(cards, reviews, options.smoke ? 2 : 10, join(dir, 'cold')));
    rows.push(...decksListRows(cards, reviews, options.smoke ? 2 : 20, join(dir, 'home')));
    return { rows };
  } finally {
    removeDir(dir);
  }
}
