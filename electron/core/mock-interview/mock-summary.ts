/** A mock interview's summary: each question's time against its limit, its grade, and what to review next. */
import type { MockSummary, MockSummaryQuestion } from '../../../shared/mock';
import type { Db } from '../database';
import { type QuestionRow, questionRows, sessionRow } from './mock-store';

interface CardText {
  question: string;
  format: 'markdown' | 'html';
}

function summaryQuestion(db: Db, q: QuestionRow): MockSummaryQuestion {
  const card = db.prepare('SELECT question, format FROM cards WHERE id = ?').get(q.card_id) as CardText | undefined;
  const name = db.prepare('SELECT name FROM sections WHERE id = ?').pluck().get(q.section_id) as string | undefined;
  const timedOut = q.timed_out === 1;
  return {
    position: q.position,
    cardId: q.card_id,
    question: card?.question ?? null,
    format: card?.format ?? 'markdown',
    sectionId: q.section_id,
    sectionName: name ?? '',
    limitMs: q.limit_ms,
    timeTakenMs: q.time_taken_ms,
    timedOut,
    rating: q.rating,
    reviewNext: timedOut || q.rating === 1 || q.rating === 2,
    points: q.review_id === null ? null : pointsOf(db, q.review_id),
  };
}

/** How many key points the grade ticked, of how many the card had then. */
function pointsOf(db: Db, reviewId: number): MockSummaryQuestion['points'] {
  const row = db.prepare('SELECT recalled, missed FROM review_answers WHERE review_id = ?').get(reviewId) as
    | { recalled: string | null; missed: string | null }
    | undefined;
  if (!row || row.recalled === null || row.missed === null) return null;
  const recalled = (JSON.parse(row.recalled) as unknown[]).length;
  return { recalled, total: recalled + (JSON.parse(row.missed) as unknown[]).length };
}

export function sessionSummary(db: Db, sessionId: number): MockSummary {
  const session = sessionRow(db, sessionId);
  const questions = questionRows(db, sessionId).map((q) => summaryQuestion(db, q));
  const answered = questions.filter((q) => q.timeTakenMs !== null);
  return {
    sessionId,
    deckId: session.deck_id,
    startedAt: session.started_at,
    endedAt: session.ended_at,
    questions,
    reviewNext: questions.filter((q) => q.reviewNext).map((q) => q.cardId),
    answered: answered.length,
    timedOut: questions.filter((q) => q.timedOut).length,
    totalMs: answered.reduce((sum, q) => sum + (q.timeTakenMs ?? 0), 0),
  };
}
