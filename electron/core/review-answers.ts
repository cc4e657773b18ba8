/**
 * What an answer held beside its rating (schema 12, review_answers): the key points ticked and missed, and the text
 * typed before the reveal. Checked against the card's points, stored with the answer in its
 * transaction, read back for undo, for "missed last time", and kept with a deleted card's log.
 */
import type { UndoneAnswer } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { extractKeyPoints, type KeyPoint } from '../../shared/key-points';
import type { CardRow } from './card-rows';
import { cachedStatement, type Db } from './database';

/** What study.answer may carry beside the rating. */
export interface AnswerExtras {
  /** Ids of the points ticked; present when the checklist was used (an empty list: none recalled). */
  recalled?: string[];
  typedText?: string;
}

type PointRef = Pick<KeyPoint, 'id' | 'label'>;

interface StoredAnswer {
  recalled: PointRef[] | null;
  missed: PointRef[] | null;
  typedText: string | null;
}

/**
 * The extras checked against the card's points: an id the card does not have is refused, naming it
 * and the ones it has. Null when there is nothing to keep.
 */
export function checkAnswerExtras(card: Pick<CardRow, 'id' | 'answer' | 'format'>, extras: AnswerExtras) {
  const typedText = extras.typedText?.trim() ? extras.typedText : null;
  if (extras.recalled === undefined) return typedText === null ? null : { recalled: null, missed: null, typedText };
  const points = extractKeyPoints(card.answer, card.format);
  const known = new Set(points.map((point) => point.id));
  const unknown = extras.recalled.filter((id) => !known.has(id));
  if (unknown.length > 0) throw unknownPoints(card.id, unknown, points);
  if (points.length === 0) return typedText === null ? null : { recalled: null, missed: null, typedText };
  const ticked = new Set(extras.recalled);
  const ref = ({ id, label }: KeyPoint): PointRef => ({ id, label });
  return {
    recalled: points.filter((point) => ticked.has(point.id)).map(ref),
    missed: points.filter((point) => !ticked.has(point.id)).map(ref),
    typedText,
  } satisfies StoredAnswer;
}

function unknownPoints(cardId: number, unknown: string[], points: KeyPoint[]): CueError {
  const list = (ids: string[]) => ids.map((id) => `"${id}"`).join(', ');
  const has = points.length ? `its points are ${list(points.map((p) => p.id))}` : 'it has no key points';
  return new CueError('invalid_input', `Card ${cardId} has no key point ${list(unknown)}; ${has}.`, {
    cardId,
    unknown,
  });
}

export function saveAnswerExtras(db: Db, reviewId: number, cardId: number, stored: StoredAnswer): void {
  cachedStatement(
    db,
    'INSERT INTO review_answers (review_id, card_id, recalled, missed, typed_text) VALUES (?, ?, ?, ?, ?)',
  ).run(reviewId, cardId, json(stored.recalled), json(stored.missed), stored.typedText);
}

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

interface AnswerRow {
  review_id: number;
  recalled: string | null;
  missed: string | null;
  typed_text: string | null;
}

const ids = (text: string | null) => (text === null ? null : (JSON.parse(text) as PointRef[]).map((p) => p.id));

/** An answer's ticks and typed text, as study.undo hands them back so the screen restores them. */
export function answerExtrasOf(db: Db, reviewId: number): UndoneAnswer | null {
  const row = cachedStatement(db, 'SELECT * FROM review_answers WHERE review_id = ?').get(reviewId) as
    | AnswerRow
    | undefined;
  return row ? { recalled: ids(row.recalled), typedText: row.typed_text } : null;
}

/** The points missed at the card's newest standing answer, when the checklist was used then. */
export function missedLastTime(db: Db, cardId: number): string[] {
  const missed = cachedStatement(
    db,
    // newest first along review_log_card (card_id, reviewed_at, id): no sort of the card's history
    `SELECT a.missed FROM reviews r LEFT JOIN review_answers a ON a.review_id = r.id
     WHERE r.card_id = ? ORDER BY r.reviewed_at DESC, r.id DESC LIMIT 1`,
  )
    .pluck()
    .get(cardId) as string | null | undefined;
  return ids(missed ?? null) ?? [];
}
