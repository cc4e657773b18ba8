/**
 * The undo history: every change a person makes is one step, undone and redone from the database,
 * after a restart too; an undo appends (the logs keep every answer), a card always equals a replay of
 * its log, and an undo a later change made impossible says why and steps aside.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { restoreDeleted } from '../../electron/core/deletion';
import { dispatch } from '../../electron/core/dispatch';
import { HISTORY_DEPTH } from '../../electron/core/history/history';
import { findCard, replayCard } from '../../electron/core/review-log';
import type { AnswerResult, CustomSessionStarted, Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import type { HistoryList, HistoryStep } from '../../shared/history';
import { FIXTURES, openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 2, 2, 9, 0);
let clock: TestClock;

function setUp(dataDir = tempDir()) {
  clock = new TestClock(START);
  return { collection: openTestCollection(clock, { dataDir }), dataDir };
}
afterEach(() => undefined);

const call = (c: Collection, method: string, input: unknown = {}) => dispatch(c, method as never, input);
const answer = (c: Collection, cardId: number, rating: Rating) =>
  call(c, 'study.answer', { deckId: 1, cardId, rating, durationMs: 3000 }) as AnswerResult;
const undo = (c: Collection) => call(c, 'history.undo') as HistoryStep;
const redo = (c: Collection) => call(c, 'history.redo') as HistoryStep;
const list = (c: Collection) => call(c, 'history.list') as HistoryList;

/** Everything a person sees of the collection, log entries by what they hold (a redo gives them new ids). */
function state(c: Collection): string {
  const rows = (sql: string) => c.db.prepare(sql).raw().all();
  return JSON.stringify({
    decks: rows('SELECT * FROM decks ORDER BY id'),
    sections: rows('SELECT * FROM sections ORDER BY id'),
    cards: rows('SELECT * FROM cards ORDER BY id'),
    notes: rows('SELECT * FROM notes ORDER BY id'),
    presets: rows('SELECT * FROM presets ORDER BY id'),
    settings: rows('SELECT * FROM settings ORDER BY key'),
    days: rows('SELECT * FROM review_days ORDER BY 1, 2, 3, 4, 5'),
    hours: rows('SELECT * FROM review_hours ORDER BY 1, 2, 3'),
    reviews: rows(
      'SELECT card_id, reviewed_at, rating, duration_ms, state_after, due_after FROM reviews ORDER BY reviewed_at, card_id',
    ),
    events: rows('SELECT card_id, at, kind, due FROM card_events WHERE undone_at IS NULL ORDER BY at, card_id'),
  });
}

function expectReplayed(c: Collection): void {
  const ids = c.db.prepare('SELECT id FROM cards').pluck().all() as number[];
  for (const id of ids) {
    expect(replayCard(c.db, c.scheduler, id), `card ${id}`).toEqual(scheduleOf(findCard(c.db, id)));
  }
}

/** Makes `change`, then checks undo puts everything back, redo makes it again, and undo once more. */
function roundTrip(c: Collection, label: string | RegExp, change: () => void): void {
  const before = state(c);
  change();
  const after = state(c);
  expect(after, 'the change changed something').not.toBe(before);
  expect(list(c).undo[0]?.label).toMatch(label);
  clock.advance(MS_PER_MINUTE);
  expect(undo(c).label).toMatch(label);
  expect(state(c)).toBe(before);
  expectReplayed(c);
  expect(list(c).redo[0]?.label).toMatch(label);
  clock.advance(MS_PER_MINUTE);
  expect(redo(c).label).toMatch(label);
  expect(state(c)).toBe(after);
  expectReplayed(c);
  undo(c);
  expect(state(c)).toBe(before);
  expectReplayed(c);
}

describe('every change a person makes is undone and redone', () => {
  it('an answer (the log keeps it, undone; redo appends it again)', () => {
    const { collection } = setUp();
    roundTrip(collection, 'Answer', () => answer(collection, 1, 3));
    const logged = collection.db.prepare('SELECT count(*) FROM review_log WHERE card_id = 1').pluck().get();
    expect(logged).toBe(2);
  });

  it.each([
    ['Bury', 'cards.bury', { cardId: 2 }],
    ['Suspend', 'cards.suspend', { cardId: 2 }],
    ['Suspend 3 cards', 'cards.bulk', { cardIds: [1, 2, 3], change: { action: 'suspend' } }],
    ['Reset 1 card', 'cards.bulk', { cardIds: [1], change: { action: 'reset' } }],
    ['Set due date of 2 cards', 'cards.bulk', { cardIds: [1, 2], change: { action: 'setDue', date: '2026-03-20' } }],
    ['Flag 1 card', 'cards.bulk', { cardIds: [4], change: { action: 'setFlag', flag: 3 } }],
    ['Add tags to 2 cards', 'cards.bulk', { cardIds: [4, 5], change: { action: 'addTags', tags: ['interview::ml'] } }],
    ['Edit card', 'cards.update', { cardId: 3, question: 'A new question?', answer: 'And its answer.' }],
    ['Edit card', 'cards.update', { cardId: 3, sectionId: 2 }],
    ['Delete 2 cards', 'cards.delete', { cardIds: [5, 6] }],
    ['Rename deck', 'decks.rename', { deckId: 1, name: 'Interview prep' }],
    ['Rename section', 'sections.rename', { sectionId: 1, name: 'Basics' }],
    ['Delete section', 'sections.delete', { sectionId: 2 }],
    ['Delete deck', 'decks.delete', { deckId: 1 }],
    ['Add deck', 'decks.create', { name: 'Spanish' }],
    ['Change preset', 'presets.update', { presetId: 1, options: { desiredRetention: 0.85 } }],
    ['Change settings', 'settings.set', { rolloverHour: 6 }],
  ])('%s (%s)', (label, method, input) => {
    const { collection } = setUp();
    // some history first, so the change has answers to carry along
    answer(collection, 1, 3);
    answer(collection, 2, 1);
    roundTrip(collection, label, () => call(collection, method, input));
  });

  it('a reset of an answered card: the reset is marked undone in the log, and replay skips it', () => {
    const { collection } = setUp();
    answer(collection, 1, 4);
    const answered = scheduleOf(findCard(collection.db, 1));
    call(collection, 'cards.bulk', { cardIds: [1], change: { action: 'reset' } });
    undo(collection);
    expect(scheduleOf(findCard(collection.db, 1))).toEqual(answered);
    const event = collection.db.prepare('SELECT kind, undone_at FROM card_events WHERE card_id = 1').get();
    expect(event).toEqual({ kind: 'reset', undone_at: clock.time });
    expectReplayed(collection);
  });

  it('tags renamed and deleted everywhere', () => {
    const { collection } = setUp();
    call(collection, 'cards.bulk', { cardIds: [1, 2], change: { action: 'addTags', tags: ['ml'] } });
    roundTrip(collection, 'Rename tag ml', () =>
      call(collection, 'tags.rename', { from: 'ml', to: 'machine-learning' }),
    );
    roundTrip(collection, 'Delete tag ml', () => call(collection, 'tags.delete', { tag: 'ml' }));
  });

  it('find and replace in a selection, as one step; a preview records nothing', () => {
    const { collection } = setUp();
    const steps = list(collection).undo.length;
    const preview = { cardIds: [1, 2, 3], find: 'model', replace: 'MODEL', in: 'fields', preview: true };
    call(collection, 'notes.findReplace', preview);
    expect(list(collection).undo).toHaveLength(steps);
    roundTrip(collection, /^Replace in \d+ notes?$/, () =>
      call(collection, 'notes.findReplace', { ...preview, preview: false }),
    );
  });

  it('an import, as one step: undo takes out its cards and decks, redo brings them back with their history', () => {
    const { collection } = setUp();
    const bytes = readFileSync(join(FIXTURES, 'anki', 'korean_adjectives_100.apkg'));
    roundTrip(collection, /^Import \d+ cards$/, () => collection.importFile('korean.apkg', bytes, { dryRun: false }));
  });

  it('a note edit that retires a card brings the card back with its history', () => {
    const { collection } = setUp();
    const sectionId = 1;
    const type = (call(collection, 'notetypes.list') as { id: number; kind: string }[]).find((t) => t.kind === 'cloze');
    if (!type) throw new Error('no cloze note type');
    const made = call(collection, 'notes.create', {
      noteTypeId: type.id,
      sectionId,
      fields: ['{{c1::Adam}} and {{c2::SGD}}', ''],
    }) as { noteId: number; cardIds?: number[] };
    const cards = collection.db.prepare('SELECT id FROM cards WHERE note_id = ? ORDER BY id').pluck().all(made.noteId);
    answer(collection, cards[1] as number, 3);
    roundTrip(collection, 'Edit note', () =>
      call(collection, 'notes.update', { noteId: made.noteId, fields: ['{{c1::Adam}} and SGD', ''] }),
    );
  });
});

describe('the history', () => {
  it('survives a restart', () => {
    const { collection, dataDir } = setUp();
    answer(collection, 1, 3);
    call(collection, 'cards.suspend', { cardId: 2 });
    const before = state(collection);
    collection.close();
    const reopened = openTestCollection(clock, { dataDir });
    expect(list(reopened).undo.map((s) => s.label)).toEqual(['Suspend', 'Answer']);
    expect(undo(reopened).label).toBe('Suspend');
    expect(findCard(reopened.db, 2).suspended).toBe(0);
    reopened.close();
    const again = openTestCollection(clock, { dataDir });
    expect(list(again).redo.map((s) => s.label)).toEqual(['Suspend']);
    redo(again);
    expect(state(again)).toBe(before);
  });

  it('says when there is nothing to undo or redo', () => {
    const { collection } = setUp();
    expect(thrown(CueError, () => undo(collection)).message).toBe('There is nothing to undo.');
    expect(thrown(CueError, () => redo(collection)).code).toBe('nothing_to_undo');
  });

  it('a new change clears what could be redone, as in every editor', () => {
    const { collection } = setUp();
    call(collection, 'cards.suspend', { cardId: 1 });
    undo(collection);
    expect(list(collection).redo).toHaveLength(1);
    call(collection, 'cards.bury', { cardId: 2 });
    expect(list(collection).redo).toEqual([]);
  });

  it(`keeps the last ${HISTORY_DEPTH} steps, newest first, and appends: no row is ever changed or removed`, () => {
    const { collection } = setUp();
    for (let i = 0; i < HISTORY_DEPTH + 5; i++)
      call(collection, i % 2 ? 'cards.unsuspend' : 'cards.suspend', { cardId: 1 });
    const steps = list(collection).undo;
    expect(steps).toHaveLength(HISTORY_DEPTH);
    expect(steps[0]?.label).toBe('Suspend');
    expect(() => collection.db.prepare('DELETE FROM history_steps').run()).toThrow(/append-only/);
    expect(() => collection.db.prepare("UPDATE history_steps SET label = 'x'").run()).toThrow(/append-only/);
  });

  it('an undo a later change made impossible says which and why, and steps aside for the one before', () => {
    const { collection } = setUp();
    answer(collection, 2, 3);
    answer(collection, 1, 4);
    clock.advance(MS_PER_MINUTE);
    // a custom session keeps its own undo, outside the history: the card changed under the step
    const { sessionId } = call(collection, 'custom.start', {
      deckId: 1,
      kind: 'ahead',
      days: 30,
    }) as CustomSessionStarted;
    call(collection, 'custom.answer', { sessionId, cardId: 1, rating: 3, durationMs: 3000 });
    call(collection, 'custom.end', { sessionId });
    const changed = state(collection);
    const error = thrown(CueError, () => undo(collection));
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Undo Answer is no longer possible: card 1 was changed since.');
    expect(state(collection)).toBe(changed);
    expect(undo(collection).cardIds).toContain(2);
    expect(findCard(collection.db, 2).reps).toBe(0);
    expectReplayed(collection);
  });

  it('names the later step that made a redo impossible', () => {
    const { collection } = setUp();
    call(collection, 'cards.update', { cardId: 1, question: 'First?' });
    undo(collection);
    // a change outside the history (another device, a script) leaves the redo with nothing to stand on
    collection.db.prepare("UPDATE cards SET question = 'Changed elsewhere?' WHERE id = 1").run();
    expect(thrown(CueError, () => redo(collection)).message).toBe(
      'Redo Edit card is no longer possible: card 1 was changed since.',
    );
    expect(list(collection).redo).toEqual([]);
  });

  it('a delete brought back another way steps aside, and the undo before it still works', () => {
    const { collection } = setUp();
    call(collection, 'cards.suspend', { cardId: 1 });
    const { batch } = call(collection, 'cards.delete', { cardIds: [2] }) as { batch: number };
    // a restore outside the history (a script, an older client) empties the batch the step would restore
    restoreDeleted(collection.db, batch);
    expect(thrown(CueError, () => undo(collection)).message).toMatch(
      /^Undo Delete 1 card is no longer possible: what it deleted \(it was brought back another way\)/,
    );
    expect(undo(collection).label).toBe('Suspend');
    expect(findCard(collection.db, 1).suspended).toBe(0);
  });

  it('a row a step made and something else changed since is not taken away', () => {
    const { collection } = setUp();
    const { deckId } = call(collection, 'decks.create', { name: 'Spanish' }) as { deckId: number };
    collection.db.prepare("UPDATE decks SET name = 'Spanish verbs' WHERE id = ?").run(deckId);
    expect(thrown(CueError, () => undo(collection)).message).toBe(
      `Undo Add deck is no longer possible: deck ${deckId} was changed since.`,
    );
    expect(collection.db.prepare('SELECT name FROM decks WHERE id = ?').pluck().get(deckId)).toBe('Spanish verbs');
  });

  it('an undone import can be made again by importing the file again: its cards are not retired', () => {
    const { collection } = setUp();
    const bytes = readFileSync(join(FIXTURES, 'anki', 'korean_adjectives_100.apkg'));
    const first = collection.importFile('korean.apkg', bytes, { dryRun: false });
    undo(collection);
    const again = collection.importFile('korean.apkg', bytes, { dryRun: false });
    expect(again.cards).toBe(first.cards);
    expect(again.cards).toBeGreaterThan(0);
  });

  it('refuses a history row naming a table it does not record, and changes nothing', () => {
    const { collection } = setUp();
    const cards = collection.db.prepare('SELECT count(*) FROM cards').pluck().get();
    const payload = { rows: [{ table: 'cards WHERE 1 --', op: 'i', key: [1], before: null, after: {} }] };
    collection.db
      .prepare(
        `INSERT INTO history_steps (at, action, label, payload, undo_stack, redo_stack)
         VALUES (0, 'do', 'Doctored', ?, '[1]', '[]')`,
      )
      .run(JSON.stringify({ ...payload, reviews: [], events: [], added: [], batches: [] }));
    expect(thrown(CueError, () => undo(collection)).message).toMatch(/does not record/);
    expect(collection.db.prepare('SELECT count(*) FROM cards').pluck().get()).toBe(cards);
  });

  it('study.undo takes back the newest step and shows its card again', () => {
    const { collection } = setUp();
    answer(collection, 1, 3);
    call(collection, 'cards.bury', { cardId: 2 });
    const undone = call(collection, 'study.undo', { deckId: 1 }) as { cardId: number; step: HistoryStep };
    expect(undone.step.label).toBe('Bury');
    expect(undone.cardId).toBe(2);
    const deleted = call(collection, 'cards.delete', { cardIds: [3] });
    expect(deleted).toMatchObject({ deleted: 1 });
    expect((call(collection, 'study.undo', { deckId: 1 }) as { cardId: number }).cardId).toBe(3);
    clock.advance(MS_PER_DAY);
    expect((call(collection, 'study.undo', { deckId: 1 }) as { step: HistoryStep }).step.label).toBe('Answer');
    expectReplayed(collection);
  });
});
