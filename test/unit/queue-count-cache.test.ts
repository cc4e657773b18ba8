/**
 * The study queue's counts are kept between answers and moved by what each answer changes
 * (queue-count-cache.ts). Whatever a person does — answer, undo, bury, suspend, edit, let time pass
 * into a new day, answer a card whose answer buries its sibling — the counts study shows must equal a
 * fresh count by another connection to the same file.
 */
import { describe, expect, it } from 'vitest';
import { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import type { Rating } from '../../shared/domain';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';

const START = Date.UTC(2026, 2, 2, 9, 0);
const MINUTE = 60_000;

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

describe('the queue counts kept between answers', () => {
  it('always equal a fresh count, through 400 random steps of study, undo, bury, suspend, edits and days', {
    timeout: 60_000,
  }, async () => {
    const clock = new TestClock(START);
    const dataDir = tempDir();
    const collection = openTestCollection(clock, { dataDir });
    const call = (method: string, input: unknown) => dispatch(collection, method as never, input as never);
    // siblings that bury each other: reversed notes in a preset that buries
    const [preset] = collection.handlers['presets.list']({});
    collection.handlers['presets.update']({
      presetId: preset.id,
      options: { buryNewSiblings: true, buryReviewSiblings: true, newPerDay: 30 },
    });
    const reversed = collection.handlers['notetypes.list']({}).find((type) => type.key === 'basic-reversed');
    const sectionId = collection.handlers['decks.list']({})[0].sections[0].id;
    for (let i = 0; i < 6; i++) {
      await call('notes.create', { noteTypeId: reversed?.id, sectionId, fields: [`F${i}`, `B${i}`] });
    }
    const random = seeded(7);
    const scopes = [{ deckId: 1 }, { deckId: 1, sectionId }];
    // a second connection to the file counts afresh: every commit of the first changes its data_version
    const other = new Collection({ dataDir, clock: clock.now, timeZone: 'UTC', rolloverHour: 4, readOnly: true });
    const fresh = (scope: { deckId: number; sectionId?: number }) => {
      const next = other.handlers['study.next'](scope);
      return { counts: next.counts, dueTomorrow: next.dueTomorrow, newLeftToday: next.newLeftToday };
    };
    const actions: Record<string, number> = {};
    for (let step = 0; step < 400; step++) {
      const scope = scopes[step % 7 === 0 ? 1 : 0];
      const { card } = collection.handlers['study.next'](scope);
      const roll = random();
      let action: string;
      if (card && roll < 0.6) {
        action = 'answer';
        collection.handlers['study.answer']({
          ...scope,
          cardId: card.id,
          rating: (1 + Math.floor(random() * 4)) as Rating,
          durationMs: 5000,
        });
      } else if (roll < 0.7) {
        action = 'undo';
        await call('study.undo', scope);
      } else if (card && roll < 0.75) {
        action = 'bury';
        collection.handlers['cards.bury']({ cardId: card.id });
      } else if (card && roll < 0.8) {
        action = 'suspend';
        collection.handlers['cards.suspend']({ cardId: card.id });
      } else if (card && roll < 0.83) {
        action = 'edit';
        collection.handlers['cards.update']({ cardId: card.id, tags: [`edited-${step}`] });
      } else if (roll < 0.86) {
        action = 'next day';
        clock.advance(20 * 60 * MINUTE);
      } else {
        action = 'time passes';
        clock.advance(Math.floor(random() * 15) * MINUTE);
      }
      actions[action] = (actions[action] ?? 0) + 1;
      clock.advance(10_000);
      for (const s of scopes) {
        const shown = collection.handlers['study.next'](s);
        expect(
          { counts: shown.counts, dueTomorrow: shown.dueTomorrow, newLeftToday: shown.newLeftToday },
          `after step ${step} (${action})`,
        ).toEqual(fresh(s));
      }
    }
    other.close();
    // the walk did each thing a person does, many times
    expect(actions.answer).toBeGreaterThan(150);
    for (const action of ['undo', 'bury', 'suspend', 'edit', 'next day', 'time passes']) {
      expect(actions[action], action).toBeGreaterThan(5);
    }
  });

  it('count a card again once it is no longer buried, with no write in between', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    // two reviews due, one of them buried until later today (as an imported collection may have one)
    collection.db.prepare('UPDATE cards SET state = 2, due = ? WHERE id = 2').run(START - MINUTE);
    collection.db
      .prepare('UPDATE cards SET state = 2, due = ?, buried_until = ? WHERE id = 3')
      .run(START - MINUTE, START + 5 * MINUTE);
    const buried = collection.handlers['study.next']({ deckId: 1 }).counts;
    expect(buried.review).toBe(1);
    clock.advance(6 * MINUTE);
    const after = collection.handlers['study.next']({ deckId: 1 }).counts;
    expect(after.review).toBe(2);
  });

  it('count again when the clock is set back and a card is buried again', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    collection.db.prepare('UPDATE cards SET state = 2, due = ? WHERE id = 2').run(START - MINUTE);
    collection.db
      .prepare('UPDATE cards SET state = 2, due = ?, buried_until = ? WHERE id = 3')
      .run(START - MINUTE, START + 5 * MINUTE);
    clock.advance(10 * MINUTE);
    expect(collection.handlers['study.next']({ deckId: 1 }).counts.review).toBe(2);
    // the system clock corrected backwards: card 3 is buried again
    clock.set(START);
    expect(collection.handlers['study.next']({ deckId: 1 }).counts.review).toBe(1);
  });

  it('forget what an answer moved when its transaction fails, since the rollback undid it', () => {
    const clock = new TestClock(START);
    const collection = openTestCollection(clock);
    const before = collection.handlers['study.next']({ deckId: 1 });
    // the next card cannot be read (its checklist table is away): the answer fails after counting
    collection.db.exec('ALTER TABLE review_answers RENAME TO review_answers_away');
    expect(() =>
      collection.handlers['study.answer']({ deckId: 1, cardId: before.card?.id ?? 0, rating: 3, durationMs: 1000 }),
    ).toThrow(/review_answers/);
    collection.db.exec('ALTER TABLE review_answers_away RENAME TO review_answers');
    const after = collection.handlers['study.next']({ deckId: 1 });
    expect(after.counts).toEqual(before.counts);
    expect(after.newLeftToday).toBe(before.newLeftToday);
  });
});
