/**
 * Answers and their undo. Each answer appends one row to the review log holding the card's state
 * before and after; an undo marks that row undone (it stays in the log, and its id is never given to
 * another answer) and puts the card back as it was, so the card state can always be rebuilt by replay.
 */
import type { Rating } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { CARD_COLUMNS, type CardRow, fuzzSeed, saveSchedule, scheduleOf } from './card-rows';
import { cachedStatement, type Db } from './database';
import { type DayBoundary, dayNumber, dayStart, localHour } from './days';
import { type DeadlinePlan, deadlineIntervalDays, withInterval } from './readiness/deadline-interval';
import { deadlinePlan, recordDeadlineDays, recordedDeadlineDays } from './readiness/deadline-plan';
import {
  configOf,
  DEFAULT_DESIRED_RETENTION,
  DEFAULT_SCHEDULER_SETTINGS,
  newSchedule,
  type Schedule,
  type ScheduleConfig,
  Scheduler,
  STATE,
  settingsOf,
} from './scheduler';

/** Like Anki's "maximum answer seconds": a card left open over lunch does not count as an hour. */
export const MAX_ANSWER_MS = 60_000;

export function findCard(db: Db, cardId: number): CardRow {
  const row = db
    .prepare(`SELECT ${CARD_COLUMNS} FROM cards c JOIN sections s ON s.id = c.section_id WHERE c.id = ?`)
    .get(cardId) as CardRow | undefined;
  if (!row) throw new CueError('not_found', `There is no card ${cardId}.`, { cardId });
  return row;
}

/** Review kinds as Anki's statistics group them. */
export const KIND = { learning: 0, young: 1, mature: 2, relearning: 3 } as const;
export type KindCode = (typeof KIND)[keyof typeof KIND];

/** Anki calls a review card mature once its interval reaches 21 days. */
export const MATURE_DAYS = 21;

export function reviewKind(before: Schedule): KindCode {
  if (before.state === STATE.relearning) return KIND.relearning;
  if (before.state !== STATE.review) return KIND.learning;
  return before.scheduledDays >= MATURE_DAYS ? KIND.mature : KIND.young;
}

export interface LoggedAnswer {
  reviewId: number;
  after: Schedule;
}

/** Schedules the answer and logs it; the caller wraps this in a transaction. */
export function recordAnswer(
  db: Db,
  scheduler: Scheduler,
  card: CardRow,
  rating: Rating,
  durationMs: number,
  now: number,
): LoggedAnswer {
  const plan = deadlinePlan(db, card.id, card.deck_id, now, scheduler.settings.boundary);
  const before = scheduleOf(card);
  const logged = appendReview(db, scheduler, card.id, card.section_id, before, rating, durationMs, now, plan);
  saveSchedule(db, card.id, logged.after);
  return logged;
}

/**
 * Schedules one answer from `before` and appends it to the log (and the per-day counts), without
 * saving the card: replaying a history saves the card once, at the end.
 */
export function appendReview(
  db: Db,
  scheduler: Scheduler,
  cardId: number,
  sectionId: number,
  before: Schedule,
  rating: Rating,
  durationMs: number,
  now: number,
  deadline?: DeadlinePlan | null,
): LoggedAnswer {
  const seed = fuzzSeed(db, cardId);
  const answer = scheduledAnswer(scheduler, cardId, sectionId, before, rating, durationMs, now, deadline, seed);
  const result = cachedStatement(db, insertReviewsSql(1)).run(...answer.row, configId(db, scheduler));
  countReviewDay(db, answer.key, 1);
  const reviewId = Number(result.lastInsertRowid);
  if (deadline && answer.deadlineDays !== null) {
    recordDeadlineDays(db, reviewId, deadline.targetDay, answer.deadlineDays);
  }
  return { reviewId, after: answer.after };
}

const REVIEW_COLUMNS = `card_id, reviewed_at, rating, duration_ms, retrievability,
  study_day, hour, first_of_day, kind,
  state_before, due_before, stability_before, difficulty_before, elapsed_days_before,
  scheduled_days_before, learning_steps_before, reps_before, lapses_before, last_review_before,
  state_after, due_after, stability_after, difficulty_after, elapsed_days_after,
  scheduled_days_after, learning_steps_after, desired_retention, config_id`;
const REVIEW_COLUMN_COUNT = 28;

function insertReviewsSql(rows: number): string {
  const values = `(${Array(REVIEW_COLUMN_COUNT).fill('?').join(', ')})`;
  return `INSERT INTO review_log (${REVIEW_COLUMNS}) VALUES ${Array(rows).fill(values).join(', ')}`;
}

interface ScheduledAnswer {
  /** The review_log row's values but its config_id, in REVIEW_COLUMNS' order. */
  row: (number | null)[];
  key: ReviewDayKey;
  after: Schedule;
  deadlineDays: number | null;
}

/** The answer scheduled from `before`, and the row the review log keeps of it. */
function scheduledAnswer(
  scheduler: Scheduler,
  cardId: number,
  sectionId: number,
  before: Schedule,
  rating: Rating,
  durationMs_: number,
  now: number,
  deadline?: DeadlinePlan | null,
  seed = cardId,
): ScheduledAnswer {
  const { boundary } = scheduler.settings;
  const ordinary = scheduler.answer(seed, before, now, rating);
  // deadline mode may set another interval; it is kept with the answer, so replay gives it again
  const deadlineDays = deadline ? deadlineIntervalDays(scheduler, ordinary, now, deadline) : null;
  const after = deadlineDays === null ? ordinary : withInterval(ordinary, deadlineDays, now, boundary);
  const studyDay = dayNumber(now, boundary);
  const firstOfDay = before.lastReview === null || dayNumber(before.lastReview, boundary) < studyDay ? 1 : 0;
  const kind = reviewKind(before);
  const hour = localHour(now, boundary.timeZone);
  const durationMs = Math.min(durationMs_, MAX_ANSWER_MS);
  const row = [
    cardId,
    now,
    rating,
    durationMs,
    scheduler.retrievability(before, now),
    studyDay,
    hour,
    firstOfDay,
    kind,
    before.state,
    before.due,
    before.stability,
    before.difficulty,
    before.elapsedDays,
    before.scheduledDays,
    before.learningSteps,
    before.reps,
    before.lapses,
    before.lastReview,
    after.state,
    after.due,
    after.stability,
    after.difficulty,
    after.elapsedDays,
    after.scheduledDays,
    after.learningSteps,
    scheduler.settings.desiredRetention,
  ];
  const key = {
    section_id: sectionId,
    study_day: studyDay,
    hour,
    kind,
    rating,
    first_of_day: firstOfDay,
    duration_ms: durationMs,
  };
  return { row, key, after, deadlineDays };
}

/** Rows a batch writes with one statement: one statement per row would mean a statement journal per row. */
const BATCH_ROWS = 128;

/**
 * Answers appended in bulk, for one transaction (an import replaying thousands of histories): rows are
 * written a batch at a time, in the order they were appended, so ids follow it as they would one by
 * one. `flush` writes what is queued and counts it into the per-day and per-hour counts, in one
 * statement each, under the section each card is in by then; whatever reads or moves a card the
 * batch `holds` must flush first, and so must the transaction before it ends.
 */
export class ReviewBatch {
  private rows: (number | null)[] = [];
  private count = 0;
  private readonly cards = new Set<number>();
  /** The greatest id the log gave before the rows not counted yet: AUTOINCREMENT gives those greater ones. */
  private counted: number;
  /** Config ids, known for the transaction only: a rollback takes back the rows it added. */
  private readonly configIds = new Map<Scheduler, number>();

  constructor(private readonly db: Db) {
    this.counted = greatestReviewId(db);
  }

  /** Schedules the answer and queues its row; the state after it. */
  append(
    scheduler: Scheduler,
    cardId: number,
    sectionId: number,
    before: Schedule,
    rating: Rating,
    durationMs: number,
    now: number,
  ): Schedule {
    const seed = fuzzSeed(this.db, cardId);
    const answer = scheduledAnswer(scheduler, cardId, sectionId, before, rating, durationMs, now, null, seed);
    let config = this.configIds.get(scheduler);
    if (config === undefined) {
      config = configId(this.db, scheduler);
      this.configIds.set(scheduler, config);
    }
    this.rows.push(...answer.row, config);
    this.cards.add(cardId);
    if (++this.count === BATCH_ROWS) this.writeRows();
    return answer.after;
  }

  /** Whether some of the card's answers are not in the log, or not in the counts, yet. */
  holds(cardId: number): boolean {
    return this.cards.has(cardId);
  }

  /** Writes every queued answer, and counts all the batch wrote since the last flush. */
  flush(): void {
    this.writeRows();
    countReviewsAfter(this.db, this.counted);
    this.counted = greatestReviewId(this.db);
    this.cards.clear();
  }

  private writeRows(): void {
    if (this.count === BATCH_ROWS) cachedStatement(this.db, insertReviewsSql(BATCH_ROWS)).run(this.rows);
    else {
      const one = cachedStatement(this.db, insertReviewsSql(1));
      for (let i = 0; i < this.rows.length; i += REVIEW_COLUMN_COUNT) {
        one.run(this.rows.slice(i, i + REVIEW_COLUMN_COUNT));
      }
    }
    this.rows = [];
    this.count = 0;
  }
}

interface ReviewDayKey {
  section_id: number;
  study_day: number;
  hour: number;
  kind: number;
  rating: number;
  first_of_day: number;
  duration_ms: number;
}

/** Adds (sign 1) or takes back (sign -1) one review in the per-day and per-hour counts. */
function countReviewDay(db: Db, key: ReviewDayKey, sign: 1 | -1): void {
  new ReviewTally(sign).add(key).flush(db);
  if (sign < 0) {
    cachedStatement(
      db,
      `DELETE FROM review_days WHERE reviews <= 0 AND section_id = @section_id AND study_day = @study_day
         AND kind = @kind AND rating = @rating AND first_of_day = @first_of_day`,
    ).run(key);
    cachedStatement(
      db,
      'DELETE FROM review_hours WHERE reviews <= 0 AND section_id = ? AND study_day = ? AND hour = ?',
    ).run(key.section_id, key.study_day, key.hour);
  }
}

/** Per-day and per-hour counts gathered in memory and written as upserts (an answer, or its undo). */
class ReviewTally {
  private readonly days = new Map<string, Omit<ReviewDayKey, 'hour'> & { reviews: number }>();
  private readonly hours = new Map<string, { section_id: number; study_day: number; hour: number } & HourCounts>();

  constructor(private readonly sign: 1 | -1 = 1) {}

  add(key: ReviewDayKey): this {
    const dayKey = `${key.section_id}:${key.study_day}:${key.kind}:${key.rating}:${key.first_of_day}`;
    const day = this.days.get(dayKey);
    if (day) {
      day.reviews++;
      day.duration_ms += key.duration_ms;
    } else {
      const { hour: _hour, ...rest } = key;
      this.days.set(dayKey, { ...rest, reviews: 1 });
    }
    const counted = key.first_of_day === 1 && (key.kind === KIND.young || key.kind === KIND.mature) ? 1 : 0;
    const passed = counted && key.rating > 1 ? 1 : 0;
    const hourKey = `${key.section_id}:${key.study_day}:${key.hour}`;
    const hour = this.hours.get(hourKey);
    if (hour) {
      hour.reviews++;
      hour.counted += counted;
      hour.passed += passed;
    } else {
      this.hours.set(hourKey, {
        section_id: key.section_id,
        study_day: key.study_day,
        hour: key.hour,
        reviews: 1,
        counted,
        passed,
      });
    }
    return this;
  }

  flush(db: Db): void {
    const sign = this.sign;
    const days = cachedStatement(
      db,
      `INSERT INTO review_days (section_id, study_day, kind, rating, first_of_day, reviews, duration_ms)
       VALUES (@section_id, @study_day, @kind, @rating, @first_of_day, @reviews, @duration_ms)
       ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, duration_ms = duration_ms + excluded.duration_ms`,
    );
    for (const day of this.days.values()) {
      days.run({ ...day, reviews: sign * day.reviews, duration_ms: sign * day.duration_ms });
    }
    const hours = cachedStatement(
      db,
      `INSERT INTO review_hours (section_id, study_day, hour, reviews, counted, passed)
       VALUES (@section_id, @study_day, @hour, @reviews, @counted, @passed)
       ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, counted = counted + excluded.counted,
         passed = passed + excluded.passed`,
    );
    for (const hour of this.hours.values()) {
      hours.run({ ...hour, reviews: sign * hour.reviews, counted: sign * hour.counted, passed: sign * hour.passed });
    }
    this.days.clear();
    this.hours.clear();
  }
}

interface HourCounts {
  reviews: number;
  counted: number;
  passed: number;
}

/** Recomputes the per-day and per-hour counts from the review log (after cards move between sections, or imports). */
export function rebuildReviewDays(db: Db): void {
  db.exec(`DELETE FROM review_days;
    INSERT INTO review_days (section_id, study_day, kind, rating, first_of_day, reviews, duration_ms)
    SELECT c.section_id, r.study_day, r.kind, r.rating, r.first_of_day, count(*), sum(r.duration_ms)
    FROM reviews r JOIN cards c ON c.id = r.card_id
    GROUP BY c.section_id, r.study_day, r.kind, r.rating, r.first_of_day;
    DELETE FROM review_hours;
    INSERT INTO review_hours (section_id, study_day, hour, reviews, counted, passed)
    SELECT c.section_id, r.study_day, r.hour, count(*), total(r.first_of_day AND r.kind IN (1, 2)),
      total(r.first_of_day AND r.kind IN (1, 2) AND r.rating > 1)
    FROM reviews r JOIN cards c ON c.id = r.card_id
    GROUP BY c.section_id, r.study_day, r.hour;`);
}

function greatestReviewId(db: Db): number {
  return cachedStatement(db, 'SELECT coalesce(max(id), 0) FROM review_log').pluck().get() as number;
}

/** Adds the answers with ids over `before` to the per-day and per-hour counts, each under its card's section. */
export function countReviewsAfter(db: Db, before: number): void {
  cachedStatement(
    db,
    `INSERT INTO review_days (section_id, study_day, kind, rating, first_of_day, reviews, duration_ms)
     SELECT c.section_id, r.study_day, r.kind, r.rating, r.first_of_day, count(*), sum(r.duration_ms)
     FROM reviews r JOIN cards c ON c.id = r.card_id WHERE r.id > ?
     GROUP BY c.section_id, r.study_day, r.kind, r.rating, r.first_of_day
     ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, duration_ms = duration_ms + excluded.duration_ms`,
  ).run(before);
  cachedStatement(
    db,
    `INSERT INTO review_hours (section_id, study_day, hour, reviews, counted, passed)
     SELECT c.section_id, r.study_day, r.hour, count(*), total(r.first_of_day AND r.kind IN (1, 2)),
       total(r.first_of_day AND r.kind IN (1, 2) AND r.rating > 1)
     FROM reviews r JOIN cards c ON c.id = r.card_id WHERE r.id > ?
     GROUP BY c.section_id, r.study_day, r.hour
     ON CONFLICT DO UPDATE SET reviews = reviews + excluded.reviews, counted = counted + excluded.counted,
       passed = passed + excluded.passed`,
  ).run(before);
}

interface ReviewRow extends Omit<ReviewDayKey, 'section_id'> {
  id: number;
  card_id: number;
  reviewed_at: number;
  state_before: Schedule['state'];
  due_before: number;
  stability_before: number;
  difficulty_before: number;
  elapsed_days_before: number;
  scheduled_days_before: number;
  learning_steps_before: number;
  reps_before: number;
  lapses_before: number;
  last_review_before: number | null;
}

/**
 * Undoes an answer (which must be its card's newest that stands): the row is marked undone at `now`,
 * the card put back as it was before it, and the per-day counts take it back.
 */
/** Whether undoReview would take the answer back: it stands, it is its card's newest, and nothing changed the card since. */
export function canUndoReview(db: Db, reviewId: number): boolean {
  const review = cachedStatement(db, 'SELECT card_id, reviewed_at FROM reviews WHERE id = ?').get(reviewId) as
    | { card_id: number; reviewed_at: number }
    | undefined;
  if (!review) return false;
  const newest = cachedStatement(db, 'SELECT max(id) FROM reviews WHERE card_id = ?').pluck().get(review.card_id);
  const changedSince = cachedStatement(
    db,
    'SELECT 1 FROM card_events WHERE card_id = ? AND at > ? AND undone_at IS NULL LIMIT 1',
  ).get(review.card_id, review.reviewed_at);
  return newest === reviewId && !changedSince;
}

export function undoReview(db: Db, reviewId: number, now: number): number {
  const review = cachedStatement(db, 'SELECT * FROM reviews WHERE id = ?').get(reviewId) as ReviewRow | undefined;
  if (!review) throw new CueError('nothing_to_undo', 'That answer is no longer in the review log.', { reviewId });
  const newest = cachedStatement(db, 'SELECT max(id) FROM reviews WHERE card_id = ?').pluck().get(review.card_id);
  if (newest !== review.id) {
    throw new CueError('conflict', 'The card was answered again since; undo that answer first.', { reviewId });
  }
  // a reset, a due date set by hand or a reschedule since: putting the answer's "before" back would undo
  // that change too, and the card would no longer be what its log replays to
  const changedSince = cachedStatement(
    db,
    'SELECT 1 FROM card_events WHERE card_id = ? AND at > ? AND undone_at IS NULL LIMIT 1',
  ).get(review.card_id, review.reviewed_at);
  if (changedSince) {
    throw new CueError(
      'conflict',
      'This answer can no longer be undone: the card’s schedule was changed since (reset, due date set or rescheduled).',
      { reviewId, cardId: review.card_id },
    );
  }
  saveSchedule(db, review.card_id, {
    state: review.state_before,
    due: review.due_before,
    stability: review.stability_before,
    difficulty: review.difficulty_before,
    elapsedDays: review.elapsed_days_before,
    scheduledDays: review.scheduled_days_before,
    learningSteps: review.learning_steps_before,
    reps: review.reps_before,
    lapses: review.lapses_before,
    lastReview: review.last_review_before,
  });
  cachedStatement(db, 'UPDATE review_log SET undone_at = ? WHERE id = ?').run(now, review.id);
  const sectionId = cachedStatement(db, 'SELECT section_id FROM cards WHERE id = ?').pluck().get(review.card_id);
  countReviewDay(db, { ...review, section_id: sectionId as number }, -1);
  return review.card_id;
}

/** Counts (1) or takes back (-1) a logged answer in the per-day and per-hour counts of its card's section. */
export function countLoggedReview(db: Db, reviewId: number, sign: 1 | -1): void {
  const review = cachedStatement(
    db,
    'SELECT r.*, c.section_id FROM review_log r JOIN cards c ON c.id = r.card_id WHERE r.id = ?',
  ).get(reviewId) as (ReviewRow & { section_id: number }) | undefined;
  if (review) countReviewDay(db, review, sign);
}

/**
 * A change to a card's schedule that is not an answer, as card_events logs it. A reschedule (after the
 * desired retention or the parameters changed) is stored as a memory event that carries a due too: the
 * table's kinds are fixed by its CHECK, and `due` is otherwise empty on memory events. A kept schedule
 * is the schedule an import brought as the source had it (an Anki card's due date, interval and state):
 * the card becomes exactly that.
 */
export type ScheduleEvent =
  | { kind: 'reset' }
  | { kind: 'set_due'; due: number }
  | { kind: 'memory'; stability: number; difficulty: number }
  | { kind: 'reschedule'; stability: number; difficulty: number; due: number }
  | KeptScheduleEvent;

export interface KeptScheduleEvent {
  kind: 'kept_schedule';
  state: Schedule['state'];
  due: number;
  scheduledDays: number;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  learningSteps: number;
  lastReview: number | null;
}

/** Logs a schedule change that is not an answer, so replay reproduces it. */
export function logScheduleEvent(db: Db, cardId: number, at: number, event: ScheduleEvent): void {
  const kept = event.kind === 'kept_schedule' ? event : null;
  cachedStatement(
    db,
    `INSERT INTO card_events (card_id, at, kind, due, stability, difficulty, state, scheduled_days, learning_steps,
       reps, lapses, last_review)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    cardId,
    at,
    event.kind === 'reschedule' ? 'memory' : event.kind,
    'due' in event ? event.due : null,
    'stability' in event ? event.stability : null,
    'difficulty' in event ? event.difficulty : null,
    kept?.state ?? null,
    kept?.scheduledDays ?? null,
    kept?.learningSteps ?? null,
    kept?.reps ?? null,
    kept?.lapses ?? null,
    kept?.lastReview ?? null,
  );
}

/**
 * What a logged event does to a schedule. A reschedule also gives a review card the interval its new
 * due means, counted in study days of `boundary` (the collection's), as an answer counts it.
 */
export function applyScheduleEvent(
  schedule: Schedule,
  at: number,
  event: ScheduleEvent,
  boundary?: DayBoundary,
): Schedule {
  if (event.kind === 'reset') return newSchedule(at);
  if (event.kind === 'set_due') return { ...schedule, due: event.due };
  if (event.kind === 'kept_schedule') return keptSchedule(schedule, event);
  // a memory state only means something for a card that has been studied
  if (schedule.state === STATE.new) return schedule;
  const memory = { ...schedule, stability: event.stability, difficulty: event.difficulty };
  if (event.kind === 'memory') return memory;
  const moved = { ...memory, due: event.due };
  if (schedule.state === STATE.review && schedule.lastReview !== null && boundary) {
    moved.scheduledDays = dayNumber(event.due, boundary) - dayNumber(schedule.lastReview, boundary);
  }
  return moved;
}

/** The schedule a kept_schedule event gives: all of it, except the FSRS-internal days since the last answer. */
function keptSchedule(schedule: Schedule, event: KeptScheduleEvent): Schedule {
  const { state, due, scheduledDays, stability, difficulty, reps, lapses, learningSteps, lastReview } = event;
  return { ...schedule, state, due, scheduledDays, stability, difficulty, reps, lapses, learningSteps, lastReview };
}

const configTexts = new WeakMap<Scheduler, string>();

/**
 * The id of the configuration `scheduler` schedules with, in schedule_configs (added the first time).
 * Looked up each time: an id remembered across transactions could name a row a rollback took back.
 */
function configId(db: Db, scheduler: Scheduler): number {
  let config = configTexts.get(scheduler);
  if (config === undefined) {
    config = JSON.stringify(configOf(scheduler.settings));
    configTexts.set(scheduler, config);
  }
  cachedStatement(db, 'INSERT INTO schedule_configs (config) VALUES (?) ON CONFLICT (config) DO NOTHING').run(config);
  return cachedStatement(db, 'SELECT id FROM schedule_configs WHERE config = ?').pluck().get(config) as number;
}

/** The scheduler an answer was made with, from its recorded configuration. */
function schedulerOfConfig(db: Db, id: number): Scheduler {
  const config = cachedStatement(db, 'SELECT config FROM schedule_configs WHERE id = ?').pluck().get(id) as string;
  return Scheduler.for(settingsOf(JSON.parse(config) as ScheduleConfig));
}

/** A card's history, answers and other schedule changes, in the order they happened. */
function cardHistory(db: Db, cardId: number): (HistoryEvent | HistoryAnswer)[] {
  return cachedStatement(
    db,
    `SELECT reviewed_at AS at, rating, NULL AS kind, NULL AS due, NULL AS stability, NULL AS difficulty,
         NULL AS state, NULL AS scheduledDays, NULL AS learningSteps, NULL AS reps, NULL AS lapses,
         NULL AS lastReview, desired_retention AS retention, config_id AS config, 0 AS tie, id
       FROM reviews WHERE card_id = @cardId
       UNION ALL
       SELECT at, NULL, CASE WHEN kind = 'memory' AND due IS NOT NULL THEN 'reschedule' ELSE kind END,
         due, stability, difficulty, state, scheduled_days, learning_steps, reps, lapses, last_review,
         NULL, NULL, 1, id FROM card_events WHERE card_id = @cardId AND undone_at IS NULL
       ORDER BY at, tie, id`,
  ).all({ cardId }) as (HistoryEvent | HistoryAnswer)[];
}

function initialSchedule(db: Db, cardId: number): Schedule {
  return newSchedule(cachedStatement(db, 'SELECT due FROM cards WHERE id = ?').pluck().get(cardId) as number);
}

/**
 * Rebuilds a card's state by replaying its whole history through the scheduler: the answers that
 * stand, and the schedule changes that are not answers (card_events), in the order they happened.
 * A card with no history is as it was made: new, due when it was.
 */
export function replayCard(db: Db, scheduler: Scheduler, cardId: number, initial?: Schedule): Schedule {
  let schedule = initial ?? initialSchedule(db, cardId);
  const seed = fuzzSeed(db, cardId);
  const { boundary } = scheduler.settings;
  for (const step of cardHistory(db, cardId)) {
    if (step.kind !== null) schedule = applyScheduleEvent(schedule, step.at, step as ScheduleEvent, boundary);
    else if (step.config !== null) {
      // each answer with exactly what it was scheduled with, and the interval deadline mode set, if any
      const answered = schedulerOfConfig(db, step.config);
      schedule = answered.answer(seed, schedule, step.at, step.rating);
      const deadlineDays = recordedDeadlineDays(db, step.id);
      if (deadlineDays !== null) {
        schedule = withInterval(schedule, deadlineDays, step.at, answered.settings.boundary);
      }
    } else {
      // answers from before configurations were recorded (schema 9) were made with Cue's steps, maximum
      // interval and parameters of then, which a preset changed since must not rewrite, and the desired
      // retention they recorded (the default, before that setting existed); fuzz and day boundary as now
      const retention = step.retention ?? DEFAULT_DESIRED_RETENTION;
      schedule = legacyScheduler(scheduler).answer(seed, schedule, step.at, step.rating, retention);
    }
  }
  return schedule;
}

/**
 * The state a card would have if every answer in its history had been scheduled by `scheduler` (other
 * options, another retention): what a reschedule gives it. Earlier reschedules are left out, since
 * this one recomputes what they did; resets, due dates set by hand, imported memory states and the
 * intervals deadline mode set stay.
 */
export function replayCardWith(db: Db, scheduler: Scheduler, cardId: number): Schedule {
  let schedule = initialSchedule(db, cardId);
  const seed = fuzzSeed(db, cardId);
  const { boundary } = scheduler.settings;
  for (const step of cardHistory(db, cardId)) {
    if (step.kind === 'reschedule') continue;
    if (step.kind === null) {
      schedule = scheduler.answer(seed, schedule, step.at, step.rating);
      // an interval deadline mode set stays what it was: the plan for the date is not the options'
      const deadlineDays = recordedDeadlineDays(db, step.id);
      if (deadlineDays !== null) schedule = withInterval(schedule, deadlineDays, step.at, boundary);
    } else {
      schedule = applyScheduleEvent(schedule, step.at, step as ScheduleEvent, boundary);
      // a memory state from outside (an import's own FSRS state, or a kept schedule's) decides a review
      // card's interval too, at these options
      if (step.kind === 'memory' || step.kind === 'kept_schedule') schedule = dueFromMemory(scheduler, schedule);
    }
  }
  return schedule;
}

function legacyScheduler(scheduler: Scheduler): Scheduler {
  const { boundary, fuzz } = scheduler.settings;
  return Scheduler.for({ ...DEFAULT_SCHEDULER_SETTINGS, boundary, fuzz });
}

function dueFromMemory(scheduler: Scheduler, schedule: Schedule): Schedule {
  if (schedule.state !== STATE.review || schedule.lastReview === null) return schedule;
  const { boundary } = scheduler.settings;
  const days = scheduler.intervalFor(schedule.stability);
  return { ...schedule, due: dayStart(dayNumber(schedule.lastReview, boundary) + days, boundary), scheduledDays: days };
}

type HistoryAnswer = {
  at: number;
  kind: null;
  rating: Rating;
  retention: number | null;
  config: number | null;
  id: number;
};
type HistoryEvent = { at: number } & ScheduleEvent;
