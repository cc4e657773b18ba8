import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import { rebuildReviewDays } from '../../electron/core/review-log';
import { BUNDLED_DECK_DIR, contentChecksum, openTestCollection, TestClock, tempDir } from '../helpers/collections';

const NOW = Date.UTC(2026, 2, 2, 10, 0);
const DAY = 86_400_000;

/** The per-day and per-hour review counts, in a comparable form. */
function reviewCounts(collection: Collection): string {
  return JSON.stringify([
    collection.db.prepare('SELECT * FROM review_days ORDER BY 1, 2, 3, 4, 5').all(),
    collection.db.prepare('SELECT * FROM review_hours ORDER BY 1, 2, 3').all(),
  ]);
}

/** The counts as a rebuild from the review log gives them: what the kept counts must always equal. */
function rebuiltCounts(collection: Collection): string {
  const kept = reviewCounts(collection);
  collection.db.exec('SAVEPOINT rebuild');
  rebuildReviewDays(collection.db);
  const rebuilt = reviewCounts(collection);
  collection.db.exec('ROLLBACK TO rebuild; RELEASE rebuild');
  expect(reviewCounts(collection)).toBe(kept);
  return rebuilt;
}

/** Answers cards 1..n over a few days, so they have a history, an event, and counts in two sections. */
function studySome(collection: Collection, clock: TestClock): void {
  for (let day = 0; day < 3; day++) {
    for (const cardId of [1, 2, 11])
      collection.handlers['study.answer']({ deckId: 1, cardId, rating: 3, durationMs: 4000 });
    clock.advance(DAY);
  }
  collection.handlers['cards.bulk']({ cardIds: [2], change: { action: 'setDue', date: '2026-03-20' } });
}

const search = (collection: Collection, query: string) =>
  collection.handlers['cards.search']({ query, limit: 100, offset: 0 });

describe('deleting cards', () => {
  it('takes cards and their history out of study, search and statistics, and undo brings all of it back', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    studySome(collection, clock);
    const before = contentChecksum(collection);
    const countsBefore = reviewCounts(collection);
    const statsBefore = collection.handlers.stats({ deckId: 1 });
    expect(statsBefore.total.reviews.total).toBe(9);

    const { deleted, batch } = collection.handlers['cards.delete']({ cardIds: [1, 2] });
    expect(deleted).toBe(2);
    expect(collection.db.prepare('SELECT count(*) FROM cards WHERE id IN (1, 2)').pluck().get()).toBe(0);
    expect(collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id IN (1, 2)').pluck().get()).toBe(0);
    expect(search(collection, 'section:core').total).toBe(8);
    expect(search(collection, 'bias').cards.map((c) => c.id)).not.toContain(1);
    expect(collection.handlers.stats({ deckId: 1 }).total.reviews.total).toBe(3);
    expect(reviewCounts(collection)).toBe(rebuiltCounts(collection));
    expect(() => collection.handlers['cards.get']({ cardId: 1 })).toThrow(/no card 1/);

    const restored = collection.handlers['cards.restore']({ batch });
    expect(restored).toEqual({ restored: 2, cardIds: [1, 2], deckIds: [], sectionIds: [], decks: 0, sections: 0 });
    expect(contentChecksum(collection)).toBe(before);
    expect(reviewCounts(collection)).toBe(countsBefore);
    expect(collection.db.prepare('SELECT count(*) FROM card_events WHERE card_id = 2').pluck().get()).toBe(1);
    expect(collection.handlers.stats({ deckId: 1 }).total.reviews.total).toBe(9);
    expect(search(collection, 'section:core').total).toBe(10);
    // a batch is undone once
    expect(() => collection.handlers['cards.restore']({ batch })).toThrow(/undone already, or never happened/);
  });

  it('changes nothing when one card of the selection does not exist, or the input is wrong', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    studySome(collection, clock);
    const before = contentChecksum(collection);
    const counts = reviewCounts(collection);
    expect(() => collection.handlers['cards.delete']({ cardIds: [1, 9999] })).toThrow(/no card 9999/);
    expect(() => dispatch(collection, 'cards.delete', { cardIds: ['1'] })).toThrow(/Invalid input/);
    expect(() => dispatch(collection, 'cards.delete', { cardIds: [] })).toThrow(/Invalid input/);
    expect(contentChecksum(collection)).toBe(before);
    expect(reviewCounts(collection)).toBe(counts);
    expect(collection.db.prepare('SELECT count(*) FROM deleted_cards').pluck().get()).toBe(0);
  });

  it('gives a restored card a new id and key when a new card took them meanwhile', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    const last = collection.db.prepare('SELECT max(id) FROM cards').pluck().get() as number;
    const { key, section_id } = collection.db.prepare('SELECT key, section_id FROM cards WHERE id = ?').get(last) as {
      key: string;
      section_id: number;
    };
    collection.handlers['study.answer']({ deckId: 1, cardId: last, rating: 3, durationMs: 1000 });
    const { batch } = collection.handlers['cards.delete']({ cardIds: [last] });
    const { cardId } = collection.handlers['cards.create']({
      sectionId: section_id,
      question: key,
      answer: '',
      tags: [],
    });
    expect(cardId).toBe(last);
    collection.db.prepare('UPDATE cards SET key = ? WHERE id = ?').run(key, cardId);
    const { cardIds } = collection.handlers['cards.restore']({ batch });
    expect(cardIds[0]).not.toBe(last);
    const restored = collection.handlers['cards.get']({ cardId: cardIds[0] });
    expect(restored.key).toBe(`${key}-2`);
    expect(collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id = ?').pluck().get(cardIds[0])).toBe(1);
    expect(reviewCounts(collection)).toBe(rebuiltCounts(collection));
  });

  it('brings back an answer’s ticks, typed text and deadline interval, also from a card kept by an earlier Cue', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    studySome(collection, clock);
    const db = collection.db;
    const [first, second] = db.prepare('SELECT id FROM review_log WHERE card_id = 1 ORDER BY id').pluck().all();
    db.prepare(
      `INSERT INTO review_answers (review_id, card_id, recalled, missed, typed_text) VALUES (?, 1, '[0]', '[1]', 'typed')`,
    ).run(first);
    db.prepare('INSERT INTO deadline_intervals (review_id, target_day, days) VALUES (?, 20600, 3)').run(second);
    const extras = () => [
      db.prepare('SELECT * FROM review_answers ORDER BY review_id').all(),
      db.prepare('SELECT * FROM deadline_intervals ORDER BY review_id').all(),
    ];
    const before = [contentChecksum(collection), extras()];
    const { batch } = collection.handlers['cards.delete']({ cardIds: [1, 2] });
    expect(extras()).toEqual([[], []]);
    collection.handlers['cards.restore']({ batch });
    expect([contentChecksum(collection), extras()]).toEqual(before);

    // earlier versions kept a deadline interval as the text of its JSON array, and no key for no ticks
    const again = collection.handlers['cards.delete']({ cardIds: [1] }).batch;
    const kept = db.prepare('SELECT reviews FROM deleted_cards WHERE batch = ?').pluck().get(again) as string;
    const reviews = (JSON.parse(kept) as Record<string, unknown>[]).map(({ review_answer, deadline_days, ...r }) => ({
      ...r,
      ...(review_answer ? { review_answer } : {}),
      deadline_days: Array.isArray(deadline_days) ? JSON.stringify(deadline_days) : null,
    }));
    db.prepare('UPDATE deleted_cards SET reviews = ? WHERE batch = ?').run(JSON.stringify(reviews), again);
    collection.handlers['cards.restore']({ batch: again });
    expect([contentChecksum(collection), extras()]).toEqual(before);
    expect(reviewCounts(collection)).toBe(rebuiltCounts(collection));
  });

  it('gives a restored answer a new id, with its ticks, when another answer holds its id', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    studySome(collection, clock);
    const db = collection.db;
    const ids = db.prepare('SELECT id FROM review_log WHERE card_id = 1 ORDER BY id').pluck().all() as number[];
    db.prepare(
      `INSERT INTO review_answers (review_id, card_id, recalled, missed, typed_text) VALUES (?, 1, NULL, NULL, 'mine')`,
    ).run(ids[0]);
    const { batch } = collection.handlers['cards.delete']({ cardIds: [1] });
    // a file written by other hands: another card's answer under a kept answer's id
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('review_log') as string[];
    const others = columns.filter((c) => c !== 'id').join(', ');
    db.prepare(
      `INSERT INTO review_log (id, ${others}) SELECT ?, ${others} FROM review_log WHERE card_id = 2 ORDER BY id LIMIT 1`,
    ).run(ids[0]);
    collection.handlers['cards.restore']({ batch });
    const back = db.prepare('SELECT id FROM review_log WHERE card_id = 1 ORDER BY id').pluck().all() as number[];
    expect(back).toHaveLength(3);
    expect(back.slice(0, 2)).toEqual(ids.slice(1));
    expect(back[2]).toBeGreaterThan(Math.max(...ids));
    expect(db.prepare('SELECT review_id, typed_text FROM review_answers').all()).toEqual([
      { review_id: back[2], typed_text: 'mine' },
    ]);
  });

  it('keeps a deleted bundled card deleted when the bundled deck is updated', () => {
    const clock = new TestClock(NOW);
    const dataDir = tempDir();
    const collection = openTestCollection(clock, { dataDir });
    collection.handlers['cards.delete']({ cardIds: [1] });
    collection.close();
    const decks = tempDir('cue-decks-');
    const text = readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), 'utf8');
    writeFileSync(join(decks, 'lead-ml-engineer.md'), text.replace('version: 1', 'version: 2'));
    const updated = openTestCollection(clock, { dataDir, bundledDeckDir: decks });
    expect(updated.db.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(49);
    expect(updated.db.prepare("SELECT count(*) FROM cards WHERE key = 'core-01'").pluck().get()).toBe(0);
  });
});

describe('moving cards', () => {
  it('moves a card’s review counts with it to another section', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    studySome(collection, clock);
    collection.handlers['cards.update']({ cardId: 1, sectionId: 3 });
    expect(reviewCounts(collection)).toBe(rebuiltCounts(collection));
    const sections = collection.handlers.stats({ deckId: 1 }).sections;
    expect(sections.find((s) => s.sectionId === 3)?.reviews.total).toBe(3);
  });

  it('moves a card to another deck, and an update of the deck it left does not bring a copy back', () => {
    const clock = new TestClock(NOW);
    const dataDir = tempDir();
    const collection = openTestCollection(clock, { dataDir });
    studySome(collection, clock);
    const { deckId } = collection.handlers['decks.create']({ name: 'Mine' });
    const { sectionId } = collection.handlers['sections.create']({ deckId, name: 'Kept' });
    collection.handlers['cards.update']({ cardId: 1, sectionId });
    expect(collection.handlers['cards.get']({ cardId: 1 })).toMatchObject({ deckId, sectionId, key: 'core-01' });
    expect(collection.db.prepare('SELECT count(*) FROM reviews WHERE card_id = 1').pluck().get()).toBe(3);
    expect(reviewCounts(collection)).toBe(rebuiltCounts(collection));
    expect(collection.handlers['study.next']({ deckId }).counts.review).toBeGreaterThanOrEqual(0);
    collection.close();
    const decks = tempDir('cue-decks-');
    const text = readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), 'utf8');
    writeFileSync(join(decks, 'lead-ml-engineer.md'), text.replace('version: 1', 'version: 2'));
    const updated = openTestCollection(clock, { dataDir, bundledDeckDir: decks });
    expect(updated.db.prepare("SELECT deck_id FROM cards WHERE key = 'core-01'").pluck().all()).toEqual([deckId]);
  });
});

/** A newer bundled deck file (version 2) in a folder of its own, optionally with edits to its text. */
function newerBundledDeck(edit: (text: string) => string = (t) => t): string {
  const decks = tempDir('cue-decks-');
  const text = readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), 'utf8');
  writeFileSync(join(decks, 'lead-ml-engineer.md'), edit(text.replace('version: 1', 'version: 2')));
  return decks;
}

describe('deleting sections and decks', () => {
  it('deletes a section with its cards and history, and undo brings all of it back', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    studySome(collection, clock);
    const before = contentChecksum(collection);
    const counts = reviewCounts(collection);
    const { batch, deleted } = collection.handlers['sections.delete']({ sectionId: 1 });
    expect(deleted).toBe(10);
    const deck = collection.handlers['decks.list']({})[0];
    expect(deck.sections.map((s) => s.key)).not.toContain('core');
    expect(deck.cards).toBe(40);
    expect(collection.handlers.stats({ deckId: 1 }).total.reviews.total).toBe(3);
    expect(reviewCounts(collection)).toBe(rebuiltCounts(collection));

    expect(collection.handlers['cards.restore']({ batch })).toMatchObject({ restored: 10, sections: 1, decks: 0 });
    expect(contentChecksum(collection)).toBe(before);
    expect(reviewCounts(collection)).toBe(counts);
    expect(collection.handlers['decks.list']({})[0].sections[0]).toMatchObject({ key: 'core', cards: 10 });
  });

  it('deletes a deck whole; undo restores it under the same ids; a bundled update does not bring it back', () => {
    const clock = new TestClock(NOW);
    const dataDir = tempDir();
    const collection = openTestCollection(clock, { dataDir });
    studySome(collection, clock);
    collection.handlers['cards.delete']({ cardIds: [50] });
    const before = contentChecksum(collection);
    const { batch, deleted } = collection.handlers['decks.delete']({ deckId: 1 });
    expect(deleted).toBe(49);
    expect(collection.handlers['decks.list']({})).toEqual([]);
    expect(collection.db.prepare('SELECT count(*) FROM review_days').pluck().get()).toBe(0);
    collection.handlers['cards.restore']({ batch });
    expect(contentChecksum(collection)).toBe(before);
    // the card deleted before the deck is still deleted, and still kept from coming back
    expect(collection.db.prepare('SELECT count(*) FROM retired_card_keys').pluck().get()).toBe(1);

    collection.handlers['decks.delete']({ deckId: 1 });
    collection.close();
    const reopened = openTestCollection(clock, { dataDir });
    expect(reopened.handlers['decks.list']({})).toEqual([]);
    reopened.close();
    const updated = openTestCollection(clock, { dataDir, bundledDeckDir: newerBundledDeck() });
    expect(updated.handlers['decks.list']({})).toEqual([]);
  });

  it('keeps a deleted section deleted through a bundled update, and the person’s names win', () => {
    const clock = new TestClock(NOW);
    const dataDir = tempDir();
    const collection = openTestCollection(clock, { dataDir });
    collection.handlers['sections.delete']({ sectionId: 2 });
    collection.handlers['decks.rename']({ deckId: 1, name: 'Interview prep' });
    collection.handlers['sections.rename']({ sectionId: 1, name: 'Basics' });
    collection.close();
    const decks = newerBundledDeck((text) => text.replace('Core Concepts', 'Core ML Concepts'));
    const updated = openTestCollection(clock, { dataDir, bundledDeckDir: decks });
    const deck = updated.handlers['decks.list']({})[0];
    expect(deck.name).toBe('Interview prep');
    expect(deck.sections.map((s) => s.name)).toEqual([
      'Basics',
      'System Design',
      'Coding and Debugging',
      'Behavioral Questions',
    ]);
    expect(deck.cards).toBe(40);
  });

  it('refuses unknown ids and bad names, changing nothing', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const before = contentChecksum(collection);
    expect(() => collection.handlers['decks.delete']({ deckId: 9 })).toThrow(/no deck 9/);
    expect(() => collection.handlers['sections.delete']({ sectionId: 99 })).toThrow(/no section 99/);
    expect(() => collection.handlers['decks.rename']({ deckId: 9, name: 'x' })).toThrow(/no deck 9/);
    expect(() => dispatch(collection, 'sections.rename', { sectionId: 1, name: '   ' })).toThrow(/Invalid input/);
    expect(() => collection.handlers['cards.restore']({ batch: 7 })).toThrow(/undone already, or never happened/);
    expect(contentChecksum(collection)).toBe(before);
  });
});
