/**
 * A deck's daily limits as Anki's v3 scheduler has them: new cards a day, and reviews a day at most,
 * which new cards count against too unless the preset says otherwise. What was answered today (from
 * the review log, in the collection's study day) is taken off, and today's extensions (custom
 * study's "increase today's limit") added on. Learning cards have no limit: they are always shown.
 */
import type { LimitExtension } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import { cachedStatement, type Db } from './database';
import { type DayBoundary, dayNumber, dayToIsoDate } from './days';
import { type DoneToday, doneToday } from './queue-count-cache';

/** Today's study day as the queue sees it (study-queue's DayWindow). */
interface DayWindow {
  now: number;
  todayStart: number;
  tomorrowStart: number;
}

export interface DeckLimits {
  /** Reviews the review limit still allows today (after the new cards that count against it). */
  reviewLeft: number;
  /** New cards the new-card limit still allows today. */
  newLeft: number;
  /**
   * Room the review limit leaves for reviews and new cards together (when new cards count against
   * it), with today's extra new cards added: they are held back by neither limit.
   */
  sharedLeft: number;
  newCountsAgainstReviews: boolean;
}

/** Cards waiting in a scope, before the limits. */
export interface Waiting {
  review: number;
  new: number;
}

/** What a scope shows today under its deck's limits, and which limit, if any, is used up with cards waiting. */
export interface Limited {
  review: number;
  new: number;
  reviewLimitReached: boolean;
  newLimitReached: boolean;
}

/** A deck's new cards a day, in SQL over `decks d JOIN presets p`: the deck's own, else its preset's. */
export const DECK_NEW_LIMIT = "coalesce(d.new_limit, json_extract(p.options, '$.newPerDay'))";

interface LimitsRow {
  newLimit: number;
  reviewLimit: number;
  newIgnores: number;
  extraNew: number;
  extraReviews: number;
}

/** A deck's own limits over its preset's, and today's extension. */
const LIMITS_SQL = `SELECT ${DECK_NEW_LIMIT} AS newLimit,
    coalesce(d.review_limit, json_extract(p.options, '$.reviewsPerDay')) AS reviewLimit,
    coalesce(json_extract(p.options, '$.newIgnoresReviewLimit'), 0) AS newIgnores,
    coalesce(x.new_cards, 0) AS extraNew, coalesce(x.reviews, 0) AS extraReviews
  FROM decks d JOIN presets p ON p.id = d.preset_id
  LEFT JOIN deck_limit_extensions x ON x.deck_id = d.id AND x.study_day = @day
  WHERE d.id = @deckId`;

/** New cards introduced and review cards answered today; CROSS JOIN walks today's reviews by time, not the deck. */
const DONE_TODAY_SQL = `SELECT total(r.state_before = 0) AS introduced, total(r.state_before = 2) AS reviewed
  FROM reviews r CROSS JOIN cards c ON c.id = r.card_id
  WHERE r.reviewed_at >= @todayStart AND r.reviewed_at < @tomorrowStart AND c.deck_id = @deckId`;

export function deckLimits(db: Db, deckId: number, window: DayWindow, boundary: DayBoundary): DeckLimits {
  const day = dayNumber(window.now, boundary);
  const row = cachedStatement(db, LIMITS_SQL).get({ deckId, day }) as LimitsRow | undefined;
  if (!row) return { reviewLeft: 0, newLeft: 0, sharedLeft: 0, newCountsAgainstReviews: true };
  // kept between answers, which move it (queue-count-cache.ts): it walks today's answers and their cards
  const done = doneToday(
    db,
    deckId,
    window,
    () => cachedStatement(db, DONE_TODAY_SQL).get({ deckId, ...window }) as DoneToday,
  );
  const counts = row.newIgnores !== 1;
  const reviewLimit = row.reviewLimit + row.extraReviews - done.reviewed;
  // extra new cards come first out of those introduced today, and count against no limit
  const countedNew = counts ? Math.max(0, done.introduced - row.extraNew) : 0;
  return {
    reviewLeft: Math.max(0, reviewLimit - countedNew),
    newLeft: Math.max(0, row.newLimit + row.extraNew - done.introduced),
    sharedLeft: Math.max(0, reviewLimit - done.introduced + row.extraNew),
    newCountsAgainstReviews: counts,
  };
}

/** New cards the limits allow once `reviews` reviews are shown. */
export function newAllowed(limits: DeckLimits, reviews: number): number {
  if (!limits.newCountsAgainstReviews) return limits.newLeft;
  return Math.max(0, Math.min(limits.newLeft, limits.sharedLeft - reviews));
}

/** Reviews come first, then new cards in what the review limit leaves (when they count against it). */
export function applyLimits(limits: DeckLimits, waiting: Waiting): Limited {
  const review = Math.min(waiting.review, limits.reviewLeft);
  const fresh = Math.min(waiting.new, newAllowed(limits, review));
  // "reached": nothing is left under the limit while cards wait for it
  const reviewsHeld = limits.reviewLeft === 0 && waiting.review > 0;
  const newHeld =
    limits.newCountsAgainstReviews && review === 0 && waiting.new > 0 && limits.newLeft > 0 && fresh === 0;
  return {
    review,
    new: fresh,
    reviewLimitReached: reviewsHeld || newHeld,
    newLimitReached: limits.newLeft === 0 && waiting.new > 0,
  };
}

/** Adds to today's extra new cards and reviews of a deck; answers today's totals. Gone the next study day. */
export function extendLimits(
  db: Db,
  deckId: number,
  extra: { newCards?: number; reviews?: number },
  now: number,
  boundary: DayBoundary,
): LimitExtension {
  return db.transaction(() => {
    if (!db.prepare('SELECT 1 FROM decks WHERE id = ?').get(deckId)) {
      throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
    }
    const day = dayNumber(now, boundary);
    // earlier days' extensions no longer mean anything
    db.prepare('DELETE FROM deck_limit_extensions WHERE deck_id = ? AND study_day < ?').run(deckId, day);
    db.prepare(
      `INSERT INTO deck_limit_extensions (deck_id, study_day, new_cards, reviews) VALUES (@deckId, @day, @newCards, @reviews)
       ON CONFLICT DO UPDATE SET new_cards = new_cards + excluded.new_cards, reviews = reviews + excluded.reviews`,
    ).run({ deckId, day, newCards: extra.newCards ?? 0, reviews: extra.reviews ?? 0 });
    const row = db
      .prepare('SELECT new_cards AS newCards, reviews FROM deck_limit_extensions WHERE deck_id = ? AND study_day = ?')
      .get(deckId, day) as { newCards: number; reviews: number };
    return { deckId, studyDay: dayToIsoDate(day), ...row };
  })();
}
