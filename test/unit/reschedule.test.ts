/**
 * Rescheduling after a change of desired retention or FSRS parameters: each studied card ends where it
 * would be had every answer been scheduled with the new options, the change is logged so replay
 * reproduces it, and the preview's 30-day counts are what the reschedule then gives.
 */
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { dayNumber, MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { applyScheduleEvent, findCard, logScheduleEvent, replayCard } from '../../electron/core/review-log';
import type { Rating } from '../../shared/domain';
import type { PresetOptions } from '../../shared/presets';
import { openTestCollection, TestClock } from '../helpers/collections';

const START = Date.UTC(2026, 2, 2, 9, 0);
const CARDS = Array.from({ length: 14 }, (_, i) => i + 1);
/** Study days on which every card is answered: growing gaps, as a person keeps up with a deck. */
const STUDY_DAYS = [0, 1, 3, 7, 12, 20, 33, 50];
const END = START + 64 * MS_PER_DAY;

/** A rating for card `cardId` at its `step`th answer: mostly Good, some Again, Hard and Easy. */
function rating(cardId: number, step: number): Rating {
  const roll = (cardId * 7 + step * 5) % 11;
  if (roll < 2) return 1;
  if (roll === 2) return 2;
  if (roll === 3) return 4;
  return 3;
}

/** The same answers at the same moments in any collection, whatever it schedules them for. */
function studyScript(collection: Collection, clock: TestClock): void {
  let step = 0;
  for (const day of STUDY_DAYS) {
    for (const cardId of CARDS) {
      clock.set(START + day * MS_PER_DAY + cardId * MS_PER_MINUTE);
      collection.handlers['study.answer']({ deckId: 1, cardId, rating: rating(cardId, step), durationMs: 6000 });
      // the first day's learning steps, ten minutes later
      if (day === 0) {
        clock.advance(10 * MS_PER_MINUTE);
        collection.handlers['study.answer']({ deckId: 1, cardId, rating: 3, durationMs: 4000 });
      }
    }
    step++;
  }
  clock.set(END);
}

function studied(options: Partial<PresetOptions> | null): Collection {
  const clock = new TestClock(START);
  const collection = openTestCollection(clock, { scheduler: { fuzz: true } });
  if (options) collection.handlers['presets.update']({ presetId: 1, options });
  studyScript(collection, clock);
  return collection;
}

function schedules(collection: Collection) {
  return CARDS.map((cardId) => ({ cardId, ...scheduleOf(findCard(collection.db, cardId)) }));
}

function expectReplayToMatch(collection: Collection): void {
  const ids = collection.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
  for (const id of ids) {
    expect(replayCard(collection.db, collection.scheduler, id), `card ${id}`).toEqual(
      scheduleOf(findCard(collection.db, id)),
    );
  }
}

/** FSRS-6's defaults with a slower-growing stability, as a fit to someone's history might give. */
const FITTED = default_w.map((w, i) => (i === 8 ? w * 0.8 : i === 10 ? w * 1.1 : w));

describe('rescheduling a preset', () => {
  it('after a retention change, gives each card the state answering at the new retention would have', async () => {
    const changed = studied(null);
    const before = schedules(changed);
    changed.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.8 } });
    const result = await changed.handlers['presets.reschedule']({ presetId: 1 });

    const always = studied({ desiredRetention: 0.8 });
    expect(schedules(changed)).toEqual(schedules(always));
    // a lower retention moves review cards later; learning and relearning cards keep their step
    const moved = schedules(changed).filter((card, i) => card.due !== before[i].due);
    expect(moved.length).toBeGreaterThan(5);
    for (const card of moved) {
      expect(card.state).toBe(2);
      expect(card.due).toBeGreaterThan(before[card.cardId - 1].due);
    }
    expect(result).toEqual({ presetId: 1, cards: moved.length });
    expectReplayToMatch(changed);
  });

  it('after a change of parameters, recomputes memory states from the history', async () => {
    const changed = studied(null);
    const before = schedules(changed);
    changed.handlers['presets.update']({ presetId: 1, options: { fsrsParameters: FITTED } });
    await changed.handlers['presets.reschedule']({ presetId: 1 });

    const always = studied({ fsrsParameters: FITTED });
    expect(schedules(changed)).toEqual(schedules(always));
    expect(schedules(changed).filter((card, i) => card.stability !== before[i].stability).length).toBe(CARDS.length);
    expectReplayToMatch(changed);
  });

  it('is logged: replay reproduces it, also after later answers and a second reschedule', async () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock, { scheduler: { fuzz: true } });
    studyScript(collection, clock);
    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.95 } });
    const { cards } = await collection.handlers['presets.reschedule']({ presetId: 1 });
    expect(cards).toBeGreaterThan(0);
    const logged = collection.db
      .prepare("SELECT count(*) FROM card_events WHERE kind = 'memory' AND due IS NOT NULL")
      .pluck()
      .get();
    expect(logged).toBe(cards);
    expectReplayToMatch(collection);
    // the card's history names it as a reschedule, with the due it gave
    const moved = collection.db
      .prepare("SELECT card_id FROM card_events WHERE kind = 'memory' AND due IS NOT NULL LIMIT 1")
      .pluck()
      .get() as number;
    expect(collection.handlers['stats.card']({ cardId: moved }).events).toEqual([
      { at: END, kind: 'reschedule', due: findCard(collection.db, moved).due },
    ]);

    clock.advance(2 * MS_PER_DAY);
    for (const cardId of [1, 2, 3]) {
      collection.handlers['study.answer']({ deckId: 1, cardId, rating: 3, durationMs: 5000 });
    }
    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.85 } });
    expect((await collection.handlers['presets.reschedule']({ presetId: 1 })).cards).toBeGreaterThan(0);
    expectReplayToMatch(collection);
    // nothing left to change: a second reschedule logs nothing
    expect(await collection.handlers['presets.reschedule']({ presetId: 1 })).toEqual({ presetId: 1, cards: 0 });
  });

  it('keeps answers given while it works, and reschedules those cards from their new history', async () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock, { scheduler: { fuzz: true } });
    studyScript(collection, clock);
    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.8 } });
    // a review card the reschedule moves
    const moving = CARDS.find((cardId) => findCard(collection.db, cardId).state === 2) as number;
    const running = collection.handlers['presets.reschedule']({ presetId: 1 });
    // the replays have begun (the first cards are replayed at once); before the changes are made, a
    // minute later, that card is answered and a new card studied
    clock.advance(MS_PER_MINUTE);
    collection.handlers['study.answer']({ deckId: 1, cardId: moving, rating: 2, durationMs: 5000 });
    collection.handlers['study.answer']({ deckId: 1, cardId: 30, rating: 4, durationMs: 5000 });
    const { cards } = await running;
    expect(cards).toBeGreaterThan(5);
    expectReplayToMatch(collection);
    // every studied card is where its history at 80% puts it: nothing is left to reschedule
    expect(await collection.handlers['presets.reschedule']({ presetId: 1 })).toEqual({ presetId: 1, cards: 0 });
    expect(findCard(collection.db, moving).reps).toBe(STUDY_DAYS.length + 2);
    expect(findCard(collection.db, 30).state).toBe(2);
  });

  it('leaves new cards, and the decks of other presets, alone', async () => {
    const collection = studied(null);
    const other = collection.handlers['presets.create']({ name: 'Other' });
    const untouched = collection.handlers['presets.update']({
      presetId: other.id,
      options: { desiredRetention: 0.75 },
    });
    expect(await collection.handlers['presets.reschedule']({ presetId: untouched.id })).toEqual({
      presetId: untouched.id,
      cards: 0,
    });
    const newCards = collection.db.prepare('SELECT count(*) FROM cards WHERE state = 0').pluck().get() as number;
    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.75 } });
    await collection.handlers['presets.reschedule']({ presetId: 1 });
    expect(collection.db.prepare('SELECT count(*) FROM cards WHERE state = 0').pluck().get()).toBe(newCards);
    expect(collection.db.prepare('SELECT count(*) FROM card_events WHERE card_id > 14').pluck().get()).toBe(0);
  });
});

describe('rescheduling a card whose memory state came from an import', () => {
  it('gives it the interval its imported stability means at the new retention', async () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    dispatch(collection, 'study.answer', { deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    // as an Anki package with its own FSRS state does (apply-import.ts): a memory event after the answers
    const at = findCard(collection.db, 1).last_review as number;
    const event = { kind: 'memory', stability: 200, difficulty: 5 } as const;
    logScheduleEvent(collection.db, 1, at, event);
    const imported = applyScheduleEvent(scheduleOf(findCard(collection.db, 1)), at, event);
    collection.db.prepare('UPDATE cards SET stability = ?, difficulty = ? WHERE id = 1').run(200, 5);
    expect(scheduleOf(findCard(collection.db, 1))).toEqual(imported);
    clock.advance(MS_PER_DAY);
    dispatch(collection, 'presets.update', { presetId: 1, options: { desiredRetention: 0.8 } });
    await collection.handlers['presets.reschedule']({ presetId: 1 });
    const after = scheduleOf(findCard(collection.db, 1));
    expect(after.stability).toBe(200);
    const days = dayNumber(after.due, collection.boundary) - dayNumber(at, collection.boundary);
    // FSRS-6 at 80% waits well past the stability (the interval at 90%); Cue's own S≈8 would give weeks
    expect(days).toBeGreaterThan(400);
    expect(after.scheduledDays).toBe(days);
    expect(replayCard(collection.db, collection.scheduler, 1)).toEqual(after);
  });
});

describe('the reschedule preview', () => {
  it('counts the next 30 days before and after, and the reschedule then gives the after', async () => {
    const collection = studied(null);
    const today = dayNumber(END, collection.boundary);
    const preview = await collection.handlers['presets.reschedulePreview']({
      presetId: 1,
      options: { desiredRetention: 0.97 },
    });
    expect(preview.days).toHaveLength(30);
    expect(preview.days[0].day).toBe('2026-05-05');
    expect(preview.days[29].day).toBe('2026-06-03');
    const dueWithin30 = (c: Collection) =>
      (c.db.prepare('SELECT due FROM cards WHERE state <> 0').pluck().all() as number[]).filter(
        (due) => dayNumber(due, c.boundary) - today < 30,
      ).length;
    const sum = (key: 'before' | 'after') => preview.days.reduce((total, day) => total + day[key], 0);
    expect(sum('before')).toBe(dueWithin30(collection));
    // a higher retention brings cards forward: more of them fall in the next 30 days
    expect(sum('after')).toBeGreaterThan(sum('before'));
    // a preview changes nothing
    expect(collection.handlers['presets.get']({ presetId: 1 }).options.desiredRetention).toBe(0.9);
    expect(collection.db.prepare('SELECT count(*) FROM card_events').pluck().get()).toBe(0);

    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.97 } });
    const result = await collection.handlers['presets.reschedule']({ presetId: 1 });
    expect(result.cards).toBe(preview.cards);
    expect(sum('after')).toBe(dueWithin30(collection));
    const now = await collection.handlers['presets.reschedulePreview']({ presetId: 1 });
    expect(now.cards).toBe(0);
    expect(now.days.map((day) => day.before)).toEqual(preview.days.map((day) => day.after));
    expect(now.days.map((day) => day.after)).toEqual(preview.days.map((day) => day.after));
  });

  it('refuses options out of bounds and presets that do not exist, saying which', async () => {
    const collection = studied(null);
    expect(() =>
      dispatch(collection, 'presets.reschedulePreview', { presetId: 1, options: { desiredRetention: 0.5 } }),
    ).toThrow(/Desired retention must be at least 0.70/);
    expect(() => dispatch(collection, 'presets.reschedulePreview', { presetId: 99 })).toThrow(/There is no preset 99/);
    await expect(dispatch(collection, 'presets.reschedule', { presetId: 99 })).rejects.toThrow(/There is no preset 99/);
  });
});
