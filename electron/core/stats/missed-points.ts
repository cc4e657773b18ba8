/**
 * The key points most often missed: per section and per card of a deck, and one card's points with the
 * answers that ticked them. Only standing answers count (the `reviews` view): an undone answer's
 * ticks are kept in the log but no longer say anything.
 */
import type { CardPointsStats, MissedPoint, MissedPointsStats, Rating } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import { extractKeyPoints } from '../../../shared/key-points';
import { cachedStatement, type Db } from '../database';

/** Every tick and miss of the standing answers of the cards `where` picks, one row per point and answer. */
const TICKS = (where: string) => `
  WITH ticks AS (
    SELECT r.card_id, r.id AS review_id, json_extract(p.value, '$.id') AS point,
      json_extract(p.value, '$.label') AS label, 0 AS missed
    FROM review_answers a JOIN reviews r ON r.id = a.review_id JOIN cards c ON c.id = r.card_id,
      json_each(a.recalled) p
    WHERE a.recalled IS NOT NULL AND ${where}
    UNION ALL
    SELECT r.card_id, r.id, json_extract(p.value, '$.id'), json_extract(p.value, '$.label'), 1
    FROM review_answers a JOIN reviews r ON r.id = a.review_id JOIN cards c ON c.id = r.card_id,
      json_each(a.missed) p
    WHERE a.missed IS NOT NULL AND ${where}
  )
  -- SQLite takes the bare label from the row with the newest review: the label as it last read
  SELECT card_id AS cardId, point AS pointId, label, max(review_id) AS newest, count(*) AS asked,
    sum(missed) AS missed
  FROM ticks GROUP BY card_id, point`;

type CountRow = Omit<MissedPoint, 'share'> & { newest: number };

const withShare = ({ newest: _newest, ...row }: CountRow): MissedPoint => ({
  ...row,
  share: row.asked > 0 ? row.missed / row.asked : 0,
});

/** Most missed first; a higher share breaks a tie, then the card and point, so the order is stable. */
function byMisses(a: MissedPoint, b: MissedPoint): number {
  return b.missed - a.missed || b.share - a.share || a.cardId - b.cardId || a.pointId.localeCompare(b.pointId);
}

interface CardInfo {
  id: number;
  section_id: number;
  question: string;
}

export function missedPoints(db: Db, query: { deckId: number; sectionId?: number; limit: number }): MissedPointsStats {
  if (!cachedStatement(db, 'SELECT 1 FROM decks WHERE id = ?').get(query.deckId)) {
    throw new CueError('not_found', `There is no deck ${query.deckId}.`, { deckId: query.deckId });
  }
  const params = { deckId: query.deckId, sectionId: query.sectionId ?? null };
  const where = 'c.deck_id = @deckId AND (@sectionId IS NULL OR c.section_id = @sectionId)';
  const counts = (cachedStatement(db, TICKS(where)).all(params) as CountRow[]).map(withShare);
  const missed = counts.filter((point) => point.missed > 0).sort(byMisses);
  // only the cards with a missed point: a deck's cards are many, and most have none
  const cards = new Map(
    (
      cachedStatement(
        db,
        'SELECT id, section_id, question FROM cards WHERE id IN (SELECT value FROM json_each(?))',
      ).all(JSON.stringify([...new Set(missed.map((point) => point.cardId))])) as CardInfo[]
    ).map((card) => [card.id, card]),
  );
  const sections = cachedStatement(
    db,
    'SELECT id, name FROM sections WHERE deck_id = @deckId AND (@sectionId IS NULL OR id = @sectionId) ORDER BY position',
  ).all(params) as { id: number; name: string }[];
  return {
    sections: sections.map((section) => ({
      sectionId: section.id,
      name: section.name,
      points: missed
        .filter((point) => cards.get(point.cardId)?.section_id === section.id)
        .slice(0, query.limit)
        .map((point) => ({ ...point, question: cards.get(point.cardId)?.question ?? '' })),
    })),
    cards: cardsByMisses(missed, cards).slice(0, query.limit),
  };
}

function cardsByMisses(missed: MissedPoint[], cards: Map<number, CardInfo>): MissedPointsStats['cards'] {
  const byCard = new Map<number, MissedPoint[]>();
  for (const point of missed) byCard.set(point.cardId, [...(byCard.get(point.cardId) ?? []), point]);
  const total = (points: MissedPoint[]) => points.reduce((sum, point) => sum + point.missed, 0);
  return [...byCard.entries()]
    .sort(([a, pa], [b, pb]) => total(pb) - total(pa) || a - b)
    .map(([cardId, points]) => ({
      cardId,
      sectionId: cards.get(cardId)?.section_id ?? 0,
      question: cards.get(cardId)?.question ?? '',
      points,
    }));
}

interface AnswerRow {
  reviewId: number;
  reviewedAt: number;
  rating: Rating;
  recalled: string | null;
  missed: string | null;
  typedText: string | null;
}

const ANSWERS_SHOWN = 100;

/** A card's current points (never asked: 0 of 0), then points it no longer has that were asked, by misses. */
export function cardPoints(db: Db, cardId: number): CardPointsStats {
  const card = cachedStatement(db, 'SELECT answer, format FROM cards WHERE id = ?').get(cardId) as
    | { answer: string; format: 'markdown' | 'html' }
    | undefined;
  if (!card) throw new CueError('not_found', `There is no card ${cardId}.`, { cardId });
  const counts = (cachedStatement(db, TICKS('c.id = @cardId')).all({ cardId }) as CountRow[]).map(withShare);
  const counted = new Map(counts.map((point) => [point.pointId, point]));
  const current = extractKeyPoints(card.answer, card.format).map(
    (point): MissedPoint =>
      counted.get(point.id) ?? { cardId, pointId: point.id, label: point.label, asked: 0, missed: 0, share: 0 },
  );
  const ids = new Set(current.map((point) => point.pointId));
  const former = counts.filter((point) => !ids.has(point.pointId)).sort(byMisses);
  const answers = cachedStatement(
    db,
    `SELECT r.id AS reviewId, r.reviewed_at AS reviewedAt, r.rating, a.recalled, a.missed, a.typed_text AS typedText
     FROM review_answers a JOIN reviews r ON r.id = a.review_id WHERE r.card_id = ? ORDER BY r.id DESC LIMIT ?`,
  ).all(cardId, ANSWERS_SHOWN) as AnswerRow[];
  const parse = (text: string | null) => (text === null ? null : (JSON.parse(text) as { id: string; label: string }[]));
  return {
    points: [...current, ...former],
    answers: answers.map((row) => ({ ...row, recalled: parse(row.recalled), missed: parse(row.missed) })),
  };
}
