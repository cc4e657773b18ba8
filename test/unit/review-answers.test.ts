/**
 * Ticks and typed answers kept with each review (schema 11): stored with the answer, given back by
 * undo (and no longer counted), kept through a delete and its undo, refused when wrong with nothing
 * changed, counted in statistics; and the card still equals the replay of its log.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { migrate } from '../../electron/core/database';
import { dispatch } from '../../electron/core/dispatch';
import { migrations } from '../../electron/core/migrations';
import { findCard, replayCard } from '../../electron/core/review-log';
import type { Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { databaseDigest } from '../helpers/collection-digest';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 2, 2, 9, 0);
const DAY = 86_400_000;
const EWC = 'elastic-weight-consolidation-ewc';
const PROGRESSIVE = 'progressive-neural-networks';
const REPLAY = 'replay-buffers';

function setUp() {
  const clock = new TestClock(START);
  const collection = openTestCollection(clock);
  const cardId = cardOf(collection, 'core-02');
  return { clock, collection, cardId };
}

function cardOf(collection: Collection, key: string): number {
  return collection.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number;
}

function answer(
  collection: Collection,
  cardId: number,
  rating: Rating,
  extras: { recalled?: string[]; typedText?: string } = {},
) {
  return dispatch(collection, 'study.answer', { deckId: 1, cardId, rating, durationMs: 5000, ...extras }) as ReturnType<
    Collection['handlers']['study.answer']
  >;
}

const rows = (collection: Collection) =>
  collection.db.prepare('SELECT * FROM review_answers ORDER BY review_id').all() as Record<string, unknown>[];

function studyCard(collection: Collection, cardId: number) {
  const next = collection.handlers['study.next']({ deckId: 1, sectionId: sectionOf(collection, cardId) });
  return next.card?.id === cardId ? next.card : null;
}

function sectionOf(collection: Collection, cardId: number): number {
  return collection.db.prepare('SELECT section_id FROM cards WHERE id = ?').pluck().get(cardId) as number;
}

describe('ticks kept with each review', () => {
  it('stores the points recalled and missed, with their labels, and the typed text, in the answer', () => {
    const { collection, cardId } = setUp();
    const { reviewId } = answer(collection, cardId, 2, { recalled: [EWC], typedText: 'EWC keeps weights' });
    expect(rows(collection)).toEqual([
      {
        review_id: reviewId,
        card_id: cardId,
        recalled: JSON.stringify([{ id: EWC, label: 'Elastic Weight Consolidation (EWC)' }]),
        missed: JSON.stringify([
          { id: PROGRESSIVE, label: 'Progressive Neural Networks' },
          { id: REPLAY, label: 'Replay Buffers' },
        ]),
        typed_text: 'EWC keeps weights',
      },
    ]);
    const info = collection.handlers['stats.cardPoints']({ cardId });
    expect(info.answers).toEqual([expect.objectContaining({ reviewId, rating: 2, typedText: 'EWC keeps weights' })]);
    expect(info.points.map((p) => [p.pointId, p.asked, p.missed])).toEqual([
      [EWC, 1, 0],
      [PROGRESSIVE, 1, 1],
      [REPLAY, 1, 1],
    ]);
  });

  it('shows the points missed at the last answer on the card next time, and none once all are recalled', () => {
    const { clock, collection, cardId } = setUp();
    expect(collection.handlers['study.next']({ deckId: 1 }).card?.missedLastTime).toEqual([]);
    answer(collection, cardId, 1, { recalled: [PROGRESSIVE] });
    const card = findCard(collection.db, cardId);
    clock.set(card.due + 1000);
    const shown = studyCard(collection, cardId);
    expect(shown?.keyPoints.map((p) => p.id)).toEqual([EWC, PROGRESSIVE, REPLAY]);
    expect(shown?.missedLastTime).toEqual([EWC, REPLAY]);
    answer(collection, cardId, 3, { recalled: [EWC, PROGRESSIVE, REPLAY] });
    clock.set(findCard(collection.db, cardId).due + 1000);
    expect(studyCard(collection, cardId)?.missedLastTime).toEqual([]);
  });

  it('stores nothing for an answer without ticks or text, and a blank typed text is no text', () => {
    const { collection, cardId } = setUp();
    answer(collection, cardId, 3);
    answer(collection, cardId, 3, { typedText: '  \n ' });
    expect(rows(collection)).toEqual([]);
  });

  it('keeps the card equal to the replay of its log', () => {
    const { clock, collection, cardId } = setUp();
    const ratings: Rating[] = [1, 3, 2, 3, 4];
    for (const [index, rating] of ratings.entries()) {
      answer(collection, cardId, rating, { recalled: index % 2 ? [EWC] : [], typedText: `try ${index}` });
      clock.advance(DAY * (index + 1));
    }
    expect(replayCard(collection.db, collection.scheduler, cardId)).toEqual(
      scheduleOf(findCard(collection.db, cardId)),
    );
    expect(rows(collection)).toHaveLength(ratings.length);
  });
});

describe('undo', () => {
  it('gives back the undone answer’s ticks and text; its row stays but no longer counts', () => {
    const { clock, collection, cardId } = setUp();
    answer(collection, cardId, 1, { recalled: [EWC] });
    clock.set(findCard(collection.db, cardId).due + 1000);
    const { reviewId } = answer(collection, cardId, 2, { recalled: [EWC, REPLAY], typedText: 'second' });
    const undone = collection.handlers['study.undo']({ deckId: 1 });
    expect(undone.answer).toEqual({ recalled: [EWC, REPLAY], typedText: 'second' });
    expect(rows(collection).map((row) => row.review_id)).toContain(reviewId);
    expect(undone.next.card?.missedLastTime).toEqual([PROGRESSIVE, REPLAY]);
    const points = collection.handlers['stats.cardPoints']({ cardId });
    expect(points.answers).toHaveLength(1);
    expect(points.points.find((p) => p.pointId === REPLAY)).toMatchObject({ asked: 1, missed: 1 });
  });

  it('says there was nothing beside the rating for an answer without ticks', () => {
    const { collection, cardId } = setUp();
    answer(collection, cardId, 3);
    expect(collection.handlers['study.undo']({ deckId: 1 }).answer).toBeNull();
  });
});

describe('deleting a card', () => {
  it('takes its answers’ ticks with it, and undoing the delete brings them back as they were', () => {
    const { clock, collection, cardId } = setUp();
    answer(collection, cardId, 1, { recalled: [EWC], typedText: 'first' });
    clock.advance(DAY);
    answer(collection, cardId, 3, { recalled: [EWC, REPLAY] });
    collection.handlers['study.undo']({ deckId: 1 });
    const before = rows(collection);
    const statsBefore = collection.handlers['stats.cardPoints']({ cardId });
    const { batch } = collection.handlers['cards.delete']({ cardIds: [cardId] });
    expect(rows(collection)).toEqual([]);
    collection.handlers['cards.restore']({ batch });
    expect(rows(collection)).toEqual(before);
    expect(collection.handlers['stats.cardPoints']({ cardId })).toEqual(statsBefore);
  });

  it('is the only way rows leave, and they never change', () => {
    const { collection, cardId } = setUp();
    answer(collection, cardId, 2, { recalled: [EWC] });
    expect(() => collection.db.prepare('DELETE FROM review_answers').run()).toThrow(/append-only/);
    expect(() => collection.db.prepare("UPDATE review_answers SET typed_text = 'x'").run()).toThrow(/append-only/);
  });
});

describe('wrong input', () => {
  it('is refused, naming the points the card does not have, and changes nothing', () => {
    const { collection, cardId } = setUp();
    const digest = databaseDigest(collection.db);
    const error = thrown(CueError, () => answer(collection, cardId, 3, { recalled: [EWC, 'dropout', 'batch-norm'] }));
    expect(error).toMatchObject({ code: 'invalid_input' });
    expect(String((error as Error).message)).toBe(
      `Card ${cardId} has no key point "dropout", "batch-norm"; its points are "${EWC}", "${PROGRESSIVE}", "${REPLAY}".`,
    );
    expect(databaseDigest(collection.db)).toBe(digest);
  });

  it('refuses ticks on a card without points, a point ticked twice, and a typed text too long', () => {
    const { collection } = setUp();
    const codeOnly = cardOf(collection, 'coding-06');
    const digest = databaseDigest(collection.db);
    expect(thrown(CueError, () => answer(collection, codeOnly, 3, { recalled: ['x'] }))).toMatchObject({
      message: expect.stringMatching(/has no key point "x"; it has no key points/),
    });
    expect(
      thrown(CueError, () => answer(collection, cardOf(collection, 'core-02'), 3, { recalled: [EWC, EWC] })),
    ).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/ticked once/),
    });
    expect(thrown(CueError, () => answer(collection, codeOnly, 3, { typedText: 'x'.repeat(20_001) }))).toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/20,000 characters/),
    });
    expect(databaseDigest(collection.db)).toBe(digest);
    // an empty checklist on a card without points is no checklist: the typed text alone is kept
    answer(collection, codeOnly, 3, { recalled: [], typedText: 'def cache(): ...' });
    expect(rows(collection)).toEqual([expect.objectContaining({ recalled: null, typed_text: 'def cache(): ...' })]);
  });
});

describe('the review answers migration', () => {
  it('adds the table to a collection of the schema before, its log untouched', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    const version = migrations.find((migration) => migration.name === 'review answers')?.version ?? 0;
    expect(migrate(db, migrations.slice(0, version - 1))).toBe(version - 1);
    db.exec(`INSERT INTO decks (id, key, name, created_at, updated_at) VALUES (1, 'd', 'D', 0, 0);
      INSERT INTO sections (id, deck_id, key, name, position) VALUES (1, 1, 's', 'S', 0);
      INSERT INTO cards (id, deck_id, section_id, key, position, question, answer, created_at, updated_at, due)
        VALUES (1, 1, 1, 'c', 0, 'q', '- a\n- b', 0, 0, 0);`);
    const log = db.prepare('SELECT count(*) FROM review_log').pluck().get();
    expect(migrate(db, migrations.slice(0, version))).toBe(version);
    expect(db.prepare('SELECT count(*) FROM review_answers').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM review_log').pluck().get()).toBe(log);
    // a row must name an answer that exists, and hold ticks or text
    expect(() =>
      db.prepare("INSERT INTO review_answers (review_id, card_id, typed_text) VALUES (99, 1, 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('the most missed points', () => {
  it('per section and per card, most missed first, with their share', () => {
    const { clock, collection, cardId } = setUp();
    const lru = cardOf(collection, 'dsa-01');
    answer(collection, cardId, 1, { recalled: [] });
    clock.advance(DAY);
    answer(collection, cardId, 2, { recalled: [EWC] });
    answer(collection, lru, 2, { recalled: ['use-a-hashmap-to-store-key-value'] });
    const stats = collection.handlers['stats.missedPoints']({ deckId: 1, limit: 10 });
    const core = stats.sections.find((section) => section.name === 'Core Concepts');
    expect(core?.points.map((p) => [p.pointId, p.missed, p.asked, p.share])).toEqual([
      [PROGRESSIVE, 2, 2, 1],
      [REPLAY, 2, 2, 1],
      [EWC, 1, 2, 0.5],
    ]);
    expect(stats.sections.find((section) => section.name === 'Data Structures and Algorithms')?.points).toEqual([
      expect.objectContaining({ cardId: lru, pointId: 'use-a-doubly-linked-list-to', missed: 1, share: 1 }),
    ]);
    expect(stats.cards.map((card) => [card.cardId, card.points.length])).toEqual([
      [cardId, 3],
      [lru, 1],
    ]);
    const one = collection.handlers['stats.missedPoints']({
      deckId: 1,
      sectionId: sectionOf(collection, lru),
      limit: 1,
    });
    expect(one.sections).toHaveLength(1);
    expect(one.cards.map((card) => card.cardId)).toEqual([lru]);
    expect(thrown(CueError, () => collection.handlers['stats.missedPoints']({ deckId: 99, limit: 10 }))).toMatchObject({
      code: 'not_found',
    });
  });
});
