/**
 * Mock interview sessions and their questions in the collection file (schema 11), so a session, its
 * clock and its summary survive a reload or a restart. Rows in, rows out; the rules are in mock-session.ts.
 */
import type { Rating } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { MockOrder, MockPhase } from '../../../shared/mock';
import type { AnswerEffects } from '../answer-effects';
import type { Db } from '../database';

export interface SessionRow {
  id: number;
  deck_id: number;
  draw_order: MockOrder;
  seed: number;
  section_ids: string;
  started_at: number;
  ended_at: number | null;
}

export interface QuestionRow {
  session_id: number;
  position: number;
  card_id: number;
  section_id: number;
  limit_ms: number;
  shown_at: number | null;
  answered_at: number | null;
  time_taken_ms: number | null;
  timed_out: 0 | 1 | null;
  review_id: number | null;
  rating: Rating | null;
  effects: string | null;
  graded_at: number | null;
}

export interface NewSession {
  deckId: number;
  order: MockOrder;
  seed: number;
  sectionIds: number[];
  questions: { cardId: number; sectionId: number; limitMs: number }[];
}

export function phaseOf(question: QuestionRow): MockPhase {
  if (question.review_id !== null) return 'graded';
  if (question.answered_at !== null) return 'answered';
  return question.shown_at === null ? 'pending' : 'asking';
}

export function insertSession(db: Db, session: NewSession, now: number): number {
  const id = Number(
    db
      .prepare('INSERT INTO mock_sessions (deck_id, draw_order, seed, section_ids, started_at) VALUES (?, ?, ?, ?, ?)')
      .run(session.deckId, session.order, session.seed, JSON.stringify(session.sectionIds), now).lastInsertRowid,
  );
  const insert = db.prepare(
    'INSERT INTO mock_questions (session_id, position, card_id, section_id, limit_ms) VALUES (?, ?, ?, ?, ?)',
  );
  session.questions.forEach((q, i) => {
    insert.run(id, i + 1, q.cardId, q.sectionId, q.limitMs);
  });
  return id;
}

export function sessionRow(db: Db, sessionId: number): SessionRow {
  const row = db.prepare('SELECT * FROM mock_sessions WHERE id = ?').get(sessionId) as SessionRow | undefined;
  if (!row) throw new CueError('not_found', `There is no mock interview ${sessionId}.`, { sessionId });
  return row;
}

export function questionRows(db: Db, sessionId: number): QuestionRow[] {
  return db
    .prepare('SELECT * FROM mock_questions WHERE session_id = ? ORDER BY position')
    .all(sessionId) as QuestionRow[];
}

/** The newest session of the deck that has not ended. */
export function runningSession(db: Db, deckId: number): SessionRow | undefined {
  return db
    .prepare('SELECT * FROM mock_sessions WHERE deck_id = ? AND ended_at IS NULL ORDER BY id DESC LIMIT 1')
    .get(deckId) as SessionRow | undefined;
}

export function endRunningSessions(db: Db, deckId: number, now: number): void {
  db.prepare('UPDATE mock_sessions SET ended_at = ? WHERE deck_id = ? AND ended_at IS NULL').run(now, deckId);
}

export function endSession(db: Db, sessionId: number, now: number): void {
  db.prepare('UPDATE mock_sessions SET ended_at = ? WHERE id = ?').run(now, sessionId);
}

const update = (db: Db, sessionId: number, position: number, set: string, ...values: unknown[]) =>
  db
    .prepare(`UPDATE mock_questions SET ${set} WHERE session_id = ? AND position = ?`)
    .run(...values, sessionId, position);

export function markShown(db: Db, sessionId: number, position: number, now: number | null): void {
  update(db, sessionId, position, 'shown_at = ?', now);
}

export function markAnswered(db: Db, q: QuestionRow, now: number, takenMs: number, timedOut: boolean): void {
  update(
    db,
    q.session_id,
    q.position,
    'answered_at = ?, time_taken_ms = ?, timed_out = ?',
    now,
    takenMs,
    timedOut ? 1 : 0,
  );
}

export function markGraded(
  db: Db,
  q: QuestionRow,
  grade: { reviewId: number; rating: Rating; effects: AnswerEffects },
  now: number,
): void {
  const { reviewId, rating, effects } = grade;
  update(
    db,
    q.session_id,
    q.position,
    'review_id = ?, rating = ?, effects = ?, graded_at = ?',
    reviewId,
    rating,
    JSON.stringify(effects),
    now,
  );
}

export function clearGrade(db: Db, q: QuestionRow): void {
  update(db, q.session_id, q.position, 'review_id = NULL, rating = NULL, effects = NULL, graded_at = NULL');
}
