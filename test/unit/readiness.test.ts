/**
 * Readiness for a target date: predicted recall on the date checked against FSRS-6's forgetting
 * curve worked out by hand, means per section and deck, at-risk cards, the collection's date and a
 * deck's own, figures that follow each answer, and the errors a bad date or deck gets.
 */
import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayStart, dayToIsoDate, MS_PER_DAY } from '../../electron/core/days';
import { dispatch } from '../../electron/core/dispatch';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const START = Date.UTC(2026, 2, 2, 10, 0);

/** FSRS-6: R(t, S) = (1 + factor · t / S)^(−decay), with decay = w20 and factor = 0.9^(−1/decay) − 1, so R(S, S) = 0.9. */
function handRecall(days: number, stability: number): number {
  const decay = default_w[20];
  const factor = 0.9 ** (-1 / decay) - 1;
  return (1 + (factor * days) / stability) ** -decay;
}

function setup() {
  const clock = new TestClock(START);
  const collection = openTestCollection(clock);
  const today = dayNumber(START, collection.boundary);
  return { clock, collection, today };
}

describe('readiness on a target date', () => {
  it('is FSRS retrievability at the start of the date for studied cards, 0 for unseen ones', () => {
    const { collection, today } = setup();
    const [first] = collection.handlers['decks.list']({})[0].sections;
    const card = collection.handlers['study.next']({ deckId: 1 }).card;
    if (!card) throw new Error('no card');
    collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating: 4, durationMs: 4000 });
    const { stability, last_review } = collection.db
      .prepare('SELECT stability, last_review FROM cards WHERE id = ?')
      .get(card.id) as { stability: number; last_review: number };
    const date = dayToIsoDate(today + 10);
    collection.handlers['readiness.setTarget']({ deckId: 1, date });
    const result = collection.handlers['readiness.get']({ deckId: 1 });
    // the date starts at 4 am UTC; the answer was at 10 am ten days before: 9.75 days
    const t = (dayStart(today + 10, collection.boundary) - last_review) / MS_PER_DAY;
    expect(t).toBe(9.75);
    const line = result.cards.find((c) => c.id === card.id);
    expect(line?.recallIfStopped).toBeCloseTo(handRecall(t, stability), 6);
    expect(result.cards.filter((c) => c.id !== card.id).every((c) => c.recallIfStopped === 0)).toBe(true);
    const section = result.sections.find((s) => s.id === first.id);
    expect(section?.recallIfStopped).toBeCloseTo(handRecall(t, stability) / first.cards, 6);
    expect(result.deck.recallIfStopped).toBeCloseTo(handRecall(t, stability) / 50, 6);
    expect(result).toMatchObject({ date, daysLeft: 10, deadlineMode: true, desiredRetention: 0.9 });
    expect(result.deck.cards).toBe(50);
  });

  it('on schedule introduces the new cards within the limits, and marks what cannot make it at risk', () => {
    const { collection, today } = setup();
    const date = dayToIsoDate(today + 20);
    const open = collection.handlers['readiness.get']({ deckId: 1, date });
    // 20 new cards a day: all 50 are learnt in three days, and reviewed before the date
    expect(open.deck.recallOnSchedule).toBeGreaterThan(0.9);
    expect(open.deck.atRisk).toBe(0);
    collection.handlers['decks.setLimits']({ deckId: 1, newLimit: 2, reviewLimit: null });
    const slow = collection.handlers['readiness.get']({ deckId: 1, date });
    // two a day for 20 days is 40 cards: ten are never seen before the date
    expect(slow.cards.filter((c) => c.recallOnSchedule === 0)).toHaveLength(10);
    expect(slow.deck.atRisk).toBeGreaterThanOrEqual(10);
    expect(slow.cards[0].recallOnSchedule).toBe(0);
    const sum = slow.sections.reduce((total, s) => total + s.atRisk, 0);
    expect(sum).toBe(slow.deck.atRisk);
  });

  it('on schedule follows the review limit, and deadline mode when it is on for the date', () => {
    const { clock, collection, today } = setup();
    for (let day = today; day < today + 4; day++) {
      clock.set(dayStart(day, collection.boundary) + 6 * 3_600_000);
      for (let card = collection.handlers['study.next']({ deckId: 1 }).card; card; ) {
        card = collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating: 3, durationMs: 4000 }).next
          .card;
      }
    }
    const date = dayToIsoDate(today + 30);
    collection.handlers['readiness.setTarget']({ deckId: 1, date, deadlineMode: false });
    const ordinary = collection.handlers['readiness.get']({ deckId: 1 });
    expect(ordinary.deadlineMode).toBe(false);
    collection.handlers['readiness.setTarget']({ deckId: 1, date });
    const deadline = collection.handlers['readiness.get']({ deckId: 1 });
    expect(deadline.deadlineMode).toBe(true);
    expect(deadline.deck.recallOnSchedule).toBeGreaterThan(ordinary.deck.recallOnSchedule);
    // another date than the deck's: ordinary scheduling is projected
    expect(collection.handlers['readiness.get']({ deckId: 1, date: dayToIsoDate(today + 29) }).deadlineMode).toBe(
      false,
    );
    // no reviews allowed: keeping to the schedule is stopping now
    collection.handlers['decks.setLimits']({ deckId: 1, newLimit: null, reviewLimit: 0 });
    const stuck = collection.handlers['readiness.get']({ deckId: 1 });
    for (const card of stuck.cards) expect(card.recallOnSchedule, `card ${card.id}`).toBe(card.recallIfStopped);
  });

  it('changes after every answer', () => {
    const { collection, today } = setup();
    collection.handlers['readiness.setTarget']({ deckId: 1, date: dayToIsoDate(today + 7) });
    const before = collection.handlers['readiness.get']({ deckId: 1 });
    const card = collection.handlers['study.next']({ deckId: 1 }).card;
    collection.handlers['study.answer']({ deckId: 1, cardId: card?.id ?? 0, rating: 3, durationMs: 4000 });
    const after = collection.handlers['readiness.get']({ deckId: 1 });
    expect(after.deck.recallIfStopped).toBeGreaterThan(before.deck.recallIfStopped);
    collection.handlers['study.undo']({ deckId: 1 });
    expect(collection.handlers['readiness.get']({ deckId: 1 }).deck).toEqual(before.deck);
  });

  it("uses the collection's date for a deck without its own, and a deck's own over it", () => {
    const { collection, today } = setup();
    const whole = dayToIsoDate(today + 30);
    const own = dayToIsoDate(today + 5);
    collection.handlers['readiness.setTarget']({ date: whole, deadlineMode: false });
    expect(collection.handlers['readiness.target']({ deckId: 1 })).toMatchObject({
      deck: null,
      effective: { date: whole, deadlineMode: false, source: 'collection' },
      daysLeft: 30,
    });
    expect(collection.handlers['readiness.get']({ deckId: 1 })).toMatchObject({ date: whole, deadlineMode: false });
    collection.handlers['readiness.setTarget']({ deckId: 1, date: own });
    expect(collection.handlers['readiness.target']({ deckId: 1 }).effective).toEqual({
      date: own,
      deadlineMode: true,
      source: 'deck',
    });
    collection.handlers['readiness.setTarget']({ deckId: 1, date: null });
    expect(collection.handlers['readiness.target']({ deckId: 1 }).effective?.source).toBe('collection');
  });

  it('refuses a date in the past or over two years ahead, a malformed one, an unknown deck, and a deck with no date', () => {
    const { collection, today } = setup();
    const past = thrown(CueError, () =>
      dispatch(collection, 'readiness.setTarget', { deckId: 1, date: dayToIsoDate(today - 1) }),
    );
    expect(past.code).toBe('invalid_input');
    expect(past.message).toBe('The target date 2026-03-01 is in the past; today is 2026-03-02.');
    for (const date of ['2026-02-30', '12/24/2026', '2026-3-5']) {
      const bad = thrown(CueError, () => dispatch(collection, 'readiness.setTarget', { deckId: 1, date }));
      expect(bad.message, date).toMatch(/A target date is a calendar date written YYYY-MM-DD/);
    }
    const far = thrown(CueError, () => dispatch(collection, 'readiness.get', { deckId: 1, date: '9999-12-31' }));
    expect(far.message).toBe('The target date 9999-12-31 is more than two years ahead; the latest is 2028-03-01.');
    const unknown = thrown(CueError, () =>
      dispatch(collection, 'readiness.setTarget', { deckId: 99, date: dayToIsoDate(today + 3) }),
    );
    expect([unknown.code, unknown.message]).toEqual(['not_found', 'There is no deck 99.']);
    expect(thrown(CueError, () => dispatch(collection, 'readiness.get', { deckId: 99 })).code).toBe('not_found');
    const none = thrown(CueError, () => dispatch(collection, 'readiness.get', { deckId: 1 }));
    expect(none.message).toMatch(/Deck 1 has no target date, nor has the collection/);
    // nothing was stored by the refused calls
    expect(collection.handlers['readiness.target']({ deckId: 1 }).effective).toBeNull();
  });

  it('tracks readiness week by week from the review log', () => {
    const { clock, collection, today } = setup();
    const date = dayToIsoDate(today + 40);
    const card = collection.handlers['study.next']({ deckId: 1 }).card;
    collection.handlers['study.answer']({ deckId: 1, cardId: card?.id ?? 0, rating: 4, durationMs: 4000 });
    clock.set(dayStart(today + 15, collection.boundary) + 6 * 3_600_000);
    const later = collection.handlers['study.next']({ deckId: 1 }).card;
    collection.handlers['study.answer']({ deckId: 1, cardId: later?.id ?? 0, rating: 4, durationMs: 4000 });
    const history = collection.handlers['readiness.history']({ deckId: 1, date });
    // weeks counted back from today (the 17th): they ended on the 3rd and the 10th
    expect(history.weeks.map((w) => w.at)).toEqual(['2026-03-03', '2026-03-10', '2026-03-17']);
    expect(history.weeks[0].recall).toBeGreaterThan(0);
    // the second card answered on day 15 raises the last figure above the week before
    expect(history.weeks[2].recall).toBeGreaterThan(history.weeks[1].recall);
    const now = collection.handlers['readiness.get']({ deckId: 1, date }).deck.recallIfStopped;
    expect(history.weeks[2].recall).toBeCloseTo(now, 9);
  });
});
