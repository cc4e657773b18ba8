/**
 * The review log is the truth: every change to a card's schedule (answers, undos, resets, due dates
 * set by hand, memory states and schedules an import brings, deletes and their undo, moves, a new desired retention)
 * is an entry that replay understands, so every card's state equals a replay of its log.
 */
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import { findCard, replayCard } from '../../electron/core/review-log';
import type { Rating } from '../../shared/domain';
import { buildPackage, CollectionBuilder, DEFAULT_CRT, STOCK } from '../helpers/anki-packages';
import { openTestCollection, TestClock } from '../helpers/collections';

const START = Date.UTC(2026, 2, 2, 9, 0);

function answer(collection: Collection, cardId: number, rating: Rating) {
  return collection.handlers['study.answer']({ deckId: 1, cardId, rating, durationMs: 5000 });
}

function expectEveryCardToEqualItsReplay(collection: Collection): number {
  const ids = collection.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
  for (const id of ids) {
    expect(replayCard(collection.db, collection.scheduler, id), `card ${id}`).toEqual(
      scheduleOf(findCard(collection.db, id)),
    );
  }
  return ids.length;
}

/** Anki's day number of a moment, for built packages (crt is DEFAULT_CRT, in UTC). */
function ankiDay(ms: number): number {
  return Math.floor(ms / MS_PER_DAY) - Math.floor((DEFAULT_CRT * 1000) / MS_PER_DAY);
}

function ankiPackageWithMemory(): Uint8Array {
  const b = new CollectionBuilder();
  const deck = b.deck('Spanish');
  const lastReview = START - 10 * MS_PER_DAY;
  const { cardIds } = b.note(STOCK.basic(), ['comer', 'to eat'], {
    deck,
    card: () => ({
      type: 2,
      queue: 2,
      due: ankiDay(lastReview) + 25,
      ivl: 25,
      factor: 2650,
      reps: 3,
      data: '{"s":12.1,"d":5.61,"dr":0.9}',
    }),
  });
  b.review(cardIds[0], START - 20 * MS_PER_DAY, 3, { type: 0 });
  b.review(cardIds[0], START - 19 * MS_PER_DAY, 3);
  b.review(cardIds[0], START - 10 * MS_PER_DAY, 4);
  b.note(STOCK.basic(), ['ir', 'to go'], { deck });
  return buildPackage({ layout: 'legacy1', collection: b.spec });
}

describe('card state equals a replay of its log', () => {
  it('after every kind of schedule change, fuzz on', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock, { scheduler: { fuzz: true } });
    const bulk = (cardIds: number[], change: Parameters<Collection['handlers']['cards.bulk']>[0]['change']) =>
      collection.handlers['cards.bulk']({ cardIds, change });

    // answers over three weeks, with undos in between (an undone answer stays in the log, marked)
    for (let day = 0; day < 21; day++) {
      for (const cardId of [1, 2, 3, 4, 5, 6]) {
        const card = findCard(collection.db, cardId);
        if (card.state !== 0 && card.due > clock.time) continue;
        answer(collection, cardId, (((cardId + day) % 4) + 1) as Rating);
        if ((cardId + day) % 5 === 0) collection.handlers['study.undo']({ deckId: 1 });
      }
      clock.advance(MS_PER_DAY);
    }
    expect(
      collection.db.prepare('SELECT count(*) FROM review_log WHERE undone_at IS NOT NULL').pluck().get(),
    ).toBeGreaterThan(0);

    // a reset, and a due date set by hand, then more answers on both
    bulk([1], { action: 'reset' });
    bulk([2], { action: 'setDue', date: '2026-04-01' });
    clock.advance(MS_PER_DAY);
    answer(collection, 1, 3);
    clock.set(Date.UTC(2026, 3, 1, 9, 0));
    answer(collection, 2, 3);

    // a new desired retention for the answers from now on
    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.8 } });
    answer(collection, 7, 4);

    // a card deleted and brought back, one moved to another section, one edited
    const { batch } = collection.handlers['cards.delete']({ cardIds: [3] });
    collection.handlers['cards.restore']({ batch });
    collection.handlers['cards.update']({ cardId: 4, sectionId: 2, answer: 'Rewritten.' });
    answer(collection, 4, 2);

    // an Anki package whose card brings FSRS's own memory state and its schedule, then studied here;
    // and the same package rescheduled from its history, into a deck of its own
    collection.importFile('spanish.apkg', ankiPackageWithMemory(), { dryRun: false });
    collection.importFile('spanish.apkg', ankiPackageWithMemory(), {
      dryRun: false,
      deckName: 'Spanish replayed',
      rescheduleFromHistory: true,
    });
    const [imported, replayed] = collection.db
      .prepare("SELECT id FROM cards WHERE question = 'comer' ORDER BY id")
      .pluck()
      .all() as number[];
    expect(findCard(collection.db, imported)).toMatchObject({ stability: 12.1, difficulty: 5.61, scheduled_days: 25 });
    expect(findCard(collection.db, replayed)).toMatchObject({ stability: 12.1, difficulty: 5.61 });
    const kinds = (cardId: number) =>
      collection.db.prepare('SELECT kind FROM card_events WHERE card_id = ?').pluck().all(cardId);
    expect(kinds(imported)).toEqual(['kept_schedule']);
    expect(kinds(replayed)).toEqual(['memory']);
    clock.advance(30 * MS_PER_DAY);
    answer(collection, imported, 3);
    answer(collection, replayed, 3);
    answer(collection, 5, 1);
    collection.handlers['study.undo']({ deckId: 1 });

    expect(expectEveryCardToEqualItsReplay(collection)).toBeGreaterThan(50);
  });
});

describe('answers logged before schema 9 (no recorded configuration)', () => {
  it('replay with the steps and limits of then, whatever the preset holds now', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    for (const rating of [3, 3, 1, 3] as Rating[]) {
      answer(collection, 1, rating);
      answer(collection, 2, 4);
      clock.advance(15 * 60_000);
    }
    // as a schema-8 log reads after migration 9: the answers have no configuration
    collection.db.exec(`DROP TRIGGER review_log_append_only; UPDATE review_log SET config_id = NULL;`);
    collection.handlers['presets.update']({
      presetId: 1,
      options: { learningSteps: '5m 30m 2h', relearningSteps: '1h', maximumInterval: 3 },
    });
    expect(expectEveryCardToEqualItsReplay(collection)).toBe(50);
  });
});
