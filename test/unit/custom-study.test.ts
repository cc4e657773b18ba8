/**
 * Custom study sessions on the bundled deck (real SQLite file, the real handlers through dispatch): what
 * each kind selects, that practice sessions leave the whole database as it was while rescheduling ones
 * answer through the review log (replayed exactly), undo within a session, and the errors bad input gets.
 */
import { describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import type { Collection } from '../../electron/core/collection';
import { PRACTICE_GAP } from '../../electron/core/custom-study/custom-sessions';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { findCard, replayCard } from '../../electron/core/review-log';
import type { ApiInput } from '../../shared/api';
import type { CustomAnswerResult, CustomSessionStarted, Rating, StudyNext, UndoResult } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import type { CardSearchResult } from '../../shared/search';
import { databaseDigest } from '../helpers/collection-digest';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 2, 2, 10, 0);
/** The bundled deck's sections hold cards 1-10, 11-20, … in order. */
const CORE = 1;

function setUp() {
  const clock = new TestClock(START);
  const collection = openTestCollection(clock);
  return { clock, collection };
}

const start = (collection: Collection, input: ApiInput<'custom.start'>) =>
  dispatch(collection, 'custom.start', input) as CustomSessionStarted;
const next = (collection: Collection, sessionId: string) =>
  dispatch(collection, 'custom.next', { sessionId }) as StudyNext;
const answer = (collection: Collection, sessionId: string, cardId: number, rating: Rating) =>
  dispatch(collection, 'custom.answer', { sessionId, cardId, rating, durationMs: 3000 }) as CustomAnswerResult;
const undo = (collection: Collection, sessionId: string) =>
  dispatch(collection, 'custom.undo', { sessionId }) as UndoResult;
const count = (collection: Collection, input: ApiInput<'custom.count'>) =>
  (dispatch(collection, 'custom.count', input) as { cards: number }).cards;
const studyAnswer = (collection: Collection, cardId: number, rating: Rating) =>
  dispatch(collection, 'study.answer', { deckId: 1, cardId, rating, durationMs: 3000 });
const bulk = (collection: Collection, cardIds: number[], change: ApiInput<'cards.bulk'>['change']) =>
  dispatch(collection, 'cards.bulk', { cardIds, change });
const reviewCount = (collection: Collection) =>
  collection.db.prepare('SELECT count(*) FROM reviews').pluck().get() as number;

/** Every card the session shows, answering each with `rating(cardId, showing)` until it is empty. */
function runSession(collection: Collection, sessionId: string, rating: (cardId: number, showing: number) => Rating) {
  const shown: number[] = [];
  let card = next(collection, sessionId).card;
  while (card) {
    shown.push(card.id);
    if (shown.length > 500) throw new Error('the session never ends');
    card = answer(collection, sessionId, card.id, rating(card.id, shown.length)).next.card;
  }
  return shown;
}

function errorOf(action: () => unknown): CueError {
  return thrown(CueError, action);
}

function expectEveryCardToEqualItsReplay(collection: Collection, ids: number[]) {
  for (const id of ids) {
    expect(replayCard(collection.db, collection.scheduler, id), `card ${id}`).toEqual(
      scheduleOf(findCard(collection.db, id)),
    );
  }
}

/** Cards 1-6 studied (Easy: review cards), then given due dates from today to five days on. */
function reviewCardsDueOverTheWeek(collection: Collection) {
  for (let cardId = 1; cardId <= 6; cardId++) studyAnswer(collection, cardId, 4);
  const dates = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-07', '2026-03-03'];
  dates.forEach((date, i) => {
    bulk(collection, [i + 1], { action: 'setDue', date });
  });
}

describe('what each kind selects', () => {
  it('ahead: cards due in the next N days that are not due today, soonest first, suspended ones left out', () => {
    const { collection } = setUp();
    reviewCardsDueOverTheWeek(collection);
    bulk(collection, [4], { action: 'suspend' });
    expect(count(collection, { deckId: 1, kind: 'ahead' })).toBe(2);
    expect(count(collection, { deckId: 1, kind: 'ahead', days: 2 })).toBe(3);
    // card 1 is due today (study has it), card 4 suspended, card 5 beyond the window
    const session = start(collection, { deckId: 1, kind: 'ahead', days: 4 });
    expect(session).toMatchObject({ cards: 3, reschedules: true });
    expect(runSession(collection, session.sessionId, () => 3)).toEqual([2, 6, 3]);
    expect(count(collection, { deckId: 1, kind: 'ahead', days: 5 })).toBe(1);
  });

  it('forgotten: cards whose answer in the last N days was Again (undone answers do not count)', () => {
    const { clock, collection } = setUp();
    studyAnswer(collection, 7, 1);
    clock.advance(2 * MS_PER_DAY);
    studyAnswer(collection, 8, 1);
    studyAnswer(collection, 9, 3);
    studyAnswer(collection, 10, 1);
    dispatch(collection, 'study.undo', { deckId: 1 });
    expect(count(collection, { deckId: 1, kind: 'forgotten' })).toBe(1);
    expect(count(collection, { deckId: 1, kind: 'forgotten', days: 2 })).toBe(1);
    expect(count(collection, { deckId: 1, kind: 'forgotten', days: 3 })).toBe(2);
    const session = start(collection, { deckId: 1, kind: 'forgotten', days: 3 });
    expect(session).toMatchObject({ cards: 2, reschedules: true });
    expect(next(collection, session.sessionId).card?.id).toBe(7);
    const reviews = reviewCount(collection);
    answer(collection, session.sessionId, 7, 3);
    expect(reviewCount(collection)).toBe(reviews + 1);
    expectEveryCardToEqualItsReplay(collection, [7, 8, 9, 10]);
  });

  it('preview: the new cards of a section in deck order, up to the limit', () => {
    const { collection } = setUp();
    studyAnswer(collection, 11, 3);
    const session = start(collection, { deckId: 1, sectionId: 2, kind: 'preview', limit: 4 });
    expect(session).toEqual({ sessionId: session.sessionId, cards: 4, reschedules: false });
    expect(count(collection, { deckId: 1, sectionId: 2, kind: 'preview' })).toBe(9);
    expect(runSession(collection, session.sessionId, () => 4)).toEqual([12, 13, 14, 15]);
  });

  it('cram by tag: the cards with that tag in the deck or section, whatever their state', () => {
    const { collection } = setUp();
    bulk(collection, [3, 12, 30, 31], { action: 'addTags', tags: ['interview', 'hard_one'] });
    bulk(collection, [5], { action: 'addTags', tags: ['interviews'] });
    studyAnswer(collection, 12, 4);
    expect(count(collection, { deckId: 1, kind: 'cram', tag: 'interview' })).toBe(4);
    expect(count(collection, { deckId: 1, kind: 'cram', tag: 'hard_one' })).toBe(4);
    // `_` is a character of the tag, not a wildcard
    expect(count(collection, { deckId: 1, kind: 'cram', tag: 'hard%' })).toBe(0);
    const session = start(collection, { deckId: 1, sectionId: 2, kind: 'cram', tag: 'interview' });
    expect(session.cards).toBe(1);
    expect(next(collection, session.sessionId).card?.id).toBe(12);
    expect(dispatch(collection, 'custom.tags', { deckId: 1 })).toEqual([
      { tag: 'hard_one', cards: 4 },
      { tag: 'interview', cards: 4 },
      { tag: 'interviews', cards: 1 },
    ]);
  });

  it('cram by search: what the browser finds with the query, within the deck or section', () => {
    const { collection } = setUp();
    const query = 'cache -is:review';
    const found = dispatch(collection, 'cards.search', { query, limit: 500 }) as CardSearchResult;
    expect(found.total).toBeGreaterThan(1);
    const inDeck = found.cards.map((card) => card.id).sort((a, b) => a - b);
    const session = start(collection, { deckId: 1, kind: 'cram', query });
    expect(session).toMatchObject({ cards: inDeck.length, reschedules: false });
    expect(runSession(collection, session.sessionId, () => 3)).toEqual(inDeck);
    const section = found.cards[0].sectionId;
    const inSection = found.cards.filter((card) => card.sectionId === section).length;
    expect(count(collection, { deckId: 1, sectionId: section, kind: 'cram', query })).toBe(inSection);
  });
});

describe('practice sessions (preview, cram) leave the schedule alone', () => {
  it('change no row of the database, with Again and Hard bringing cards back later in the session', () => {
    const { clock, collection } = setUp();
    studyAnswer(collection, CORE, 3);
    bulk(collection, [1, 2, 3, 4, 5, 6, 7, 8], { action: 'addTags', tags: ['exam'] });
    const before = databaseDigest(collection.db);
    const session = start(collection, { deckId: 1, kind: 'cram', tag: 'exam' });
    expect(session).toMatchObject({ cards: 8, reschedules: false });
    const first = next(collection, session.sessionId);
    expect(first.counts).toEqual({ learning: 1, review: 0, new: 7 });
    expect(first.card?.previews.map((p) => p.label)).toEqual([
      `in ${PRACTICE_GAP[1]} cards`,
      `in ${PRACTICE_GAP[2]} cards`,
      'done',
      'done',
    ]);
    // card 1 Again (back after 3), card 2 Hard (back after 6); all else Good
    const ratings: Record<string, Rating> = { '1:1': 1, '2:2': 2 };
    const shown = runSession(collection, session.sessionId, (cardId, showing) => {
      clock.advance(MS_PER_MINUTE);
      return ratings[`${cardId}:${showing}`] ?? 3;
    });
    // three cards between card 1 and its return, six between card 2 and its own
    expect(shown).toEqual([1, 2, 3, 4, 1, 5, 6, 7, 2, 8]);
    undo(collection, session.sessionId);
    expect(databaseDigest(collection.db)).toBe(before);
  });

  it('reschedule: true answers through the review log, replayed exactly', () => {
    const { collection } = setUp();
    const reviews = reviewCount(collection);
    const session = start(collection, { deckId: 1, sectionId: 3, kind: 'preview', reschedule: true, limit: 3 });
    expect(session.reschedules).toBe(true);
    const result = answer(collection, session.sessionId, 21, 4);
    expect(result.reviewId).toEqual(expect.any(Number));
    expect(result.state).toBe('review');
    expect(findCard(collection.db, 21).state).toBe(2);
    runSession(collection, session.sessionId, () => 4);
    expect(reviewCount(collection)).toBe(reviews + 3);
    expectEveryCardToEqualItsReplay(collection, [21, 22, 23]);
  });

  it('keeps the key points ticked and the typed text with a rescheduling answer, and none with a practice one', () => {
    const { collection } = setUp();
    const answers = () => collection.db.prepare('SELECT card_id, recalled, typed_text FROM review_answers').all();
    const rescheduling = start(collection, { deckId: 1, sectionId: CORE, kind: 'preview', reschedule: true, limit: 2 });
    const shown = next(collection, rescheduling.sessionId).card;
    const [first] = shown?.keyPoints ?? [];
    dispatch(collection, 'custom.answer', {
      sessionId: rescheduling.sessionId,
      cardId: shown?.id as number,
      rating: 2,
      durationMs: 4000,
      recalled: [first.id],
      typedText: 'two towers',
    });
    expect(answers()).toEqual([
      {
        card_id: shown?.id,
        recalled: JSON.stringify([{ id: first.id, label: first.label }]),
        typed_text: 'two towers',
      },
    ]);
    dispatch(collection, 'custom.end', { sessionId: rescheduling.sessionId });
    bulk(collection, [5], { action: 'addTags', tags: ['exam'] });
    const practice = start(collection, { deckId: 1, kind: 'cram', tag: 'exam' });
    const card = next(collection, practice.sessionId).card;
    dispatch(collection, 'custom.answer', {
      sessionId: practice.sessionId,
      cardId: card?.id as number,
      rating: 3,
      durationMs: 4000,
      recalled: [],
    });
    expect(answers()).toHaveLength(1);
  });
});

describe('rescheduling sessions (ahead, forgotten)', () => {
  it('study ahead answers early with the real elapsed time: logged, rescheduled, replayed exactly', () => {
    const { clock, collection } = setUp();
    reviewCardsDueOverTheWeek(collection);
    clock.advance(3 * 60 * MS_PER_MINUTE);
    const card2 = findCard(collection.db, 2);
    const session = start(collection, { deckId: 1, kind: 'ahead', days: 3 });
    const result = answer(collection, session.sessionId, 2, 3);
    const logged = collection.db.prepare('SELECT * FROM reviews WHERE id = ?').get(result.reviewId) as {
      reviewed_at: number;
      due_before: number;
      retrievability: number;
    };
    expect(logged).toMatchObject({ reviewed_at: clock.time, due_before: card2.due });
    // reviewed before it was due: the recall FSRS predicted was still high
    expect(logged.retrievability).toBeGreaterThan(0.9);
    const after = findCard(collection.db, 2);
    expect(after.last_review).toBe(clock.time);
    expect(after.due).not.toBe(card2.due);
    expectEveryCardToEqualItsReplay(collection, [1, 2, 3, 4, 5, 6]);
  });

  it('a card answered Again comes back in the session once its relearning step is due', () => {
    const { clock, collection } = setUp();
    reviewCardsDueOverTheWeek(collection);
    const session = start(collection, { deckId: 1, kind: 'ahead', days: 2 });
    expect(next(collection, session.sessionId).card?.id).toBe(2);
    answer(collection, session.sessionId, 2, 1);
    answer(collection, session.sessionId, 6, 3);
    answer(collection, session.sessionId, 3, 3);
    // within the learn-ahead window the relearning card is shown early, as in study
    const waiting = next(collection, session.sessionId);
    expect(waiting.card?.id).toBe(2);
    expect(waiting.card?.state).toBe('relearning');
    expect(waiting.counts).toEqual({ learning: 1, review: 0, new: 0 });
    answer(collection, session.sessionId, 2, 3);
    clock.advance(MS_PER_MINUTE);
    expect(next(collection, session.sessionId).card).toBeNull();
  });
});

describe('what an answer does beside scheduling, in a rescheduling session', () => {
  it('marks a leech as study does, and undo takes the tag and the suspension back', () => {
    const { collection } = setUp();
    reviewCardsDueOverTheWeek(collection);
    dispatch(collection, 'presets.update', { presetId: 1, options: { leechThreshold: 1, leechAction: 'suspend' } });
    const session = start(collection, { deckId: 1, kind: 'ahead', days: 2 });
    const lapse = answer(collection, session.sessionId, 2, 1);
    expect(lapse.leech).toEqual({ tagged: true, suspended: true });
    expect(findCard(collection.db, 2)).toMatchObject({ suspended: 1 });
    expect(findCard(collection.db, 2).tags).toContain('leech');
    undo(collection, session.sessionId);
    expect(findCard(collection.db, 2)).toMatchObject({ suspended: 0 });
    expect(findCard(collection.db, 2).tags).not.toContain('leech');
  });

  it('marks no leech in a practice session: nothing is written', () => {
    const { collection } = setUp();
    reviewCardsDueOverTheWeek(collection);
    dispatch(collection, 'presets.update', { presetId: 1, options: { leechThreshold: 1 } });
    const session = start(collection, { deckId: 1, kind: 'cram', query: 'is:review', reschedule: false });
    const card = next(collection, session.sessionId).card;
    expect(card).not.toBeNull();
    expect(answer(collection, session.sessionId, card?.id ?? 0, 1).leech).toBeNull();
  });
});

describe('undo in a session', () => {
  it('takes back a rescheduling answer from the review log and shows the card again', () => {
    const { collection } = setUp();
    reviewCardsDueOverTheWeek(collection);
    const before = scheduleOf(findCard(collection.db, 2));
    const session = start(collection, { deckId: 1, kind: 'ahead', days: 2 });
    const { reviewId } = answer(collection, session.sessionId, 2, 3);
    expect(next(collection, session.sessionId)).toMatchObject({ canUndo: true, card: { id: 6 } });
    const undone = undo(collection, session.sessionId);
    expect(undone.cardId).toBe(2);
    expect(undone.next).toMatchObject({ canUndo: false, card: { id: 2 } });
    expect(scheduleOf(findCard(collection.db, 2))).toEqual(before);
    const row = collection.db.prepare('SELECT undone_at FROM review_log WHERE id = ?').get(reviewId);
    expect(row).toEqual({ undone_at: START });
    expect(next(collection, session.sessionId).card?.id).toBe(2);
    expect(errorOf(() => undo(collection, session.sessionId)).code).toBe('nothing_to_undo');
  });

  it('takes back a practice answer: the card is next again and the queue as it was', () => {
    const { collection } = setUp();
    const session = start(collection, { deckId: 1, sectionId: 1, kind: 'preview' });
    answer(collection, session.sessionId, 1, 1);
    expect(next(collection, session.sessionId).card?.id).toBe(2);
    expect(undo(collection, session.sessionId).next.card?.id).toBe(1);
    expect(next(collection, session.sessionId).counts).toEqual({ learning: 0, review: 0, new: 10 });
    expect(runSession(collection, session.sessionId, () => 3)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('bad input', () => {
  it('says what is wrong and changes nothing', () => {
    const { collection } = setUp();
    const before = databaseDigest(collection.db);
    const cases: [ApiInput<'custom.start'>, CueError['code'], RegExp][] = [
      [{ deckId: 9, kind: 'preview' }, 'not_found', /no deck 9/],
      [{ deckId: 1, sectionId: 99, kind: 'preview' }, 'not_found', /no section 99/],
      [{ deckId: 1, kind: 'cram', tag: 'nothing' }, 'not_found', /have the tag “nothing”/],
      [{ deckId: 1, kind: 'cram', query: '"never closed' }, 'invalid_input', /a quote is never closed/],
      [{ deckId: 1, kind: 'cram', query: 'zzzzzz' }, 'not_found', /finds no cards/],
      [{ deckId: 1, kind: 'cram' }, 'invalid_input', /either a tag or a search/],
      [{ deckId: 1, kind: 'cram', tag: 'a', query: 'b' }, 'invalid_input', /either a tag or a search/],
      [{ deckId: 1, kind: 'ahead', tag: 'a' }, 'invalid_input', /cram session only/],
      [{ deckId: 1, kind: 'preview', days: 3 }, 'invalid_input', /Days apply/],
      [{ deckId: 1, kind: 'ahead', reschedule: false }, 'invalid_input', /always reschedules/],
      [{ deckId: 1, kind: 'ahead', days: 7 }, 'not_found', /fall due in the next 7 days/],
      [{ deckId: 1, kind: 'forgotten' }, 'not_found', /answered Again today/],
      [{ deckId: 1, kind: 'ahead', days: 0 }, 'invalid_input', /days must be 1 to 365/],
    ];
    for (const [input, code, message] of cases) {
      const error = errorOf(() => start(collection, input));
      expect(error.code, JSON.stringify(input)).toBe(code);
      expect(error.message, JSON.stringify(input)).toMatch(message);
    }
    expect(databaseDigest(collection.db)).toBe(before);
  });

  it('refuses an unknown or ended session, and a card the session does not show now', () => {
    const { collection } = setUp();
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(errorOf(() => next(collection, unknown))).toMatchObject({ code: 'not_found' });
    expect(errorOf(() => next(collection, 'not-a-session')).code).toBe('invalid_input');
    const { sessionId } = start(collection, { deckId: 1, sectionId: 1, kind: 'preview' });
    expect(errorOf(() => answer(collection, sessionId, 5, 3)).message).toMatch(
      /Card 5 is not the card this session shows now \(it shows card 1\)/,
    );
    answer(collection, sessionId, 1, 3);
    expect(dispatch(collection, 'custom.end', { sessionId })).toEqual({ sessionId, answered: 1 });
    expect(errorOf(() => next(collection, sessionId)).message).toMatch(/no such custom study session/);
  });

  it('does not outlive a restore of the collection: its cards may be gone', () => {
    const { collection } = setUp();
    const { file } = dispatch(collection, 'backups.create', {}) as { file: string };
    const { sessionId } = start(collection, { deckId: 1, sectionId: 1, kind: 'preview' });
    dispatch(collection, 'backups.restore', { file });
    expect(errorOf(() => next(collection, sessionId)).message).toMatch(/collection restored since/);
  });

  it('skips a card suspended or deleted during the session', () => {
    const { collection } = setUp();
    const { sessionId } = start(collection, { deckId: 1, sectionId: 1, kind: 'preview', limit: 3 });
    dispatch(collection, 'cards.suspend', { cardId: 1 });
    dispatch(collection, 'cards.delete', { cardIds: [2] });
    expect(next(collection, sessionId)).toMatchObject({ card: { id: 3 }, counts: { new: 1 } });
  });
});
