import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import { findCard, replayCard } from '../../electron/core/review-log';
import { newSchedule } from '../../electron/core/scheduler';
import { CueError } from '../../shared/errors';
import { BUNDLED_DECK_DIR, contentChecksum, openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

const reviewsOf = (collection: Collection, cardId: number) =>
  collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id = ?').pluck().get(cardId);

describe('editing cards', () => {
  it('changes content and section, keeping the id and history, and the edit survives a deck update', () => {
    const clock = new TestClock(NOW);
    const dataDir = tempDir();
    const collection = openTestCollection(clock, { dataDir });
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
    collection.handlers['cards.update']({
      cardId: 1,
      answer: 'My own answer.\n\n```python\nprint(1)\n```',
      tags: ['mine'],
      sectionId: 2,
    });
    const card = collection.handlers['cards.get']({ cardId: 1 });
    expect(card).toMatchObject({ key: 'core-01', sectionId: 2, tags: ['mine'], editedAt: NOW, state: 'learning' });
    expect(card.answer).toContain('print(1)');
    expect(reviewsOf(collection, 1)).toBe(1);
    collection.close();
    // a newer bundled deck changes every card's text, but not the edited one
    const decks = tempDir('cue-decks-');
    const text = readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), 'utf8');
    writeFileSync(
      join(decks, 'lead-ml-engineer.md'),
      text.replace('version: 1', 'version: 2').replace('Key Components', 'Core parts'),
    );
    const updated = openTestCollection(clock, { dataDir, bundledDeckDir: decks });
    expect(findCard(updated.db, 1).answer).toContain('My own answer.');
    // and the app says so (the only changed text was the edited card's)
    expect(updated.handlers['collection.info']({}).notices).toEqual([
      'Lead Machine Learning Engineer: Interview Questions and Answers was updated (version 2). 1 card you edited keeps your wording.',
    ]);
    expect(updated.handlers['decks.list']({})[0].bundled).toBe(true);
  });

  it('refuses bad input, changing nothing', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const before = contentChecksum(collection);
    expect(() => dispatch(collection, 'cards.update', { cardId: 1, question: '   ' })).toThrow(/Invalid input/);
    expect(() => collection.handlers['cards.update']({ cardId: 999, answer: 'x' })).toThrow(/no card 999/);
    expect(() => collection.handlers['cards.update']({ cardId: 1, sectionId: 999 })).toThrow(/no section 999/);
    expect(contentChecksum(collection)).toBe(before);
  });
});

describe('adding', () => {
  it('adds decks, sections and cards with readable stable ids, new cards last in their deck', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const { deckId, key } = collection.handlers['decks.create']({ name: 'Español básico' });
    expect(key).toBe('espanol-basico');
    const verbs = collection.handlers['sections.create']({ deckId, name: 'Verbs' });
    expect(collection.handlers['sections.create']({ deckId, name: 'Verbs' }).key).toBe('verbs-2');
    const first = collection.handlers['cards.create']({
      sectionId: verbs.sectionId,
      question: 'What is "comer"?',
      answer: 'to eat',
      tags: ['food', 'food', ''],
    });
    const second = collection.handlers['cards.create']({
      sectionId: verbs.sectionId,
      question: 'What is "comer"?',
      answer: 'again',
      tags: [],
    });
    expect([first.key, second.key]).toEqual(['what-is-comer', 'what-is-comer-2']);
    expect(collection.handlers['cards.get']({ cardId: first.cardId })).toMatchObject({
      tags: ['food'],
      state: 'new',
      format: 'markdown',
    });
    const next = collection.handlers['study.next']({ deckId });
    expect(next.card?.id).toBe(first.cardId);
    // the new card is searchable at once
    expect(collection.handlers['cards.search']({ query: 'comer', limit: 10, offset: 0 }).total).toBe(2);
  });
});

describe('acting on a selection', () => {
  it('suspends, buries and tags many cards at once, and suspended cards leave the queue', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const section = collection.handlers['cards.search']({ query: 'section:core', limit: 50, offset: 0 }).cards.map(
      (c) => c.id,
    );
    expect(collection.handlers['cards.bulk']({ cardIds: section, change: { action: 'suspend' } })).toEqual({
      changed: 10,
    });
    expect(collection.handlers['study.next']({ deckId: 1 }).card?.key).toBe('dsa-01');
    collection.handlers['cards.bulk']({
      cardIds: section.slice(0, 2),
      change: { action: 'addTags', tags: ['review later'] },
    });
    expect(collection.handlers['cards.search']({ query: 'tag:review_later', limit: 50, offset: 0 }).total).toBe(2);
    collection.handlers['cards.bulk']({ cardIds: section, change: { action: 'unsuspend' } });
    collection.handlers['cards.bulk']({
      cardIds: section.slice(0, 1),
      change: { action: 'removeTags', tags: ['review_later'] },
    });
    expect(collection.handlers['cards.search']({ query: 'tag:review_later', limit: 50, offset: 0 }).total).toBe(1);
    collection.handlers['cards.bulk']({ cardIds: section, change: { action: 'bury' } });
    expect(collection.handlers['study.next']({ deckId: 1 }).card?.key).toBe('dsa-01');
  });

  it('changes nothing when one card of the selection does not exist', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const before = contentChecksum(collection);
    expect(() => collection.handlers['cards.bulk']({ cardIds: [1, 2, 9999], change: { action: 'suspend' } })).toThrow(
      /no card 9999/,
    );
    expect(contentChecksum(collection)).toBe(before);
  });
});

describe('reset and due dates', () => {
  it('reset puts cards back to new, keeps their log, and logs the reset so a replay still matches', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    clock.advance(60_000);
    collection.handlers['cards.bulk']({ cardIds: [1], change: { action: 'reset' } });
    expect(findCard(collection.db, 1)).toMatchObject({ state: 0, reps: 0, stability: 0, due: NOW + 60_000 });
    expect(reviewsOf(collection, 1)).toBe(1);
    expect(collection.db.prepare('SELECT kind, at FROM card_events WHERE card_id = 1').all()).toEqual([
      { kind: 'reset', at: NOW + 60_000 },
    ]);
    clock.advance(60_000);
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
    const card = findCard(collection.db, 1);
    expect(replayCard(collection.db, collection.scheduler, 1, newSchedule(0))).toEqual(scheduleOf(card));
    // card info lists the reset between the answers, and the recall curve breaks off at it
    const info = collection.handlers['stats.card']({ cardId: 1 });
    expect(info.events).toEqual([{ at: NOW + 60_000, kind: 'reset', due: null }]);
    expect(info.reviews).toHaveLength(2);
    expect(info.curve.some((p) => p.t > NOW + 60_000 && p.t < NOW + 120_000)).toBe(false);
    expect(info.curve.filter((p) => p.t <= NOW + 60_000).length).toBeGreaterThan(1);
  });

  it('sets a due date on studied cards, logged so a replay matches, and refuses new cards', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    collection.handlers['cards.bulk']({ cardIds: [1], change: { action: 'setDue', date: '2026-03-20' } });
    expect(findCard(collection.db, 1).due).toBe(Date.UTC(2026, 2, 20, 4, 0));
    expect(replayCard(collection.db, collection.scheduler, 1, newSchedule(0))).toEqual(
      scheduleOf(findCard(collection.db, 1)),
    );
    const before = contentChecksum(collection);
    expect(() =>
      collection.handlers['cards.bulk']({ cardIds: [1, 2], change: { action: 'setDue', date: '2026-03-21' } }),
    ).toThrow(/Card 2 is new/);
    expect(contentChecksum(collection)).toBe(before);
  });
});

describe('deck options', () => {
  it('sets how many new cards a deck introduces a day, and refuses what is out of range', () => {
    const collection = openTestCollection(new TestClock(NOW));
    collection.handlers['decks.setOptions']({ deckId: 1, newPerDay: 3 });
    expect(collection.handlers['decks.list']({})[0]).toMatchObject({ newPerDay: 3, due: { new: 3 } });
    for (let i = 0; i < 3; i++) {
      const next = collection.handlers['study.next']({ deckId: 1 });
      if (!next.card) throw new Error('no card');
      collection.handlers['study.answer']({ deckId: 1, cardId: next.card.id, rating: 4, durationMs: 1000 });
    }
    expect(collection.handlers['study.next']({ deckId: 1 }).card).toBeNull();
    expect(() => dispatch(collection, 'decks.setOptions', { deckId: 1, newPerDay: -1 })).toThrow(/Invalid input/);
    expect(() => dispatch(collection, 'decks.setOptions', { deckId: 1, newPerDay: 2.5 })).toThrow(/Invalid input/);
    expect(() => collection.handlers['decks.setOptions']({ deckId: 9, newPerDay: 5 })).toThrow(/no deck 9/);
    expect(collection.handlers['decks.list']({})[0].newPerDay).toBe(3);
  });

  it("keeps a deck's own limits over its preset's, clears them with null, and names a bad one", () => {
    const collection = openTestCollection(new TestClock(NOW));
    expect(collection.handlers['decks.limits']({ deckId: 1 })).toEqual({
      deckId: 1,
      newLimit: null,
      reviewLimit: null,
    });
    expect(dispatch(collection, 'decks.setLimits', { deckId: 1, newLimit: 4, reviewLimit: 50 })).toEqual({
      deckId: 1,
      newLimit: 4,
      reviewLimit: 50,
    });
    expect(collection.handlers['decks.list']({})[0]).toMatchObject({ newPerDay: 4, due: { new: 4 } });
    collection.handlers['decks.setLimits']({ deckId: 1, newLimit: null, reviewLimit: null });
    // back to the preset's 20
    expect(collection.handlers['decks.list']({})[0].newPerDay).toBe(20);
    const refused = thrown(CueError, () =>
      dispatch(collection, 'decks.setLimits', { deckId: 1, newLimit: -1, reviewLimit: null }),
    );
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toContain("This deck's new cards a day must be at least 0");
    expect(() => collection.handlers['decks.setLimits']({ deckId: 9, newLimit: 1, reviewLimit: 1 })).toThrow(
      /no deck 9/,
    );
    expect(collection.handlers['decks.limits']({ deckId: 1 }).newLimit).toBeNull();
  });
});

describe('desired retention', () => {
  it('schedules answers from now on for the new retention, and a replay still matches the card', () => {
    const clock = new TestClock(NOW);
    const dataDir = tempDir();
    const collection = openTestCollection(clock, { dataDir });
    const retention = () => collection.handlers['presets.get']({ presetId: 1 }).options.desiredRetention;
    expect(retention()).toBe(0.9);
    const easyAt = (cardId: number) => {
      const next = collection.handlers['study.next']({ deckId: 1 });
      expect(next.card?.id).toBe(cardId);
      return next.card?.previews.find((i) => i.rating === 4)?.due ?? 0;
    };
    const easy90 = easyAt(1);
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 4, durationMs: 1000 });
    collection.handlers['presets.update']({ presetId: 1, options: { desiredRetention: 0.8 } });
    expect(retention()).toBe(0.8);
    expect(collection.handlers.stats({ deckId: 1 }).desiredRetention).toBe(0.8);
    // a lower retention asks for recall less often: the same first answer schedules further out
    const easy80 = easyAt(2);
    expect(easy80).toBeGreaterThan(easy90);
    collection.handlers['study.answer']({ deckId: 1, cardId: 2, rating: 4, durationMs: 1000 });
    clock.advance(20 * 86_400_000);
    collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
    for (const cardId of [1, 2]) {
      expect(replayCard(collection.db, collection.scheduler, cardId, newSchedule(0))).toEqual(
        scheduleOf(findCard(collection.db, cardId)),
      );
    }
    expect(() => dispatch(collection, 'presets.update', { presetId: 1, options: { desiredRetention: 0.5 } })).toThrow(
      /Desired retention must be at least 0.70/,
    );
    collection.close();
    // kept in the collection file
    const reopened = openTestCollection(clock, { dataDir });
    expect(reopened.handlers['presets.get']({ presetId: 1 }).options.desiredRetention).toBe(0.8);
    expect(reopened.scheduler.settings.desiredRetention).toBe(0.8);
  });
});
