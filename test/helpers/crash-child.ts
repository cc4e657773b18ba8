/**
 * The process the crash test kills: it studies the collection in `--data-dir` as fast as it can,
 * answering and now and then undoing, and prints a line for each answer and undo once the call has
 * returned, that is once it is committed: `A <reviewId> <cardId>` and `U <reviewId>`.
 */
import { Collection } from '../../electron/core/collection';
import type { Rating } from '../../shared/domain';

export function main(args: string[]): void {
  const dataDir = args[args.indexOf('--data-dir') + 1];
  let seed = Number(args[args.indexOf('--seed') + 1]);
  const random = () => {
    // mulberry32: the same seed studies the same way, so a failure can be replayed
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let time = 0;
  const collection = new Collection({
    dataDir,
    clock: () => time,
    timeZone: 'UTC',
    bundledDeckDir: args[args.indexOf('--decks') + 1],
    holder: 'the crash test',
    backgroundCheck: false,
  });
  // time goes on from the newest thing in the log, ten minutes an answer, so cards keep coming due
  const newest = collection.db.prepare('SELECT max(coalesce(undone_at, reviewed_at)) FROM review_log').pluck().get() as
    | number
    | null;
  time = Math.max(newest ?? 0, Date.UTC(2026, 0, 1)) + 1;
  const deckId = 1;
  collection.handlers['decks.setOptions']({ deckId, newPerDay: 9999 });
  const undoable: number[] = [];
  for (;;) {
    time += 10 * 60_000;
    const next = collection.handlers['study.next']({ deckId });
    if (undoable.length > 0 && random() < 0.15) {
      collection.handlers['study.undo']({ deckId });
      process.stdout.write(`U ${undoable.pop()}\n`);
      continue;
    }
    if (!next.card) continue;
    const rating = (1 + Math.floor(random() * 4)) as Rating;
    const { reviewId } = collection.handlers['study.answer']({
      deckId,
      cardId: next.card.id,
      rating,
      durationMs: 3000,
    });
    undoable.push(reviewId);
    // the collection keeps the newest 50 answers to undo; so does this list
    if (undoable.length > 50) undoable.shift();
    process.stdout.write(`A ${reviewId} ${next.card.id}\n`);
  }
}
