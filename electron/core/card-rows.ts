/** Reading cards from the database into the shapes the core works with. */
import type { CardState } from '../../shared/domain';
import { cachedStatement, type Db } from './database';
import { type Schedule, STATE, STATE_NAMES, type StateCode } from './scheduler';

/** A card counts as mastered once its FSRS stability reaches 21 days, Anki's threshold for "mature". */
export const MASTERED_STABILITY = 21;

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
  /** The note the card is made from (every card has one since schema 15). */
  note_id: number;
  /** Shown in place of the question when revealed (a cloze's answer). */
  answer_alone: 0 | 1;
  /** The expected text when the question asks for it to be typed. */
  type_answer: string | null;
  /** Anki's flag colours, 1 to 7; 0 none. */
  flag: number;
}

export const CARD_COLUMNS = `c.id, c.deck_id, c.section_id, s.name AS section_name, c.key, c.position, c.question,
  c.answer, c.tags, c.state, c.due, c.stability, c.difficulty, c.elapsed_days, c.scheduled_days,
  c.learning_steps, c.reps, c.lapses, c.last_review, c.suspended, c.buried_until, c.format, c.note_id,
  c.answer_alone, c.type_answer, c.flag`;

/** The columns a card's summary is made from. */
export type CardSummaryRow = Pick<
  CardRow,
  | 'id'
  | 'key'
  | 'deck_id'
  | 'section_id'
  | 'question'
  | 'format'
  | 'tags'
  | 'state'
  | 'suspended'
  | 'due'
  | 'stability'
  | 'difficulty'
  | 'reps'
  | 'lapses'
  | 'flag'
>;

/** The same columns as SQL, for queries that name the cards table `c`. */
export const CARD_SUMMARY_COLUMNS = `c.id, c.key, c.deck_id, c.section_id, c.question, c.format, c.tags, c.state,
  c.suspended, c.due, c.stability, c.difficulty, c.reps, c.lapses, c.flag`;

/**
 * A card as the API describes it wherever it lists or shows one (study, editor, browser, statistics):
 * each of those answers with the part of this it needs, so the fields read the same everywhere.
 */
export interface CardSummary {
  id: number;
  key: string;
  deckId: number;
  sectionId: number;
  question: string;
  format: 'markdown' | 'html';
  tags: string[];
  state: CardState;
  suspended: boolean;
  due: number;
  stability: number;
  difficulty: number;
  reps: number;
  lapses: number;
  mastered: boolean;
  /** Anki's flag colours, 1 to 7; 0 none. */
  flag: number;
}

export function cardSummary(row: CardSummaryRow): CardSummary {
  return {
    id: row.id,
    key: row.key,
    deckId: row.deck_id,
    sectionId: row.section_id,
    question: row.question,
    format: row.format,
    tags: row.tags ? row.tags.split(' ') : [],
    state: STATE_NAMES[row.state],
    suspended: row.suspended === 1,
    due: row.due,
    stability: row.stability,
    difficulty: row.difficulty,
    reps: row.reps,
    lapses: row.lapses,
    mastered: row.state === STATE.review && row.stability >= MASTERED_STABILITY,
    flag: row.flag,
  };
}

/** The named fields of `object`, in the order named (the order JSON output shows them in). */
export function pick<T extends object, K extends keyof T>(object: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, object[key]])) as Pick<T, K>;
}

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

const SCHEDULE_COLUMNS = `state = ?, due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?,
  learning_steps = ?, reps = ?, lapses = ?, last_review = ?`;

function scheduleValues(s: Schedule) {
  return [
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
  ];
}

/** Writes a schedule into the card's state columns. */
/**
 * The number a card's fuzz is drawn from: its own id, or the id it had on the device that made it (a
 * synced card), so that one answer gives one interval on every device.
 */
export function fuzzSeed(db: Db, cardId: number): number {
  return (
    (cachedStatement(db, 'SELECT coalesce(fuzz_seed, id) FROM cards WHERE id = ?').pluck().get(cardId) as
      | number
      | undefined) ?? cardId
  );
}

export function saveSchedule(db: Db, cardId: number, s: Schedule): void {
  cachedStatement(db, `UPDATE cards SET ${SCHEDULE_COLUMNS}, buried_until = NULL WHERE id = ?`).run(
    ...scheduleValues(s),
    cardId,
  );
}

/** Writes a schedule as saveSchedule does, and whether the card is suspended and until when buried, in one update. */
export function saveScheduleSetAside(
  db: Db,
  cardId: number,
  s: Schedule,
  suspended: boolean,
  buriedUntil: number | null,
): void {
  cachedStatement(db, `UPDATE cards SET ${SCHEDULE_COLUMNS}, suspended = ?, buried_until = ? WHERE id = ?`).run(
    ...scheduleValues(s),
    suspended ? 1 : 0,
    buriedUntil,
    cardId,
  );
}
