import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../../electron/core/days';
import {
  DEFAULT_SCHEDULER_SETTINGS,
  newSchedule,
  type Schedule,
  Scheduler,
  STATE,
} from '../../electron/core/scheduler';
import type { Rating } from '../../shared/domain';

/** The reference vectors (FSRS-6 defaults, retention 0.9, steps 1m 10m / 10m, fuzz off). */
function referenceScheduler(timeZone = 'UTC', rolloverHour = 4): Scheduler {
  return new Scheduler({ ...DEFAULT_SCHEDULER_SETTINGS, fuzz: false, boundary: { timeZone, rolloverHour } });
}

describe('FSRS reference vectors through Cue scheduling', () => {
  for (const timeZone of ['UTC', 'America/New_York']) {
    it(`A: interval history, answering each time the card falls due (${timeZone})`, () => {
      const scheduler = referenceScheduler(timeZone);
      // 2022-11-29 12:30 local time
      const firstSeen = timeZone === 'UTC' ? Date.UTC(2022, 10, 29, 12, 30) : Date.UTC(2022, 10, 29, 17, 30);
      const ratings: Rating[] = [3, 3, 3, 3, 3, 3, 1, 1, 3, 3, 3, 3, 3];
      let card: Schedule = newSchedule(firstSeen);
      let now = firstSeen;
      const intervals: number[] = [];
      for (const rating of ratings) {
        card = scheduler.answer(1, card, now, rating);
        intervals.push(card.scheduledDays);
        now = card.due;
      }
      expect(intervals).toEqual([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21]);
    });
  }

  it('B: memory state after Again then Good x5 with gaps 0,0,1,3,8,21 days', () => {
    const scheduler = referenceScheduler();
    const gaps = [0, 0, 1, 3, 8, 21];
    const ratings: Rating[] = [1, 3, 3, 3, 3, 3];
    let now = Date.UTC(2024, 0, 1, 10, 0);
    let card = newSchedule(now);
    ratings.forEach((rating, i) => {
      now += gaps[i] * MS_PER_DAY;
      card = scheduler.answer(7, card, now, rating);
    });
    expect(card.stability).toBeCloseTo(53.62691, 4);
    expect(card.difficulty).toBeCloseTo(6.3574867, 4);
  });

  it('C: forgetting curve for stability 1 day', () => {
    const scheduler = referenceScheduler();
    const reviewed = Date.UTC(2024, 0, 1, 10, 0);
    const card: Schedule = {
      ...newSchedule(reviewed),
      state: STATE.review,
      stability: 1,
      difficulty: 5,
      lastReview: reviewed,
    };
    const curve = [0, 1, 2, 3].map((t) => scheduler.retrievability(card, reviewed + t * MS_PER_DAY));
    const expected = [1, 0.9, 0.84588465, 0.8093881];
    for (const [i, r] of curve.entries()) expect(r).toBeCloseTo(expected[i], 6);
  });

  it('D: first answer on a new card', () => {
    const scheduler = referenceScheduler();
    const now = Date.UTC(2024, 0, 1, 10, 0);
    const preview = scheduler.preview(3, newSchedule(now), now);
    const ratings: Rating[] = [1, 2, 3, 4];
    expect(ratings.map((r) => preview[r].stability)).toEqual([0.212, 1.2931, 2.3065, 8.2956]);
    const difficulty = ratings.map((r) => preview[r].difficulty);
    for (const [i, d] of [6.4133, 5.11217071, 2.11810397, 1].entries()) expect(difficulty[i]).toBeCloseTo(d, 6);
    expect(ratings.map((r) => preview[r].scheduledDays)).toEqual([0, 0, 0, 8]);
    // Again, Hard and Good stay in learning (minutes); Easy graduates to a review 8 days out.
    expect(ratings.map((r) => preview[r].state)).toEqual([
      STATE.learning,
      STATE.learning,
      STATE.learning,
      STATE.review,
    ]);
    expect(preview[1].due - now).toBe(60_000);
    expect(preview[3].due - now).toBe(600_000);
  });
});
