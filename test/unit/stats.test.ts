/**
 * Statistics on fixed review histories. Expected figures are worked out from the history itself:
 * which answers count for true retention, which day each falls on, and FSRS's rule that at 90%
 * desired retention a review interval equals the card's stability (so a 46-day interval means
 * stability of about 46 days: mastered).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../bench/simulate-history';
import type { Collection } from '../../electron/core/collection';
import { dayNumber, dayStart, MS_PER_DAY } from '../../electron/core/days';
import { rebuildReviewDays } from '../../electron/core/review-log';
import { newSchedule } from '../../electron/core/scheduler';
import { memoryAt } from '../../electron/core/stats/memory-states';
import { memorySums } from '../../electron/core/stats/memory-sums';
import type { Rating } from '../../shared/domain';
import type { DeckStats } from '../../shared/stats';
import { openTestCollection, TestClock } from '../helpers/collections';

const at = (iso: string) => Date.parse(iso);
/** FSRS-6 default forgetting curve: R = (1 + factor * t / S) ^ -0.1542 */
const DECAY = -0.1542;
const FACTOR = 0.9 ** (1 / DECAY) - 1;
const recall = (stability: number, days: number) => (1 + (FACTOR * days) / stability) ** DECAY;

function answer(collection: Collection, clock: TestClock, cardId: number, when: string, rating: Rating) {
  clock.set(at(when));
  return collection.handlers['study.answer']({ deckId: 1, cardId, rating, durationMs: 10_000 });
}

function stats(collection: Collection, date?: string, sectionId?: number): DeckStats {
  return collection.handlers.stats({ deckId: 1, at: date, sectionId });
}

const core = (s: DeckStats) => s.sections[0];

/** UTC, day starts at 4 am. Card 1 becomes mastered on Jan 18 and lapses on Mar 5; card 2 is answered once. */
function historyInUtc() {
  const clock = new TestClock(at('2026-01-05T09:00:00Z'));
  const collection = openTestCollection(clock);
  answer(collection, clock, 1, '2026-01-05T10:00:00Z', 3); // new -> learning (10 min)
  answer(collection, clock, 2, '2026-01-05T10:01:00Z', 4); // new -> review in 8 days, stability 8.2956
  answer(collection, clock, 1, '2026-01-05T10:10:00Z', 3); // learning -> review in 2 days
  answer(collection, clock, 1, '2026-01-07T09:00:00Z', 3); // young review, passed -> 11 days
  const mastered = answer(collection, clock, 1, '2026-01-18T09:00:00Z', 3); // young review, passed -> 46 days
  collection.handlers['cards.suspend']({ cardId: 3 });
  clock.set(at('2026-03-10T12:00:00Z'));
  return { collection, clock, mastered };
}

describe('per-section statistics', () => {
  it('count cards, mastery, reviews and due cards as of a day', () => {
    const { collection, mastered } = historyInUtc();
    expect(mastered.due).toBe(at('2026-03-05T04:00:00Z')); // 46 days after Jan 18
    const s = core(stats(collection, '2026-01-31'));
    expect(s.cards).toEqual({ total: 10, new: 7, learning: 0, review: 2, suspended: 1, buried: 0 });
    expect(s.mastered).toBe(1);
    // a suspended card still remembers what it remembers: mastery counts every card
    expect(s.masteredShare).toBeCloseTo(1 / 10, 10);
    expect(s.reviews).toEqual({ total: 5, totalMs: 50_000, last30Days: 5, last30DaysMs: 50_000 });
    // card 2 has been due since Jan 13: overdue counts as due today
    expect(s.due).toEqual({ today: 1, tomorrow: 0, next7Days: 1 });
  });

  it('compute true retention as Anki does: first answer of the day, review cards only', () => {
    const { collection, clock } = historyInUtc();
    let s = core(stats(collection, '2026-01-31'));
    // the two young reviews (Jan 7, Jan 18) passed; learning answers do not count
    expect(s.trueRetention.days30).toEqual({ passed: 2, total: 2, rate: 1 });
    expect(s.trueRetention.days7).toEqual({ passed: 0, total: 0, rate: null });
    answer(collection, clock, 1, '2026-03-05T09:00:00Z', 1); // the lapse: mature review failed
    answer(collection, clock, 1, '2026-03-05T09:10:00Z', 3); // relearning, same day: not counted
    s = core(stats(collection, '2026-03-05'));
    expect(s.trueRetention.days7).toEqual({ passed: 0, total: 1, rate: 0 });
    expect(s.trueRetention.days365).toEqual({ passed: 2, total: 3, rate: 2 / 3 });
  });

  it('lose mastery on a lapse', () => {
    const { collection, clock } = historyInUtc();
    expect(core(stats(collection, '2026-03-04')).mastered).toBe(1);
    answer(collection, clock, 1, '2026-03-05T09:00:00Z', 1);
    const s = core(stats(collection, '2026-03-05'));
    expect(s.mastered).toBe(0);
    expect(s.cards.learning).toBe(1);
    expect(stats(collection, '2026-03-05').answerButtons.find((b) => b.kind === 'mature')?.counts).toEqual([
      1, 0, 0, 0,
    ]);
  });

  it('average the predicted recall over studied cards', () => {
    const { collection } = historyInUtc();
    const end = at('2026-02-01T04:00:00Z') - 1; // the last moment of Jan 31's study day
    const card1 = collection.db.prepare('SELECT stability, last_review FROM cards WHERE id = 1').get() as {
      stability: number;
      last_review: number;
    };
    expect(card1.stability).toBeGreaterThan(40); // about the 46-day interval
    const expected =
      (recall(card1.stability, (end - card1.last_review) / MS_PER_DAY) +
        recall(8.2956, (end - at('2026-01-05T10:01:00Z')) / MS_PER_DAY)) /
      2;
    expect(core(stats(collection, '2026-01-31')).averageRetrievability).toBeCloseTo(expected, 6);
  });

  it('scope to one section, and refuse a day in the future', () => {
    const { collection } = historyInUtc();
    const sectionStats = stats(collection, '2026-01-31', 1);
    expect(sectionStats.sections.map((s) => s.name)).toEqual(['Core Concepts']);
    expect(sectionStats.total.reviews.total).toBe(5);
    expect(() => stats(collection, '2026-03-11')).toThrow(/in the future/);
    expect(() => stats(collection, undefined, 42)).toThrow(/no section 42/);
  });
});

describe('mastery over weeks', () => {
  it('marks the week a card became mastered, carries it through a week without reviews, and drops it after a lapse', () => {
    const { collection, clock } = historyInUtc();
    answer(collection, clock, 1, '2026-03-05T09:00:00Z', 1);
    clock.set(at('2026-03-10T12:00:00Z'));
    const { weeks } = stats(collection, '2026-03-07').mastery;
    expect(weeks).toHaveLength(12);
    expect(weeks.map((w) => w.date)).toEqual([
      '2025-12-20',
      '2025-12-27',
      '2026-01-03',
      '2026-01-10',
      '2026-01-17',
      '2026-01-24',
      '2026-01-31',
      '2026-02-07',
      '2026-02-14',
      '2026-02-21',
      '2026-02-28',
      '2026-03-07',
    ]);
    const coreWeeks = weeks.map((w) => w.sections.find((s) => s.sectionId === 1));
    // before the collection existed there were no cards
    expect(coreWeeks[0]).toMatchObject({ cards: 0, mastered: 0, averageRetrievability: null });
    expect(coreWeeks.map((w) => w?.mastered)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0]);
    // Jan 24 -> Jan 31: no reviews, so recall only decays
    expect(coreWeeks[6]?.averageRetrievability).toBeLessThan(coreWeeks[5]?.averageRetrievability ?? 0);
    expect(coreWeeks[6]?.masteredShare).toBeCloseTo(1 / 10, 10);
  });

  it('offers month ends over the whole history when it is longer than 12 weeks', () => {
    const { collection, clock } = historyInUtc();
    answer(collection, clock, 1, '2026-06-15T09:00:00Z', 3);
    const short = stats(collection, '2026-03-07');
    expect(short.mastery.longerHistory).toBe(false);
    clock.set(at('2026-06-20T12:00:00Z'));
    const long = collection.handlers.stats({ deckId: 1, allTime: true });
    expect(long.mastery.longerHistory).toBe(true);
    expect(long.mastery.allTime?.map((p) => p.date)).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-05-31',
      '2026-06-20',
    ]);
    expect(long.mastery.allTime?.[0].sections[0].mastered).toBe(1);
  });
});

describe('calendar, forecast, answer buttons and hours', () => {
  it('count reviews per day, streaks and days studied', () => {
    const { collection } = historyInUtc();
    const { calendar } = stats(collection, '2026-01-31');
    expect(calendar.days).toHaveLength(365);
    expect(calendar.days.at(-1)?.date).toBe('2026-01-31');
    const studied = calendar.days.filter((d) => d.reviews > 0);
    expect(studied).toEqual([
      { date: '2026-01-05', reviews: 3 },
      { date: '2026-01-07', reviews: 1 },
      { date: '2026-01-18', reviews: 1 },
    ]);
    expect(calendar).toMatchObject({ streak: 0, longestStreak: 1, daysStudied: 3 });
    expect(stats(collection, '2026-01-19').calendar.streak).toBe(1);
  });

  it('forecast the next 30 days by section, overdue cards on the first day', () => {
    const { collection } = historyInUtc();
    const { forecast } = stats(collection, '2026-02-20');
    expect(forecast).toHaveLength(30);
    expect(forecast[0]).toEqual({ date: '2026-02-20', bySection: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 }, total: 1 });
    // card 1 falls due on Mar 5, 13 days after Feb 20
    expect(forecast[13]).toMatchObject({ date: '2026-03-05', total: 1 });
    expect(forecast.reduce((n, d) => n + d.total, 0)).toBe(2);
  });

  it('split answers by kind and count by local hour', () => {
    const { collection } = historyInUtc();
    const s = stats(collection, '2026-01-31');
    expect(s.answerButtons).toEqual([
      { kind: 'learning', counts: [0, 0, 2, 1], total: 3 },
      { kind: 'young', counts: [0, 0, 2, 0], total: 2 },
      { kind: 'mature', counts: [0, 0, 0, 0], total: 0 },
      { kind: 'relearning', counts: [0, 0, 0, 0], total: 0 },
    ]);
    expect(s.hourly[10]).toEqual({ hour: 10, reviews: 3, retention: { passed: 0, total: 0, rate: null } });
    expect(s.hourly[9]).toEqual({ hour: 9, reviews: 2, retention: { passed: 2, total: 2, rate: 1 } });
  });
});

describe('days and hours follow the collection’s time zone and 4 am boundary', () => {
  it('puts a 3:30 am answer on the previous study day, in Tokyo time', () => {
    const clock = new TestClock(at('2026-03-01T00:00:00Z'));
    const collection = openTestCollection(clock, { timeZone: 'Asia/Tokyo' });
    answer(collection, clock, 1, '2026-03-01T01:00:00Z', 4); // 10:00 JST Mar 1 -> due Mar 9, 4 am JST
    answer(collection, clock, 2, '2026-03-08T18:30:00Z', 1); // 03:30 JST Mar 9: still Mar 8's study day
    answer(collection, clock, 1, '2026-03-08T19:30:00Z', 3); // 04:30 JST Mar 9: review, first of the day
    answer(collection, clock, 1, '2026-03-08T20:00:00Z', 1); // 05:00 JST, same day: not counted
    const s = stats(collection, '2026-03-09');
    expect(s.timeZone).toBe('Asia/Tokyo');
    expect(s.calendar.days.filter((d) => d.reviews > 0)).toEqual([
      { date: '2026-03-01', reviews: 1 },
      { date: '2026-03-08', reviews: 1 },
      { date: '2026-03-09', reviews: 2 },
    ]);
    expect(s.hourly.filter((h) => h.reviews > 0).map((h) => [h.hour, h.reviews])).toEqual([
      [3, 1],
      [4, 1],
      [5, 1],
      [10, 1],
    ]);
    expect(core(s).trueRetention.days7).toEqual({ passed: 1, total: 1, rate: 1 });
    expect(s.calendar.streak).toBe(2);
  });
});

describe('the stored history', () => {
  it('is reused, and dropped from the day a change to the past touches', () => {
    const { collection, clock } = historyInUtc();
    const first = stats(collection, '2026-03-07');
    const stored = () => collection.db.prepare('SELECT count(*) FROM memory_snapshots').pluck().get() as number;
    expect(stored()).toBe(11 * 5);
    expect(stats(collection, '2026-03-07')).toEqual(first);
    // an answer given "in the past" (as an import would add) changes the weeks after it
    answer(collection, clock, 4, '2026-02-10T09:00:00Z', 3);
    clock.set(at('2026-03-10T12:00:00Z'));
    expect(stored()).toBe(8 * 5); // the week ends Feb 14, 21 and 28 are gone
    const after = stats(collection, '2026-03-07');
    collection.db.prepare('DELETE FROM memory_snapshots').run();
    expect(stats(collection, '2026-03-07')).toEqual(after);
    // the week ending Feb 14 now has card 4 studied; the week ending Feb 7 does not
    expect(after.mastery.weeks[7]).toEqual(first.mastery.weeks[7]);
    expect(after.mastery.weeks[8].sections[0].averageRetrievability).not.toEqual(
      first.mastery.weeks[8].sections[0].averageRetrievability,
    );
  });
});

describe('the per-day and per-hour review counts', () => {
  it('stay equal to a rebuild from the review log through answers and undos', () => {
    const clock = new TestClock(at('2026-01-05T09:00:00Z'));
    const collection = openTestCollection(clock);
    const ratings: Rating[] = [3, 1, 4, 3, 2, 3, 1, 3];
    ratings.forEach((rating, i) => {
      clock.advance(6 * 3_600_000);
      const next = collection.handlers['study.next']({ deckId: 1 }).card;
      collection.handlers['study.answer']({ deckId: 1, cardId: next?.id ?? 0, rating, durationMs: 1000 * (i + 1) });
      if (i % 3 === 2) collection.handlers['study.undo']({ deckId: 1 });
    });
    const read = () => [
      collection.db.prepare('SELECT * FROM review_days ORDER BY 1, 2, 3, 4, 5').all(),
      collection.db.prepare('SELECT * FROM review_hours ORDER BY 1, 2, 3').all(),
    ];
    const kept = read();
    expect(kept[0].length).toBeGreaterThan(0);
    expect(kept[1].length).toBeGreaterThan(0);
    rebuildReviewDays(collection.db);
    expect(read()).toEqual(kept);
  });
});

describe('card statistics', () => {
  it('list a section’s cards weakest first, then the new ones', () => {
    const { collection } = historyInUtc();
    const { total, cards } = collection.handlers['stats.cards']({ deckId: 1, sectionId: 1, limit: 3, offset: 0 });
    expect(total).toBe(10);
    expect(cards.map((c) => c.key)).toEqual(['core-02', 'core-01', 'core-03']);
    expect(cards[0].retrievability).toBeLessThan(cards[1].retrievability ?? 0);
    expect(cards[1]).toMatchObject({ reviews: 4, mastered: true, lapses: 0 });
    expect(cards[2]).toMatchObject({ retrievability: null, suspended: true, state: 'new' });
  });

  it('give a card’s review log and a recall curve that restarts at 1 after each review', () => {
    const { collection } = historyInUtc();
    const info = collection.handlers['stats.card']({ cardId: 1 });
    expect(info.reviews.map((r) => [r.rating, r.kind])).toEqual([
      [3, 'learning'],
      [3, 'learning'],
      [3, 'young'],
      [3, 'young'],
    ]);
    expect(info.reviews[3].scheduledDays).toBe(46);
    expect(info.card.mastered).toBe(true);
    for (const review of info.reviews.slice(1)) {
      // the curve falls until the review, then starts again at 1
      const atReview = info.curve.filter((p) => p.t === review.reviewedAt).map((p) => p.r);
      expect(atReview).toHaveLength(2);
      expect(atReview[0]).toBeLessThan(1);
      expect(atReview[1]).toBeCloseTo(1, 10);
    }
    const last = info.curve.at(-1) ?? { t: 0, r: 0 };
    const lastReview = info.reviews[3];
    expect(last.t).toBe(at('2026-03-10T12:00:00Z') + 30 * MS_PER_DAY);
    expect(last.r).toBeCloseTo(recall(lastReview.stabilityAfter, (last.t - lastReview.reviewedAt) / MS_PER_DAY), 6);
  });
});

describe('memory at past moments', () => {
  // simulates 84 days of study: a few seconds on a busy machine
  it('equals replaying each card’s log up to that moment through the scheduler', { timeout: 20_000 }, () => {
    const until = at('2026-04-01T12:00:00Z');
    const clock = new TestClock(until - 90 * MS_PER_DAY);
    const collection = openTestCollection(clock, { scheduler: { fuzz: true } });
    const result = simulate(collection, clock, { days: 84, seed: 3, until });
    expect(result.reviews).toBeGreaterThan(300);
    collection.handlers['cards.suspend']({ cardId: 7 });
    const points = [83, 60, 40, 20].map((d) => until - d * MS_PER_DAY);
    const sections = [1, 2, 3, 4, 5];
    const fromLog = memoryAt(collection.db, {
      deckId: 1,
      sectionIds: sections,
      points,
      curve: collection.scheduler.curve,
    });

    const cards = collection.db.prepare('SELECT id, section_id FROM cards').all() as {
      id: number;
      section_id: number;
    }[];
    const reviews = collection.db.prepare('SELECT reviewed_at, rating FROM reviews WHERE card_id = ? ORDER BY id');
    points.forEach((point, k) => {
      const expected = new Map(sections.map((id) => [id, { cards: 0, mastered: 0, recallSum: 0, recallCount: 0 }]));
      for (const card of cards) {
        let state = newSchedule(0);
        for (const r of reviews.all(card.id) as { reviewed_at: number; rating: Rating }[]) {
          if (r.reviewed_at > point) break;
          state = collection.scheduler.answer(card.id, state, r.reviewed_at, r.rating);
        }
        const section = expected.get(card.section_id);
        if (!section) continue;
        section.cards++;
        if (state.state === 2 && state.stability >= 21) section.mastered++;
        const recall = collection.scheduler.retrievability(state, point);
        if (recall !== null) {
          section.recallSum += recall;
          section.recallCount++;
        }
      }
      for (const id of sections) {
        const got = fromLog[k].get(id);
        const want = expected.get(id);
        expect([got?.cards, got?.mastered, got?.recallCount]).toEqual([want?.cards, want?.mastered, want?.recallCount]);
        // ts-fsrs rounds each recall to 8 decimals
        expect(got?.recallSum).toBeCloseTo(want?.recallSum ?? Number.NaN, 6);
      }
    });
    expect(fromLog[3].get(1)?.mastered).toBeGreaterThan(0);

    // the sums the stored history is computed with, in SQL and a few arrays, count the same, also
    // for a card reviewed since the first moment and reset to new after
    const recent = collection.db
      .prepare('SELECT card_id FROM reviews WHERE reviewed_at > ? ORDER BY reviewed_at DESC LIMIT 1')
      .pluck()
      .get(points[1]) as number;
    collection.handlers['cards.bulk']({ cardIds: [recent], change: { action: 'reset' } });
    expect(collection.db.prepare('SELECT last_review FROM cards WHERE id = ?').pluck().get(recent)).toBeNull();
    for (const scope of [sections, [2, 4]]) {
      const query = { deckId: 1, sectionIds: scope, points, curve: collection.scheduler.curve };
      const summed = memorySums(collection.db, query);
      const walked = memoryAt(collection.db, query);
      points.forEach((_, k) => {
        expect([...summed[k].keys()]).toEqual(scope);
        for (const id of scope) {
          const [got, want] = [summed[k].get(id), walked[k].get(id)];
          expect([got?.cards, got?.mastered, got?.recallCount]).toEqual([
            want?.cards,
            want?.mastered,
            want?.recallCount,
          ]);
          expect(got?.recallSum).toBeCloseTo(want?.recallSum ?? Number.NaN, 10);
        }
      });
    }
  });
});

describe('the forecast from the cards as they are now', () => {
  // simulates 60 days of study, as the test above
  it('puts each card on the study day it falls due or comes out of burial, across a clock change', {
    timeout: 20_000,
  }, () => {
    // New York moves its clocks on Mar 8: the 30 days from Mar 1 have one of 23 hours
    const until = at('2026-03-01T15:00:00Z');
    const clock = new TestClock(until - 60 * MS_PER_DAY);
    const collection = openTestCollection(clock, { timeZone: 'America/New_York' });
    simulate(collection, clock, { days: 60, seed: 5, until });
    collection.handlers['cards.suspend']({ cardId: 3 });
    const buried = collection.db.prepare('SELECT id FROM cards WHERE state = 2 LIMIT 1').pluck().get() as number;
    const buriedUntil = at('2026-03-09T09:00:00Z');
    collection.db.prepare('UPDATE cards SET buried_until = ? WHERE id = ?').run(buriedUntil, buried);
    const { boundary } = collection;
    const today = dayNumber(clock.now(), boundary);
    const expected = new Array(30).fill(0);
    const cards = collection.db
      .prepare('SELECT due, buried_until AS buriedUntil FROM cards WHERE state != 0 AND suspended = 0')
      .all() as { due: number; buriedUntil: number | null }[];
    for (const card of cards) {
      const day = Math.max(today, dayNumber(Math.max(card.due, card.buriedUntil ?? 0), boundary));
      if (day < today + 30) expected[day - today]++;
    }
    expect(expected.reduce((a, b) => a + b, 0)).toBeGreaterThan(10);
    const { forecast } = stats(collection);
    expect(forecast.map((d) => d.total)).toEqual(expected);
    expect(dayStart(today + 8, boundary) - dayStart(today + 7, boundary)).toBe(23 * 3_600_000);
  });
});
