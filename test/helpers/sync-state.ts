/**
 * What two synced collections must agree on, by global names rather than local ids (which differ
 * between devices): decks, sections and cards by key, each card's content and schedule, the review log
 * and schedule changes by card and time.
 */
import type { Collection } from '../../electron/core/collection';

export function syncedState(c: Collection): Record<string, unknown[]> {
  const rows = (sql: string) => c.db.prepare(sql).raw().all();
  return {
    decks: rows('SELECT key, name, description, preset_id IS NULL FROM decks ORDER BY key'),
    sections: rows(
      'SELECT d.key, s.key, s.name, s.position FROM sections s JOIN decks d ON d.id = s.deck_id ORDER BY 1, 2',
    ),
    cards: rows(
      `SELECT d.key, c.key, s.key, c.question, c.answer, c.tags, c.flag, c.suspended, c.buried_until,
         c.state, c.due, round(c.stability, 9), round(c.difficulty, 9), c.scheduled_days, c.reps, c.lapses,
         c.last_review, coalesce(c.fuzz_seed, c.id)
       FROM cards c JOIN decks d ON d.id = c.deck_id JOIN sections s ON s.id = c.section_id ORDER BY 1, 2`,
    ),
    reviews: rows(
      `SELECT c.key, r.reviewed_at, r.rating, r.duration_ms, r.state_after, r.due_after, r.undone_at IS NULL
       FROM review_log r JOIN cards c ON c.id = r.card_id ORDER BY r.reviewed_at, c.key`,
    ),
    events: rows(
      `SELECT c.key, e.at, e.kind, e.due, e.undone_at IS NULL FROM card_events e JOIN cards c ON c.id = e.card_id
       ORDER BY e.at, c.key`,
    ),
    days: rows(
      `SELECT s.key, r.study_day, r.kind, r.rating, r.first_of_day, r.reviews, r.duration_ms
       FROM review_days r JOIN sections s ON s.id = r.section_id ORDER BY 1, 2, 3, 4, 5`,
    ),
  };
}
