/**
 * An Anki import keeps each card's schedule as Anki had it: its due date, interval and queue are the
 * package's, its memory state is Anki's own (cards.data) or else the history's, and the kept schedule is
 * an entry of the log, so a replay still gives the card. "Reschedule from history" replays the reviews
 * instead. The packages' own values are read here with SQL, not with Cue's reader.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { decompress } from 'fzstd';
import { describe, expect, it } from 'vitest';
import { type CardRow, scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import { cardKey } from '../../electron/core/io/anki/read-package';
import { findCard, replayCard } from '../../electron/core/review-log';
import { STATE } from '../../electron/core/scheduler';
import { buildPackage, type CardSpec, CollectionBuilder, type PackageLayout, STOCK } from '../helpers/anki-packages';
import { FIXTURES, openTestCollection, TestClock } from '../helpers/collections';

const ANKI_FIXTURES = join(FIXTURES, 'anki');
/** col.crt of the built packages: 2024-01-01 04:00 UTC, a rollover as Anki sets it. */
const CRT = Date.UTC(2024, 0, 1, 4) / 1000;
/** The study day the tests import on: 2025-08-20, 10:00 UTC (collections here are UTC, rollover 4 am). */
const NOW = Date.UTC(2025, 7, 20, 10);

/** Anki's day number of a calendar date, counted from CRT's date. */
function ankiDay(year: number, month: number, day: number): number {
  return (Date.UTC(year, month - 1, day) - Date.UTC(2024, 0, 1)) / MS_PER_DAY;
}

/** The start of a study day in the test collections (4 am UTC). */
function dayStartUtc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day, 4);
}

interface PackageCard {
  id: string;
  nid: string;
  guid: string;
  ord: number;
  type: number;
  queue: number;
  due: number;
  ivl: number;
}

/** The package's collection as Anki reads it: meta picks it (anki21b is zstd, its header says WAL). */
function packageCollection(bytes: Uint8Array): Database.Database {
  const files = unzipSync(bytes);
  const version = files.meta ? files.meta[1] : files['collection.anki21'] ? 2 : 1;
  let db = version === 3 ? decompress(files['collection.anki21b']) : files[`collection.anki2${version === 2 ? 1 : ''}`];
  db = new Uint8Array(db);
  db[18] = 1;
  db[19] = 1;
  return new Database(Buffer.from(db));
}

function packageCards(bytes: Uint8Array): PackageCard[] {
  const db = packageCollection(bytes);
  try {
    return db
      .prepare(
        `SELECT CAST(c.id AS TEXT) AS id, CAST(c.nid AS TEXT) AS nid, n.guid, c.ord, c.type, c.queue, c.due, c.ivl
         FROM cards c JOIN notes n ON n.id = c.nid ORDER BY c.id`,
      )
      .all() as PackageCard[];
  } finally {
    db.close();
  }
}

function importedCard(collection: Collection, card: PackageCard): CardRow {
  const key = cardKey({ id: card.nid, guid: card.guid }, card.ord);
  const id = collection.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number | undefined;
  expect(id, `card ${card.id} (${key})`).toBeDefined();
  return findCard(collection.db, id as number);
}

function expectEveryCardToEqualItsReplay(collection: Collection): void {
  const ids = collection.db.prepare('SELECT id FROM cards ORDER BY id').pluck().all() as number[];
  for (const id of ids) {
    expect(replayCard(collection.db, collection.scheduler, id), `card ${id}`).toEqual(
      scheduleOf(findCard(collection.db, id)),
    );
  }
}

describe('the real packages in test/fixtures/anki', () => {
  const names = readdirSync(ANKI_FIXTURES).filter((name) => /\.(apkg|colpkg)$/.test(name));
  for (const name of names) {
    const bytes = new Uint8Array(readFileSync(join(ANKI_FIXTURES, name)));
    const cards = packageCards(bytes);
    if (cards.length === 0) continue;
    it(`keep every card's queue, interval and due (${name}, ${cards.length} cards)`, () => {
      const collection = openTestCollection(new TestClock(NOW));
      collection.importFile(name, bytes, { dryRun: false });
      const imported = cards.map((card) => ({ card, row: importedCard(collection, card) }));
      for (const { card, row } of imported) {
        expect(row.suspended, `card ${card.id}`).toBe(card.queue === -1 ? 1 : 0);
        expect(row.scheduled_days, `card ${card.id}`).toBe(card.ivl);
        if (card.type === 0) expect(row.state).toBe(STATE.new);
      }
      // new cards are due by position: Cue's order of them is Anki's
      const byPosition = imported
        .filter(({ card }) => card.type === 0)
        .sort((a, b) => a.row.position - b.row.position)
        .map(({ card }) => card.id);
      const byAnkiDue = imported
        .filter(({ card }) => card.type === 0)
        .sort((a, b) => a.card.due - b.card.due || Number(a.card.nid) - Number(b.card.nid) || a.card.ord - b.card.ord)
        .map(({ card }) => card.id);
      expect(byPosition).toEqual(byAnkiDue);
      expectEveryCardToEqualItsReplay(collection);
    });
  }
});

/** Ten review cards studied over months, due 2025-08-28 to 2025-09-01 (two a day), as a real export had. */
function tenReviewCards(layout: PackageLayout) {
  const b = new CollectionBuilder();
  b.spec.crt = CRT;
  const deck = b.deck('Japanese');
  const expected: { question: string; due: number; ivl: number }[] = [];
  for (let i = 0; i < 10; i++) {
    const date = 28 + Math.floor(i / 2);
    const day: [number, number, number] = date > 31 ? [2025, 9, date - 31] : [2025, 8, date];
    const ivl = 20 + i * 3;
    const due = ankiDay(...day);
    const lastReview = Date.UTC(2024, 0, 1) + (due - ivl) * MS_PER_DAY + 9 * 3_600_000;
    const question = `word ${i}`;
    const { cardIds } = b.note(STOCK.basic(), [question, `meaning ${i}`], {
      deck,
      card: () => ({ type: 2, queue: 2, due, ivl, factor: 2500, reps: 4, lapses: i % 2 }),
    });
    // first seen months before, two learning steps, then reviews ending on the day the interval began
    const first = lastReview - 90 * MS_PER_DAY;
    b.review(cardIds[0], first, 3, { type: 0 });
    b.review(cardIds[0], first + 600_000, 3, { type: 0 });
    b.review(cardIds[0], first + 4 * MS_PER_DAY, 3);
    b.review(cardIds[0], lastReview, 3);
    expected.push({ question, due: dayStartUtc(...day), ivl });
  }
  return { bytes: buildPackage({ layout, collection: b.spec }), expected };
}

function cardByQuestion(collection: Collection, question: string): CardRow {
  const id = collection.db.prepare('SELECT id FROM cards WHERE question = ?').pluck().get(question) as number;
  return findCard(collection.db, id);
}

describe('ten review cards due 2025-08-28 to 2025-09-01', () => {
  for (const layout of ['legacy1', 'latest'] as const) {
    it(`come in due on those days with their intervals, not rescheduled (${layout})`, () => {
      const { bytes, expected } = tenReviewCards(layout);
      const packaged = packageCards(bytes);
      expect(packaged.map((c) => [c.queue, c.ivl])).toEqual(expected.map((e) => [2, e.ivl]));
      const collection = openTestCollection(new TestClock(NOW));
      const summary = collection.importFile('japanese.apkg', bytes, { dryRun: false });
      expect(summary).toMatchObject({ cards: 10, reviews: 40 });
      for (const { question, due, ivl } of expected) {
        const card = cardByQuestion(collection, question);
        expect(card, question).toMatchObject({ state: STATE.review, due, scheduled_days: ivl, reps: 4 });
        expect(card.last_review).toBe(due - ivl * MS_PER_DAY + 5 * 3_600_000);
      }
      expect(new Set(expected.map((e) => new Date(e.due).toISOString().slice(0, 10)))).toEqual(
        new Set(['2025-08-28', '2025-08-29', '2025-08-30', '2025-08-31', '2025-09-01']),
      );
      expectEveryCardToEqualItsReplay(collection);
    });
  }

  it('with "Reschedule from history" on, get the schedule their replayed reviews give', () => {
    const { bytes, expected } = tenReviewCards('legacy2');
    const collection = openTestCollection(new TestClock(NOW));
    collection.importFile('japanese.apkg', bytes, { dryRun: false, rescheduleFromHistory: true });
    const kept = collection.db.prepare("SELECT count(*) FROM card_events WHERE kind = 'kept_schedule'").pluck().get();
    expect(kept).toBe(0);
    let moved = 0;
    for (const { question, due } of expected) {
      const card = cardByQuestion(collection, question);
      // the schedule is the last replayed answer's, exactly
      const last = collection.db
        .prepare('SELECT due_after, scheduled_days_after FROM reviews WHERE card_id = ? ORDER BY reviewed_at DESC')
        .get(card.id) as { due_after: number; scheduled_days_after: number };
      expect(card).toMatchObject({ due: last.due_after, scheduled_days: last.scheduled_days_after });
      if (card.due !== due) moved++;
    }
    expect(moved).toBeGreaterThan(0);
    expectEveryCardToEqualItsReplay(collection);
  });

  it('a preview offers the same: kept unless asked, and changes nothing', () => {
    const { bytes } = tenReviewCards('latest');
    const collection = openTestCollection(new TestClock(NOW));
    const preview = collection.importFile('japanese.apkg', bytes, { dryRun: true, rescheduleFromHistory: true });
    expect(preview).toMatchObject({ cards: 10, reviews: 40 });
    expect(collection.db.prepare("SELECT count(*) FROM cards WHERE question LIKE 'word %'").pluck().get()).toBe(0);
  });
});

describe('the day a review card is due', () => {
  for (const layout of ['legacy1', 'latest'] as const) {
    it(`counts from the date the collection was made where it was made (${layout})`, () => {
      // made at 4 am in Tokyo on 2024-01-01, which is still 2023-12-31 in UTC
      const b = new CollectionBuilder();
      b.spec.crt = Date.UTC(2023, 11, 31, 19) / 1000;
      b.spec.creationOffset = -540;
      const card = { type: 2, queue: 2, due: ankiDay(2025, 8, 28), ivl: 10, factor: 2500, reps: 3 };
      b.note(STOCK.basic(), ['Tokyo', 'back'], { deck: b.deck('Places'), card: () => card });
      const collection = openTestCollection(new TestClock(NOW));
      collection.importFile('tokyo.apkg', buildPackage({ layout, collection: b.spec }), { dryRun: false });
      expect(cardByQuestion(collection, 'Tokyo').due).toBe(dayStartUtc(2025, 8, 28));
    });
  }
});

const HOUR = 3_600_000;

/** One card of each kind Anki has, each on its own note. */
function everyKindOfCard(layout: PackageLayout) {
  const b = new CollectionBuilder();
  b.spec.crt = CRT;
  const home = b.deck('Kinds');
  const filtered = b.deck('Filtered Deck 1', undefined, { filtered: true });
  const today = ankiDay(2025, 8, 20);
  const add = (question: string, card: Partial<CardSpec>, deck = home) =>
    b.note(STOCK.basic(), [question, 'back'], { deck, card: () => card }).cardIds[0];
  const learning = add('learning', { type: 1, queue: 1, due: NOW / 1000 + 600, left: 1001, reps: 1 });
  const relearning = add('relearning', {
    type: 3,
    queue: 1,
    due: NOW / 1000 + 1800,
    ivl: 3,
    factor: 2300,
    left: 1,
    reps: 9,
    lapses: 2,
  });
  add('day learning', { type: 1, queue: 3, due: today + 1, left: 1, reps: 2 });
  add('new third', { type: 0, queue: 0, due: 3 });
  add('new first', { type: 0, queue: 0, due: 1 });
  add('new second', { type: 0, queue: 0, due: 2 });
  add('suspended', { type: 2, queue: -1, due: today + 5, ivl: 12, factor: 2500, reps: 5 });
  const buriedToday = (NOW - HOUR) / 1000;
  add('buried today', { type: 2, queue: -2, due: today, ivl: 8, factor: 2500, reps: 4, mod: buriedToday });
  const buriedBefore = (NOW - 2 * MS_PER_DAY) / 1000;
  add('buried before', { type: 2, queue: -3, due: today - 1, ivl: 8, factor: 2500, reps: 4, mod: buriedBefore });
  // in a filtered deck: due there is a position, its home due (odue) is what counts
  add('in a filtered deck', { type: 2, queue: 2, due: -100_000, odue: today + 9, odid: home, ivl: 30 }, filtered);
  add('with memory', {
    type: 2,
    queue: 2,
    due: today + 4,
    ivl: 16,
    factor: 2500,
    reps: 3,
    data: '{"s":21.5,"d":4.25}',
  });
  add('without memory', { type: 2, queue: 2, due: today + 2, ivl: 40, factor: 2500, reps: 6 });
  b.review(learning, NOW - 60_000, 3, { type: 0 });
  b.review(relearning, NOW - 10 * MS_PER_DAY, 3);
  b.review(relearning, NOW - 600_000, 1, { type: 1 });
  return buildPackage({ layout, collection: b.spec });
}

describe('every kind of Anki card', () => {
  for (const layout of ['legacy1', 'latest'] as const) {
    it(`keeps its state, due and interval (${layout})`, () => {
      const collection = openTestCollection(new TestClock(NOW));
      collection.importFile('kinds.apkg', everyKindOfCard(layout), { dryRun: false });
      const card = (question: string) => cardByQuestion(collection, question);

      // learning and relearning cards: due to the second, on the step Anki had them on
      expect(card('learning')).toMatchObject({ state: STATE.learning, due: NOW + 600_000, reps: 1, learning_steps: 1 });
      expect(card('learning').last_review).toBe(NOW - 60_000);
      expect(card('relearning')).toMatchObject({
        state: STATE.relearning,
        due: NOW + 1_800_000,
        scheduled_days: 3,
        reps: 9,
        lapses: 2,
        learning_steps: 0,
      });
      expect(card('day learning')).toMatchObject({ state: STATE.learning, due: dayStartUtc(2025, 8, 21) });
      // Anki's default steps are 1m 10m: one step left is the second
      expect(card('day learning').learning_steps).toBe(1);

      // new cards in Anki's order of them, not the order their notes were made in
      const positions = ['new first', 'new second', 'new third'].map((q) => card(q).position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(card('new first')).toMatchObject({ state: STATE.new, reps: 0 });

      expect(card('suspended')).toMatchObject({ suspended: 1, state: STATE.review, due: dayStartUtc(2025, 8, 25) });
      expect(card('suspended').scheduled_days).toBe(12);
      // a burial lasts the day it was made on
      expect(card('buried today')).toMatchObject({ buried_until: dayStartUtc(2025, 8, 21), suspended: 0 });
      expect(card('buried before')).toMatchObject({ buried_until: null, due: dayStartUtc(2025, 8, 19) });

      const inFiltered = card('in a filtered deck');
      expect(inFiltered).toMatchObject({ state: STATE.review, due: dayStartUtc(2025, 8, 29), scheduled_days: 30 });
      expect(inFiltered.section_name).toBe('Kinds');

      // the memory state: Anki's own, else the history's, else one made from the interval
      expect(card('with memory')).toMatchObject({ stability: 21.5, difficulty: 4.25, scheduled_days: 16 });
      const relearned = collection.db
        .prepare('SELECT stability_after, difficulty_after FROM reviews WHERE card_id = ? ORDER BY reviewed_at DESC')
        .get(card('relearning').id) as { stability_after: number; difficulty_after: number };
      expect(card('relearning')).toMatchObject({
        stability: relearned.stability_after,
        difficulty: relearned.difficulty_after,
      });
      const noMemory = card('without memory');
      expect(noMemory).toMatchObject({ stability: 40, due: dayStartUtc(2025, 8, 22) });
      expect(noMemory.difficulty).toBeGreaterThanOrEqual(1);
      expect(noMemory.difficulty).toBeLessThanOrEqual(10);
      expect(noMemory.last_review).toBe(dayStartUtc(2025, 8, 22) - 40 * MS_PER_DAY);

      // Card info lists the kept schedule among the card's log entries
      const info = collection.handlers['stats.card']({ cardId: noMemory.id });
      expect(info.events).toEqual([{ at: expect.any(Number), kind: 'kept_schedule', due: dayStartUtc(2025, 8, 22) }]);

      expectEveryCardToEqualItsReplay(collection);
    });
  }

  it('an answer in Cue goes on from the kept schedule, and its undo returns to it', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    collection.importFile('kinds.apkg', everyKindOfCard('latest'), { dryRun: false });
    const before = scheduleOf(cardByQuestion(collection, 'without memory'));
    expect(before).toMatchObject({ state: STATE.review, due: dayStartUtc(2025, 8, 22), scheduledDays: 40 });
    clock.set(dayStartUtc(2025, 8, 22) + 2 * HOUR);
    const { id, deck_id: deckId } = cardByQuestion(collection, 'without memory');
    collection.handlers['study.answer']({ deckId, cardId: id, rating: 3, durationMs: 4000 });
    const answered = findCard(collection.db, id);
    expect(answered.due).toBeGreaterThan(before.due);
    expect(answered.reps).toBe(before.reps + 1);
    expectEveryCardToEqualItsReplay(collection);
    collection.handlers['study.undo']({ deckId });
    expect(scheduleOf(findCard(collection.db, id))).toEqual(before);
    expectEveryCardToEqualItsReplay(collection);
  });

  it('every kind of kept card can be answered, and still equals its replay', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    collection.importFile('kinds.apkg', everyKindOfCard('legacy1'), { dryRun: false });
    clock.set(dayStartUtc(2025, 9, 10));
    const cards = collection.db
      .prepare('SELECT id, deck_id AS deckId, state FROM cards WHERE state > 0 AND suspended = 0')
      .all() as {
      id: number;
      deckId: number;
      state: number;
    }[];
    expect(cards.length).toBeGreaterThanOrEqual(8);
    for (const { id, deckId } of cards) {
      const before = findCard(collection.db, id);
      collection.handlers['study.answer']({ deckId, cardId: id, rating: 3, durationMs: 3000 });
      const after = findCard(collection.db, id);
      expect(after.reps, before.question).toBe(before.reps + 1);
      expect(after.stability, before.question).toBeGreaterThan(0);
      expect(Number.isFinite(after.due), before.question).toBe(true);
    }
    expectEveryCardToEqualItsReplay(collection);
  });

  it('importing the package again leaves the kept schedules as they are', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    const bytes = everyKindOfCard('legacy1');
    collection.importFile('kinds.apkg', bytes, { dryRun: false });
    const events = () => collection.db.prepare('SELECT count(*) FROM card_events').pluck().get();
    const logged = events();
    const cards = collection.db.prepare('SELECT * FROM cards ORDER BY id').all();
    clock.advance(HOUR);
    collection.importFile('kinds.apkg', bytes, { dryRun: false });
    expect(events()).toBe(logged);
    expect(collection.db.prepare('SELECT * FROM cards ORDER BY id').all()).toEqual(cards);
  });
});
