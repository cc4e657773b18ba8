/**
 * The statistics graphs of a deck or section, as Anki draws them: answers and time per day by kind of
 * card, cards added per day, histograms of intervals, stability, difficulty and recall now, and the
 * FSRS calibration (predicted recall against what happened). Answers come from the per-day tallies
 * (review_days) and, for calibration, from the log's first answers of a day in the period; the
 * histograms read each studied card of the scope once.
 */
import { CueError } from '../../../shared/errors';
import type { CalibrationBin, Histogram, ReviewKind, ReviewsDay, StatsGraphs } from '../../../shared/stats';
import { dayNumber, dayStart, dayToIsoDate, MS_PER_DAY } from '../days';
import { KIND } from '../review-log';
import { STATE } from '../scheduler';
import type { StatsContext } from './deck-stats';
import { sectionsInScope } from './deck-stats';

export interface GraphsQuery {
  deckId: number;
  sectionId?: number;
  /** Study days back from today, today included. */
  days: number;
}

/** Day buckets as Anki's graphs group intervals and stability: a day, a few days, weeks, months, years. */
const DAY_EDGES = [0, 1, 2, 3, 7, 14, 21, 30, 60, 90, 180, 365];
const KINDS: ReviewKind[] = ['learning', 'young', 'mature', 'relearning'];
const KIND_NAMES: Record<number, ReviewKind> = {
  [KIND.learning]: 'learning',
  [KIND.young]: 'young',
  [KIND.mature]: 'mature',
  [KIND.relearning]: 'relearning',
};
const CALIBRATION_BINS = 10;

export function statsGraphs(ctx: StatsContext, query: GraphsQuery): StatsGraphs {
  const deck = ctx.db.prepare('SELECT id, name FROM decks WHERE id = ?').get(query.deckId) as
    | { id: number; name: string }
    | undefined;
  if (!deck) throw new CueError('not_found', `There is no deck ${query.deckId}.`, { deckId: query.deckId });
  const sectionIds = sectionsInScope(ctx.db, query).map((section) => section.id);
  const today = dayNumber(ctx.now, ctx.boundary);
  const first = today - query.days + 1;
  const cards = studiedCards(ctx, sectionIds);
  return {
    deck,
    sectionId: query.sectionId ?? null,
    from: dayToIsoDate(first),
    to: dayToIsoDate(today),
    reviews: reviewsPerDay(ctx, sectionIds, first, today),
    added: addedPerDay(ctx, deck.id, sectionIds, first, today),
    intervals: histogram(
      cards.filter((card) => card.state === STATE.review).map((card) => card.scheduled_days),
      dayBuckets(),
      'days',
    ),
    stability: histogram(
      cards.map((card) => card.stability),
      dayBuckets(),
      'days',
    ),
    difficulty: histogram(
      cards.map((card) => (card.difficulty - 1) / 9),
      shareBuckets(10),
      'share',
    ),
    retrievability: histogram(
      cards.map((card) => recallNow(ctx, card)),
      shareBuckets(20),
      'share',
    ),
    calibration: calibration(ctx, sectionIds, dayStart(first, ctx.boundary)),
  };
}

interface StudiedCard {
  state: number;
  scheduled_days: number;
  stability: number;
  difficulty: number;
  last_review: number | null;
}

/** Every studied card of the sections (suspended ones too, as their memory is what it is). */
function studiedCards(ctx: StatsContext, sectionIds: number[]): StudiedCard[] {
  if (sectionIds.length === 0) return [];
  return ctx.db
    .prepare(
      `SELECT state, scheduled_days, stability, difficulty, last_review FROM cards
       WHERE section_id IN (SELECT value FROM json_each(?)) AND state != ${STATE.new} AND stability > 0`,
    )
    .all(JSON.stringify(sectionIds)) as StudiedCard[];
}

function recallNow(ctx: StatsContext, card: StudiedCard): number {
  if (card.last_review === null) return 1;
  const { factor, decay } = ctx.scheduler.curve;
  const elapsedDays = Math.max(0, ctx.now - card.last_review) / MS_PER_DAY;
  return (1 + (factor * elapsedDays) / card.stability) ** decay;
}

function dayBuckets(): { from: number; to: number | null }[] {
  return DAY_EDGES.map((from, i) => ({ from, to: DAY_EDGES[i + 1] ?? null }));
}

/** `count` equal shares of 0 to 1; the last holds 1 itself. */
function shareBuckets(count: number): { from: number; to: number | null }[] {
  return Array.from({ length: count }, (_, i) => ({ from: i / count, to: (i + 1) / count }));
}

function histogram(values: number[], edges: { from: number; to: number | null }[], unit: Histogram['unit']): Histogram {
  const buckets = edges.map((edge) => ({ ...edge, cards: 0 }));
  for (const value of values) {
    const index = buckets.findIndex((bucket) => bucket.to === null || value < bucket.to);
    const bucket = buckets[index === -1 ? buckets.length - 1 : index];
    if (bucket) bucket.cards++;
  }
  return { unit, buckets, cards: values.length, median: median(values) };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] ?? null) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** Every study day of the period, with its answers by kind of card (days without answers hold zeros). */
function reviewsPerDay(ctx: StatsContext, sectionIds: number[], first: number, today: number): ReviewsDay[] {
  const zero = () => Object.fromEntries(KINDS.map((kind) => [kind, 0])) as Record<ReviewKind, number>;
  const days = Array.from({ length: today - first + 1 }, (_, i) => ({
    date: dayToIsoDate(first + i),
    count: zero(),
    timeMs: zero(),
  }));
  const rows = ctx.db
    .prepare(
      `SELECT study_day AS day, kind, sum(reviews) AS reviews, sum(duration_ms) AS ms FROM review_days
       WHERE section_id IN (SELECT value FROM json_each(?)) AND study_day BETWEEN ? AND ?
       GROUP BY study_day, kind`,
    )
    .all(JSON.stringify(sectionIds), first, today) as { day: number; kind: number; reviews: number; ms: number }[];
  for (const row of rows) {
    const day = days[row.day - first];
    const kind = KIND_NAMES[row.kind];
    if (!day || !kind) continue;
    day.count[kind] += row.reviews;
    day.timeMs[kind] += row.ms;
  }
  return days;
}

function addedPerDay(
  ctx: StatsContext,
  deckId: number,
  sectionIds: number[],
  first: number,
  today: number,
): { date: string; cards: number }[] {
  const days = Array.from({ length: today - first + 1 }, (_, i) => ({ date: dayToIsoDate(first + i), cards: 0 }));
  const created = ctx.db
    .prepare(
      `SELECT created_at FROM cards
       WHERE deck_id = ? AND section_id IN (SELECT value FROM json_each(?)) AND created_at >= ?`,
    )
    .pluck()
    .all(deckId, JSON.stringify(sectionIds), dayStart(first, ctx.boundary)) as number[];
  for (const at of created) {
    const day = days[dayNumber(at, ctx.boundary) - first];
    if (day) day.cards++;
  }
  return days;
}

/** The first answers of a day of review cards since `since`, binned by the recall predicted before them. */
function calibration(ctx: StatsContext, sectionIds: number[], since: number): CalibrationBin[] {
  const rows = ctx.db
    .prepare(
      `SELECT min(${CALIBRATION_BINS - 1}, CAST(r.retrievability * ${CALIBRATION_BINS} AS INTEGER)) AS bin,
         count(*) AS reviews, avg(r.retrievability) AS predicted, avg(r.rating > 1) AS actual
       FROM review_log r JOIN cards c ON c.id = r.card_id
       WHERE r.reviewed_at >= ? AND r.undone_at IS NULL AND r.first_of_day = 1
         AND r.kind IN (${KIND.young}, ${KIND.mature}) AND r.retrievability IS NOT NULL
         AND c.section_id IN (SELECT value FROM json_each(?))
       GROUP BY bin`,
    )
    .all(since, JSON.stringify(sectionIds)) as { bin: number; reviews: number; predicted: number; actual: number }[];
  const byBin = new Map(rows.map((row) => [row.bin, row]));
  return Array.from({ length: CALIBRATION_BINS }, (_, bin) => {
    const row = byBin.get(bin);
    return {
      from: bin / CALIBRATION_BINS,
      to: (bin + 1) / CALIBRATION_BINS,
      reviews: row?.reviews ?? 0,
      predicted: row ? row.predicted : null,
      actual: row ? row.actual : null,
    };
  });
}
