/**
 * "If you keep to the schedule": each card's state on the target date after following the schedule
 * until then. Day by day from today to the day before the date, as the study queue would have it:
 * reviews due that day (oldest due first, up to the review limit; in deadline mode, when the limit
 * holds some back, least recall on the date first, as the queue does), every answer Good with the
 * scheduler's own intervals (and deadline mode's, when it is on), learning steps walked the same
 * day; then new cards in deck order (section, then card position) up to the new-card limit (and what
 * the review limit leaves, when new cards count against it). Today starts from what today's answers
 * left of the limits. Suspended cards are not studied; buried ones are from tomorrow.
 */
import { type DayBoundary, dayNumber, dayStart, MS_PER_HOUR } from '../days';
import { type Schedule, type Scheduler, STATE } from '../scheduler';
import { DayLoad } from './day-load';
import { deadlineIntervalDays, withInterval } from './deadline-interval';

export interface ProjectedCard {
  id: number;
  schedule: Schedule;
  suspended: boolean;
  /** Distinct study days answered on so far, and the last of them. */
  answeredDays: number;
  lastDay: number | null;
}

export interface ProjectionLimits {
  newPerDay: number;
  reviewsPerDay: number;
  newCountsAgainstReviews: boolean;
  /** What today's answers left. */
  newLeftToday: number;
  reviewsLeftToday: number;
}

export interface Projection {
  scheduler: Scheduler;
  now: number;
  targetDay: number;
  limits: ProjectionLimits;
  deadlineMode: boolean;
}

/** The projection as it runs: the reviews due on each day before the date, as deadline mode needs them. */
interface Running extends Projection {
  load: DayLoad;
  /** The review day of a schedule before the date (after today), or null. */
  loadDay: (schedule: Schedule) => number | null;
}

function running(cards: readonly ProjectedCard[], projection: Projection): Running {
  const { boundary } = projection.scheduler.settings;
  const today = dayNumber(projection.now, boundary);
  const loadDay = (schedule: Schedule) => {
    if (schedule.state !== STATE.review) return null;
    const day = dayNumber(schedule.due, boundary);
    return day > today && day < projection.targetDay ? day : null;
  };
  const load = new DayLoad(new Map(), projection.limits.reviewsPerDay);
  for (const card of cards) if (!card.suspended) load.move(null, loadDay(card.schedule));
  return { ...projection, load, loadDay };
}

/** On a future day the answers come at this hour after the day starts (10 am with a 4 am start). */
const STUDY_HOUR = 6;

/** Projects every card (in deck order) to the start of the target day; answers with the states there. */
export function projectOnSchedule(cards: readonly ProjectedCard[], projection: Projection): Map<number, Schedule> {
  const { scheduler, now, targetDay } = projection;
  const { boundary } = scheduler.settings;
  const states = cards.map((card) => ({ ...card }));
  const run = running(states, projection);
  for (let day = dayNumber(now, boundary); day < targetDay; day++) {
    const at = day === dayNumber(now, boundary) ? now : dayStart(day, boundary) + STUDY_HOUR * MS_PER_HOUR;
    studyDay(states, run, day, at, boundary);
  }
  return new Map(states.map((card) => [card.id, card.schedule]));
}

function studyDay(cards: ProjectedCard[], projection: Running, day: number, at: number, boundary: DayBoundary) {
  const { limits } = projection;
  const today = day === dayNumber(projection.now, boundary);
  const end = dayStart(day + 1, boundary);
  const active = cards.filter((card) => !card.suspended);
  const due = active
    .filter((card) => card.schedule.state === STATE.review && card.schedule.due < end)
    .sort((a, b) => a.schedule.due - b.schedule.due);
  const reviewCap = today ? limits.reviewsLeftToday : limits.reviewsPerDay;
  // as the study queue: in deadline mode a binding review limit takes the least recall on the date first
  if (projection.deadlineMode && due.length > reviewCap) {
    const dateAt = dayStart(projection.targetDay, boundary);
    const onDate = (card: ProjectedCard) => projection.scheduler.retrievability(card.schedule, dateAt) ?? 0;
    due.sort((a, b) => onDate(a) - onDate(b) || a.schedule.due - b.schedule.due || a.id - b.id);
  }
  const reviewed = due.slice(0, Math.max(0, reviewCap));
  for (const card of reviewed) answerGood(card, projection, day, Math.max(at, card.schedule.due));
  for (const card of active) {
    if (card.schedule.state === STATE.learning || card.schedule.state === STATE.relearning) {
      learnThrough(card, projection, day, at, end);
    }
  }
  const newCap = Math.min(
    today ? limits.newLeftToday : limits.newPerDay,
    limits.newCountsAgainstReviews ? Math.max(0, reviewCap - reviewed.length) : Number.POSITIVE_INFINITY,
  );
  const fresh = active.filter((card) => card.schedule.state === STATE.new).slice(0, Math.max(0, newCap));
  for (const card of fresh) {
    answerGood(card, projection, day, at);
    learnThrough(card, projection, day, at, end);
  }
}

/** Good at each learning step due before the day ends (a step past the day's end waits for tomorrow). */
function learnThrough(card: ProjectedCard, projection: Running, day: number, at: number, end: number) {
  for (let steps = 0; steps < 20; steps++) {
    const { state, due } = card.schedule;
    if ((state !== STATE.learning && state !== STATE.relearning) || due >= end) return;
    answerGood(card, projection, day, Math.max(at, due));
  }
}

function answerGood(card: ProjectedCard, projection: Running, day: number, at: number) {
  const { scheduler, targetDay, load } = projection;
  const answeredDays = card.lastDay === day ? card.answeredDays : card.answeredDays + 1;
  const ordinary = scheduler.answer(card.id, card.schedule, at, 3);
  const days = projection.deadlineMode
    ? deadlineIntervalDays(scheduler, ordinary, at, { targetDay, answeredDays, isFull: load.isFull })
    : null;
  const before = projection.loadDay(card.schedule);
  card.schedule = days === null ? ordinary : withInterval(ordinary, days, at, scheduler.settings.boundary);
  load.move(before, projection.loadDay(card.schedule));
  card.answeredDays = answeredDays;
  card.lastDay = day;
}
