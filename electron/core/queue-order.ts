/**
 * The orders a preset can give the study queue, as SQL. New cards: deck order (position), a stable
 * shuffle (the card id mixed with the deck as seed, walked from an index), one section after another,
 * or sections interleaved (round-robin, by each card's turn within its section). Reviews: by due
 * date, by retrievability ascending (FSRS-6's forgetting curve with the preset's decay), or a
 * shuffle that stays put through the study day. Deck order and due date walk an index.
 */
import type { NewCardOrder, ReviewOrder } from '../../shared/presets';
import { MS_PER_DAY } from './days';
import { NEW_SHUFFLE_KEY, reviewShuffleKey } from './migrations/010-daily-limits';

export interface QueueOrder {
  newCards: NewCardOrder;
  reviews: ReviewOrder;
  /** The forgetting curve of the preset's parameters, R = (1 + factor * t / S) ^ decay. */
  curve: { decay: number; factor: number };
  /**
   * Deadline mode while the review limit holds reviews back: the start of the target date (@dateAt),
   * and reviews go least recall on that date first, so the limit spends itself where the date needs it.
   */
  dateAt?: number;
}

/** ORDER BY for reviews by recall at @dateAt, lowest first; parameters @dateAt, @decay, @factor. */
export const DATE_RECALL_ORDER = `pow(1 + @factor * max(0, @dateAt - c.last_review) / ${MS_PER_DAY}.0 / max(c.stability, 0.001), @decay), c.due, c.id`;

/** ORDER BY for reviews due; parameters @now, @day, @decay, @factor. */
export function reviewOrderBy(order: ReviewOrder): string {
  switch (order) {
    case 'due':
      return 'c.due, c.position';
    case 'retrievability':
      // review cards always have a stability; the floor only keeps a damaged row from dividing by 0
      return `pow(1 + @factor * max(0, @now - c.last_review) / ${MS_PER_DAY}.0 / max(c.stability, 0.001), @decay), c.due, c.id`;
    case 'random':
      return `${reviewShuffleKey('@day')}, c.id`;
  }
}

/** ORDER BY for new cards, over `cards c JOIN sections s`, for all orders but interleaved. */
export function newOrderBy(order: Exclude<NewCardOrder, 'interleaved'>): string {
  switch (order) {
    case 'deck':
      return 'c.position, c.id';
    case 'random':
      return `${NEW_SHUFFLE_KEY}, c.id`;
    case 'sections':
      return 's.position, c.position, c.id';
  }
}

/**
 * Interleaved sections: a card's turn is its rank among its section's new cards plus the new cards
 * that section introduced today, so a day goes round the sections one card each, in section order.
 * `where` selects the scope's new cards that may be shown.
 */
export function interleavedNewIds(where: string): string {
  // materialised once: as a correlated subquery it would walk today's reviews again for every card
  return `WITH today AS MATERIALIZED (
      SELECT c.section_id, count(*) AS n FROM reviews r CROSS JOIN cards c ON c.id = r.card_id
      WHERE r.reviewed_at >= @todayStart AND r.reviewed_at < @tomorrowStart AND r.state_before = 0
        AND c.deck_id = @deckId
      GROUP BY c.section_id)
    SELECT c.id,
      row_number() OVER (PARTITION BY c.section_id ORDER BY c.position, c.id) + coalesce(t.n, 0) AS turn
    FROM cards c LEFT JOIN today t ON t.section_id = c.section_id WHERE ${where}`;
}
