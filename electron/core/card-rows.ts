/** Reading cards from the database into the shapes the core works with. */
import { cachedStatement, type Db } from './database';
import type { Schedule, StateCode } from './scheduler';

export interface CardRow {
  id: number;
  deck_id: number;
  section_id: number;
  section_name: string;
  key: string;
  position: number;
  question: string;
  answer: string;
  tags: string;
  format: 'markdown' | 'html';
  state: StateCode;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  suspended: 0 | 1;
  buried_until: number | null;
}

export const CARD_COLUMNS = `c.id, c.deck_id, c.section_id, s.name AS section_name, c.key, c.position, c.question,
  c.answer, c.tags, c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days,
  c.learning_steps, c.reps, c.lapses, c.last_review, c.suspended, c.buried_until, c.format`;

export function scheduleOf(row: CardRow): Schedule {
  return {
    state: row.state,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    elapsedDays: row.elapsed_days,
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    lastReview: row.last_review,
  };
}

/** Writes a schedule into the card's state columns. */
export function saveSchedule(db: Db, cardId: number, s: Schedule): void {
  cachedStatement(
    db,
    `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?,
       learning_steps = ?, reps = ?, lapses = ?, last_review = ?, buried_until = NULL
     WHERE id = ?`,
  ).run(
    s.state,
    s.due,
    s.stability,
    s.difficulty,
    s.elapsedDays,
    s.scheduledDays,
    s.learningSteps,
    s.reps,
    s.lapses,
    s.lastReview,
    cardId,
  );
}
