/**
 * After months of study through every path the kept queue counts and set-based writes serve (answers,
 * undo, bury, suspend, reset, due dates, moves, deletes and their undo), every card of a collection
 * whose history a simulated learner generated still equals a replay of its log.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/simulate-history';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { dayNumber, dayStart, dayToIsoDate, MS_PER_DAY, MS_PER_HOUR } from '../../electron/core/days';
import { findCard, replayCard } from '../../electron/core/review-log';
import type { Rating } from '../../shared/domain';
import { openTestCollection, TestClock } from '../helpers/collections';

const START = Date.UTC(2026, 0, 5, 9, 0);
const DAYS = 180;

function cardIds(collection: Collection): number[] {
  return collection.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
}

/** One session: the learner answers what study offers, now and then taking an answer back. */
function session(collection: Collection, clock: TestClock, random: () => number): number {
  let answered = 0;
  for (let step = 0; step < 200; step++) {
    const { card } = collection.handlers['study.next']({ deckId: 1 });
    if (!card) break;
    const recall = collection.scheduler.retrievability(scheduleOf(findCard(collection.db, card.id)), clock.time);
    const r = random();
    const rating: Rating = random() >= (recall ?? 0.55) ? 1 : r < 0.15 ? 2 : r < 0.9 ? 3 : 4;
    clock.advance(5_000 + Math.floor(random() * 30_000));
    collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating, durationMs: 9_000 });
    answered++;
    if (random() < 0.05) collection.handlers['study.undo']({ deckId: 1 });
  }
  return answered;
}

/** What a person does beside answering, once in a while. */
function aside(collection: Collection, clock: TestClock, random: () => number): void {
  const ids = cardIds(collection);
  const pick = () => ids[Math.floor(random() * ids.length)] ?? 1;
  const roll = random();
  const today = dayNumber(clock.time, collection.boundary);
  if (roll < 0.2) collection.handlers['cards.bury']({ cardId: pick() });
  else if (roll < 0.35) collection.handlers['cards.bulk']({ cardIds: [pick(), pick()], change: { action: 'suspend' } });
  else if (roll < 0.5) collection.handlers['cards.bulk']({ cardIds: ids, change: { action: 'unsuspend' } });
  else if (roll < 0.6) collection.handlers['cards.bulk']({ cardIds: [pick()], change: { action: 'reset' } });
  else if (roll < 0.7) {
    const date = dayToIsoDate(today + 1 + Math.floor(random() * 20));
    collection.handlers['cards.bulk']({ cardIds: [pick()], change: { action: 'setDue', date } });
  } else if (roll < 0.78) {
    const { batch } = collection.handlers['cards.delete']({ cardIds: [pick()] });
    collection.handlers['cards.restore']({ batch });
  }
}

describe('replay equals the stored state', () => {
  it('for every card, after 180 simulated days of study and everything beside it', { timeout: 120_000 }, () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const random = seededRandom(14);
    let answers = 0;
    const first = dayNumber(START, collection.boundary);
    for (let day = first; day < first + DAYS; day++) {
      if (random() < 0.12) continue;
      clock.set(dayStart(day, collection.boundary) + (3 + random() * 3) * MS_PER_HOUR);
      if (random() < 0.4) aside(collection, clock, random);
      answers += session(collection, clock, random);
      if (random() < 0.3) {
        clock.advance(10 * MS_PER_HOUR);
        answers += session(collection, clock, random);
      }
    }
    expect(answers).toBeGreaterThan(600);
    // undone answers stay in the log, marked, and replay skips them
    const undone = collection.db.prepare('SELECT count(*) FROM review_log WHERE undone_at IS NOT NULL').pluck().get();
    expect(undone).toBeGreaterThan(10);
    for (const id of cardIds(collection)) {
      expect(replayCard(collection.db, collection.scheduler, id), `card ${id}`).toEqual(
        scheduleOf(findCard(collection.db, id)),
      );
    }
    expect(clock.time).toBeGreaterThan(START + (DAYS - 2) * MS_PER_DAY);
  });
});
