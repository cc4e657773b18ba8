/**
 * The floor for answering a card: the least work that does the job study.answer must do. In one
 * transaction: FSRS's next state (ts-fsrs `next`), the review row, the card row, the per-day and
 * per-hour tallies, then one indexed SELECT of the next due card. No queue counts, no interval
 * previews, no siblings, no leeches, no undo.
 */
import { type Card, createEmptyCard, type FSRS, fsrs, type Grade, generatorParameters, type State } from 'ts-fsrs';
import type { Db } from '../electron/core/database';

const MS_PER_DAY = 86_400_000;
const ROLLOVER_MS = 4 * 3_600_000;

interface FloorCard {
  id: number;
  section_id: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
}

const COLUMNS = `id, section_id, state, due, stability, difficulty, elapsed_days, scheduled_days, learning_steps,
  reps, lapses, last_review`;

export class AnswerFloor {
  private readonly fsrs: FSRS = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: true }));
  private readonly nextLearning;
  private readonly nextDue;
  private readonly nextNew;
  private readonly insertReview;
  private readonly updateCard;
  private readonly tallyDay;
  private readonly tallyHour;

  constructor(private readonly db: Db) {
    // the next card: a learning card due now, else the earliest review due today (each one range of the
    // index on deck, state, due), else a new one
    this.nextLearning = db.prepare(
      `SELECT ${COLUMNS} FROM cards WHERE deck_id = 1 AND state = ? AND due <= ? AND suspended = 0 ORDER BY due LIMIT 1`,
    );
    this.nextDue = db.prepare(
      `SELECT ${COLUMNS} FROM cards WHERE deck_id = 1 AND state = 2 AND due < ? AND suspended = 0 ORDER BY due LIMIT 1`,
    );
    this.nextNew = db.prepare(
      `SELECT ${COLUMNS} FROM cards WHERE deck_id = 1 AND state = 0 AND suspended = 0 ORDER BY position LIMIT 1`,
    );
    this.insertReview = db.prepare(
      `INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, study_day, hour, first_of_day, kind,
         state_before, due_before, stability_before, difficulty_before, elapsed_days_before, scheduled_days_before,
         learning_steps_before, reps_before, lapses_before, last_review_before, state_after, due_after,
         stability_after, difficulty_after, elapsed_days_after, scheduled_days_after, learning_steps_after)
       VALUES (?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateCard = db.prepare(
      `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?,
         learning_steps = ?, reps = ?, lapses = ?, last_review = ? WHERE id = ?`,
    );
    this.tallyDay = db.prepare(
      `INSERT INTO review_days (section_id, study_day, kind, rating, first_of_day, reviews, duration_ms)
       VALUES (?, ?, 1, ?, 1, 1, ?) ON CONFLICT DO UPDATE SET reviews = reviews + 1, duration_ms = duration_ms + excluded.duration_ms`,
    );
    this.tallyHour = db.prepare(
      `INSERT INTO review_hours (section_id, study_day, hour, reviews, counted, passed) VALUES (?, ?, ?, 1, 1, ?)
       ON CONFLICT DO UPDATE SET reviews = reviews + 1, counted = counted + 1, passed = passed + excluded.passed`,
    );
  }

  /** The card to show at `now`, if any is due. */
  next(now: number): FloorCard | undefined {
    const dayEnd = Math.floor((now - ROLLOVER_MS) / MS_PER_DAY + 1) * MS_PER_DAY + ROLLOVER_MS;
    return (this.nextLearning.get(1, now) ??
      this.nextLearning.get(3, now) ??
      this.nextDue.get(dayEnd) ??
      this.nextNew.get()) as FloorCard | undefined;
  }

  /** Answers `card` and returns the next one. */
  answer(card: FloorCard, rating: Grade, now: number, durationMs: number): FloorCard | undefined {
    return this.db.transaction(() => {
      const { card: after } = this.fsrs.next(toFsrs(card), now, rating);
      const day = Math.floor((now - ROLLOVER_MS) / MS_PER_DAY);
      const hour = new Date(now).getUTCHours();
      const a = fromFsrs(after);
      this.insertReview.run(
        card.id,
        now,
        rating,
        durationMs,
        day,
        hour,
        card.state,
        card.due,
        card.stability,
        card.difficulty,
        card.elapsed_days,
        card.scheduled_days,
        card.learning_steps,
        card.reps,
        card.lapses,
        card.last_review,
        a.state,
        a.due,
        a.stability,
        a.difficulty,
        a.elapsed_days,
        a.scheduled_days,
        a.learning_steps,
      );
      this.updateCard.run(
        a.state,
        a.due,
        a.stability,
        a.difficulty,
        a.elapsed_days,
        a.scheduled_days,
        a.learning_steps,
        a.reps,
        a.lapses,
        now,
        card.id,
      );
      this.tallyDay.run(card.section_id, day, rating, durationMs);
      this.tallyHour.run(card.section_id, day, hour, rating > 1 ? 1 : 0);
      return this.next(now);
    })();
  }
}

function toFsrs(card: FloorCard): Card {
  if (card.state === 0) return createEmptyCard(card.due);
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state as State,
    last_review: card.last_review === null ? undefined : new Date(card.last_review),
  };
}

function fromFsrs(card: Card) {
  return {
    state: card.state,
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
  };
}
