/**
 * Deadline mode's interval rule, for one answer that leaves a card in review before the target date.
 * Recall "on the date" is FSRS retrievability at the start of the target study day; days count in
 * study days. With S the stability after the answer, T the target day and d0 today:
 *
 * - The ordinary next review lands on or after T and would leave recall on T below the desired
 *   retention: the review is brought forward to the day before T that gives the most expected recall
 *   on T (a Good answer then, or a lapse relearnt the same day, weighted by recall on that day), if
 *   that beats not reviewing at all. This is the "shortened" interval.
 * - The ordinary next review lands before T and is the card's last before T (the review after it
 *   would land on or after T): it is moved to the day in [its day, T) where it counts most, by the
 *   same expected recall. Same number of reviews, placed nearer the date.
 * - A card seen on fewer than three study days (its first and two reviews) gets an interval that leaves
 *   room for the reviews it still needs before T.
 * Otherwise the interval is the scheduler's. The rule reads only the answer's own state, the date and
 * the days answered, so the same answer always gets the same interval.
 */
import { default_w } from 'ts-fsrs';
import { type DayBoundary, dayNumber, dayStart } from '../days';
import { type Schedule, type Scheduler, STATE } from '../scheduler';
import { memoryModel } from '../simulate/workload';

export interface DeadlinePlan {
  /** The target study day. */
  targetDay: number;
  /** Distinct study days the card has been answered on, this answer's day included. */
  answeredDays: number;
  /** Whether the reviews already due on a day fill its review limit: deadline mode moves no review there. */
  isFull?: (day: number) => boolean;
}

/** Study days a card is answered on before the date: the first, and two reviews. */
const DAYS_BEFORE_DATE = 3;

type Model = ReturnType<typeof memoryModel>;
const models = new WeakMap<Scheduler, Model>();

function modelOf(scheduler: Scheduler): Model {
  let model = models.get(scheduler);
  if (!model) {
    const { weights, relearningSteps } = scheduler.settings;
    model = memoryModel(weights ?? default_w, Math.max(1, relearningSteps.length));
    models.set(scheduler, model);
  }
  return model;
}

/** Expected recall on `targetDay` when the card (stability s, difficulty d, last answered on day0) is next reviewed on `day`. */
export function expectedRecallOnDate(model: Model, s: number, d: number, day0: number, day: number, targetDay: number) {
  const r = model.recall(day - day0, s);
  const recalled = model.algorithm.next_recall_stability(d, s, r, 3);
  const shortTermCap = Math.exp(model.w[17] * model.w[18]);
  const lapsed = Math.min(model.algorithm.next_forget_stability(d, s, r), s / shortTermCap);
  const relearnt = model.algorithm.next_short_term_stability(lapsed, 3);
  const left = targetDay - day;
  return r * model.recall(left, recalled) + (1 - r) * model.recall(left, relearnt);
}

function bestDay(
  model: Model,
  card: { s: number; d: number; day0: number },
  from: number,
  to: number,
  plan: Pick<DeadlinePlan, 'targetDay' | 'isFull'>,
) {
  const { s, d, day0 } = card;
  const { targetDay, isFull } = plan;
  let best = from;
  let bestRecall = -1;
  for (let day = from; day <= to; day++) {
    if (isFull?.(day)) continue;
    const recall = expectedRecallOnDate(model, s, d, day0, day, targetDay);
    if (recall > bestRecall) {
      best = day;
      bestRecall = recall;
    }
  }
  return { day: best, recall: bestRecall };
}

/** The day deadline mode reviews the card next, or null to keep the scheduler's. */
function deadlineDay(scheduler: Scheduler, after: Schedule, day0: number, plan: DeadlinePlan): number | null {
  const model = modelOf(scheduler);
  const { targetDay } = plan;
  const card = { s: after.stability, d: after.difficulty, day0 };
  const next = day0 + after.scheduledDays;
  if (next < targetDay) {
    const recalled = model.algorithm.next_recall_stability(
      card.d,
      card.s,
      model.recall(after.scheduledDays, card.s),
      3,
    );
    if (next + scheduler.intervalFor(recalled) < targetDay) return null;
    const best = bestDay(model, card, next, targetDay - 1, plan);
    return best.recall < 0 || best.day === next ? null : best.day;
  }
  const unreviewed = model.recall(targetDay - day0, card.s);
  if (unreviewed >= scheduler.settings.desiredRetention) return null;
  const best = bestDay(model, card, day0 + 1, targetDay - 1, plan);
  return best.recall > unreviewed ? best.day : null;
}

/**
 * The interval deadline mode gives the answer that led to `after`, in days, or null when it keeps
 * the scheduler's (not a review card, the date too near, or nothing to gain).
 */
export function deadlineIntervalDays(
  scheduler: Scheduler,
  after: Schedule,
  now: number,
  plan: DeadlinePlan,
): number | null {
  if (after.state !== STATE.review) return null;
  const day0 = dayNumber(now, scheduler.settings.boundary);
  const daysLeft = plan.targetDay - day0;
  if (daysLeft <= 1) return null;
  const chosen = deadlineDay(scheduler, after, day0, plan);
  let days = chosen === null ? after.scheduledDays : chosen - day0;
  const needed = Math.max(0, DAYS_BEFORE_DATE - plan.answeredDays);
  if (needed > 0 && daysLeft - needed >= 1) days = Math.min(days, daysLeft - needed);
  days = Math.max(1, Math.min(days, scheduler.settings.maximumInterval));
  return days === after.scheduledDays ? null : days;
}

/**
 * For a card already scheduled when a target date is set: the day to bring its next review forward
 * to, by the same rule as an answer's (its review falls on or after the date, recall on the date
 * would be below the desired retention, and a review before the date raises it), or null.
 */
export function broughtForwardDay(
  scheduler: Scheduler,
  schedule: Schedule,
  now: number,
  plan: Pick<DeadlinePlan, 'targetDay' | 'isFull'>,
) {
  const { targetDay } = plan;
  const { boundary, desiredRetention } = scheduler.settings;
  if (schedule.state !== STATE.review || schedule.lastReview === null) return null;
  const today = dayNumber(now, boundary);
  const day0 = dayNumber(schedule.lastReview, boundary);
  if (dayNumber(schedule.due, boundary) < targetDay || targetDay - today < 1) return null;
  const model = modelOf(scheduler);
  const unreviewed = model.recall(targetDay - day0, schedule.stability);
  if (unreviewed >= desiredRetention) return null;
  const from = Math.max(today, day0 + 1);
  if (from > targetDay - 1) return null;
  const card = { s: schedule.stability, d: schedule.difficulty, day0 };
  const best = bestDay(model, card, from, targetDay - 1, plan);
  return best.recall > unreviewed ? best.day : null;
}

/** `schedule` with its interval set to `days` from the study day of `at`, as an answer at `at` would have it. */
export function withInterval(schedule: Schedule, days: number, at: number, boundary: DayBoundary): Schedule {
  return { ...schedule, due: dayStart(dayNumber(at, boundary) + days, boundary), scheduledDays: days };
}
