/** One card's history and memory curve, and a section's cards weakest first. */
import { CueError } from '../../../shared/errors';
import type { CardEvent, CardStats, CardStatsRow, ReviewKind } from '../../../shared/stats';
import { CARD_SUMMARY_COLUMNS, type CardSummaryRow, cardSummary, pick, scheduleOf } from '../card-rows';
import { cardNote } from '../notes/card-note';
import { findCard } from '../review-log';
import type { StatsContext } from './deck-stats';

const MS_PER_DAY = 86_400_000;
const KIND_NAMES: ReviewKind[] = ['learning', 'young', 'mature', 'relearning'];
/** Points per curve segment between two reviews: smooth enough to read, small enough to draw. */
const SAMPLES_PER_SEGMENT = 24;

interface ReviewRow {
  id: number;
  reviewed_at: number;
  rating: 1 | 2 | 3 | 4;
  duration_ms: number;
  kind: number;
  retrievability: number | null;
  stability_after: number;
  difficulty_after: number;
  scheduled_days_after: number;
  due_after: number;
  state_after: number;
}

export function cardStats(ctx: StatsContext, cardId: number, at: number): CardStats {
  const card = findCard(ctx.db, cardId);
  const reviews = ctx.db
    .prepare(
      `SELECT id, reviewed_at, rating, duration_ms, kind, retrievability, stability_after, difficulty_after,
         scheduled_days_after, due_after, state_after
       FROM reviews WHERE card_id = ? AND reviewed_at <= ? ORDER BY reviewed_at, id`,
    )
    .all(cardId, at) as ReviewRow[];
  const events = ctx.db
    .prepare(
      `SELECT at, CASE WHEN kind = 'memory' AND due IS NOT NULL THEN 'reschedule' ELSE kind END AS kind, due
       FROM card_events WHERE card_id = ? AND at <= ? AND undone_at IS NULL ORDER BY at, id`,
    )
    .all(cardId, at) as CardEvent[];
  const summary = cardSummary(card);
  return {
    card: {
      ...pick(summary, ['id', 'key', 'deckId', 'sectionId']),
      sectionName: card.section_name,
      ...pick(summary, [
        'question',
        'format',
        'state',
        'suspended',
        'due',
        'stability',
        'difficulty',
        'reps',
        'lapses',
      ]),
      retrievability: ctx.scheduler.retrievability(scheduleOf(card), at),
      mastered: summary.mastered,
      ...pick(cardNote(ctx.db, card), ['noteId', 'noteType', 'css']),
    },
    reviews: reviews.map((r) => ({
      id: r.id,
      reviewedAt: r.reviewed_at,
      rating: r.rating,
      durationMs: r.duration_ms,
      kind: KIND_NAMES[r.kind],
      retrievability: r.retrievability,
      stabilityAfter: r.stability_after,
      difficultyAfter: r.difficulty_after,
      scheduledDays: r.scheduled_days_after,
      dueAfter: r.due_after,
    })),
    events,
    curve: recallCurve(ctx, reviews, events, at + 30 * MS_PER_DAY),
  };
}

/**
 * R over time: after each review it starts at 1 and decays with that review's stability, until the
 * next review, or a reset to new (the card has no memory state until it is studied again).
 */
function recallCurve(
  ctx: StatsContext,
  reviews: ReviewRow[],
  events: CardEvent[],
  until: number,
): { t: number; r: number }[] {
  const curve: { t: number; r: number }[] = [];
  const resets = events.filter((e) => e.kind === 'reset').map((e) => e.at);
  reviews.forEach((review, i) => {
    if (review.stability_after <= 0) return;
    const next = i + 1 < reviews.length ? reviews[i + 1].reviewed_at : until;
    const reset = resets.find((t) => t >= review.reviewed_at && t < next);
    const end = reset ?? next;
    for (let s = 0; s <= SAMPLES_PER_SEGMENT; s++) {
      const t = review.reviewed_at + ((end - review.reviewed_at) * s) / SAMPLES_PER_SEGMENT;
      curve.push({ t, r: ctx.scheduler.recall(review.stability_after, (t - review.reviewed_at) / MS_PER_DAY) });
    }
  });
  return curve;
}

export function sectionCards(
  ctx: StatsContext,
  query: { deckId: number; sectionId?: number; limit: number; offset: number },
): { total: number; cards: CardStatsRow[] } {
  const deck = ctx.db.prepare('SELECT id FROM decks WHERE id = ?').get(query.deckId);
  if (!deck) throw new CueError('not_found', `There is no deck ${query.deckId}.`, { deckId: query.deckId });
  const { decay, factor } = ctx.scheduler.curve;
  const params = { ...query, sectionId: query.sectionId ?? null, now: ctx.now, decay, factor };
  const where = 'c.deck_id = @deckId AND (@sectionId IS NULL OR c.section_id = @sectionId)';
  const total = ctx.db.prepare(`SELECT count(*) FROM cards c WHERE ${where}`).pluck().get(params) as number;
  // the page is chosen by every card's recall, and only the page's cards are read in full, with
  // their review counts (counted for every card, they cost more than the rest)
  const rows = ctx.db
    .prepare(
      `WITH page AS (
         SELECT c.id, CASE WHEN c.state = 0 OR c.last_review IS NULL OR c.stability <= 0 THEN NULL
             ELSE pow(1 + @factor * max(0, @now - c.last_review) / 86400000.0 / c.stability, @decay) END AS r,
           c.position
         FROM cards c WHERE ${where}
         ORDER BY r IS NULL, r, c.position, c.id LIMIT @limit OFFSET @offset)
       SELECT ${CARD_SUMMARY_COLUMNS}, (SELECT count(*) FROM reviews r WHERE r.card_id = c.id) AS reviews, page.r
       FROM page CROSS JOIN cards c ON c.id = page.id
       ORDER BY page.r IS NULL, page.r, page.position, page.id`,
    )
    .all(params) as (CardSummaryRow & { reviews: number; r: number | null })[];
  return {
    total,
    cards: rows.map((row) => ({
      ...pick(cardSummary(row), [
        'id',
        'key',
        'question',
        'format',
        'state',
        'suspended',
        'due',
        'stability',
        'lapses',
        'mastered',
      ]),
      retrievability: row.r,
      reviews: row.reviews,
    })),
  };
}
