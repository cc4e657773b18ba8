/**
 * The workload simulation for a preset as the collection holds it: the cards of every deck using the
 * preset (suspended ones left out), the time the person's own answers took (Anki's figures where the
 * history is too thin), and the preset's options, or options tried without saving them.
 */
import { default_w } from 'ts-fsrs';
import { CueError } from '../../../shared/errors';
import { type PresetOptions, parseSteps, presetOptionsSchema } from '../../../shared/presets';
import { DEFAULT_SIMULATED_DAYS, SIMULATED_RETENTIONS, type Simulation } from '../../../shared/simulate';
import type { Db } from '../database';
import { type DayBoundary, dayNumber } from '../days';
import { getPreset } from '../presets';
import { KIND } from '../review-log';
import { STATE } from '../scheduler';
import {
  ANKI_COSTS,
  ANKI_FIRST_RATING_ODDS,
  ANKI_RECALL_RATING_ODDS,
  type AnswerCosts,
  bestRetention,
  type StartCard,
  simulateWorkloadInTurns,
} from './workload';

/** Fewer answers of a kind and rating than this, and Anki's figure stands in for the person's. */
const MIN_ANSWERS_FOR_COST = 10;
/** Fewer recalled reviews than this, and Anki's split of Hard / Good / Easy stands in. */
const MIN_ANSWERS_FOR_ODDS = 50;
/** The same seed for every call: the same collection and options give the same figures. */
const SEED = 42;

export interface SimulateRequest {
  deckId: number;
  days?: number;
  retentions?: number[];
  options?: Partial<PresetOptions>;
}

export interface PresetCards {
  start: StartCard[];
  newCards: number;
}

/** The cards of the preset's decks, as the simulation starts from them. */
export function presetCards(db: Db, presetId: number, boundary: DayBoundary, now: number): PresetCards {
  const rows = db
    .prepare(
      `SELECT c.state, c.due, c.stability, c.difficulty, c.last_review AS lastReview
       FROM cards c JOIN decks d ON d.id = c.deck_id
       WHERE d.preset_id = ? AND c.suspended = 0
       ORDER BY c.due, c.id`,
    )
    .raw()
    .all(presetId) as [number, number, number, number, number | null][];
  const today = dayNumber(now, boundary);
  const start: StartCard[] = [];
  let newCards = 0;
  for (const [state, due, stability, difficulty, lastReview] of rows) {
    // a card without a memory state (never answered, or reset) is learnt from scratch
    if (state === STATE.new || lastReview === null || stability <= 0 || difficulty <= 0) {
      newCards++;
      continue;
    }
    start.push({
      stability,
      difficulty,
      lastDay: Math.min(0, dayNumber(lastReview, boundary) - today),
      dueDay: Math.max(0, dayNumber(due, boundary) - today),
    });
  }
  return { start, newCards };
}

type Four = [number, number, number, number];

/** Seconds per answer by state and rating from the review history of the preset's decks. */
export function answerCosts(db: Db, presetId: number): { costs: AnswerCosts; recallOdds: [number, number, number] } {
  const rows = db
    .prepare(
      `SELECT kind, rating, sum(reviews) AS reviews, sum(duration_ms) AS ms FROM review_days
       WHERE section_id IN (SELECT s.id FROM sections s JOIN decks d ON d.id = s.deck_id WHERE d.preset_id = ?)
       GROUP BY kind, rating`,
    )
    .all(presetId) as { kind: number; rating: number; reviews: number; ms: number }[];
  const totals = { learning: [0, 0, 0, 0], review: [0, 0, 0, 0], relearning: [0, 0, 0, 0] };
  const times = { learning: [0, 0, 0, 0], review: [0, 0, 0, 0], relearning: [0, 0, 0, 0] };
  for (const row of rows) {
    const state =
      row.kind === KIND.learning ? 'learning' : row.kind === KIND.relearning ? 'relearning' : ('review' as const);
    totals[state][row.rating - 1] += row.reviews;
    times[state][row.rating - 1] += row.ms;
  }
  const costsOf = (state: keyof AnswerCosts): Four =>
    ANKI_COSTS[state].map((anki, i) =>
      totals[state][i] >= MIN_ANSWERS_FOR_COST ? times[state][i] / totals[state][i] / 1000 : anki,
    ) as Four;
  const recalled = totals.review.slice(1);
  const recalledCount = recalled.reduce((a, b) => a + b, 0);
  const recallOdds =
    recalledCount >= MIN_ANSWERS_FOR_ODDS
      ? (recalled.map((n) => n / recalledCount) as [number, number, number])
      : ([...ANKI_RECALL_RATING_ODDS] as [number, number, number]);
  return {
    costs: { learning: costsOf('learning'), review: costsOf('review'), relearning: costsOf('relearning') },
    recallOdds,
  };
}

/** The preset's options with the ones being tried over them, checked whole. */
export function optionsWith(saved: PresetOptions, tried: Partial<PresetOptions> | undefined): PresetOptions {
  const parsed = presetOptionsSchema.safeParse({ ...saved, ...tried });
  if (!parsed.success) {
    throw new CueError('invalid_input', parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  return parsed.data;
}

function stepCount(text: string): number {
  const parsed = parseSteps(text);
  return 'steps' in parsed ? parsed.steps.length : 0;
}

/** The preset a deck uses. */
export function presetOfDeck(db: Db, deckId: number): number {
  const presetId = db.prepare('SELECT preset_id FROM decks WHERE id = ?').pluck().get(deckId) as number | undefined;
  if (presetId === undefined) throw new CueError('not_found', `There is no deck ${deckId}.`, { deckId });
  return presetId;
}

/**
 * Reads what it needs from the collection at once, then simulates in turns (other calls run between
 * two retentions), so the collection may change meanwhile without changing the figures.
 */
export async function simulatePreset(
  db: Db,
  boundary: DayBoundary,
  now: number,
  request: SimulateRequest,
): Promise<Simulation> {
  const presetId = presetOfDeck(db, request.deckId);
  const options = optionsWith(getPreset(db, presetId).options, request.options);
  const days = request.days ?? DEFAULT_SIMULATED_DAYS;
  const retentions = [...new Set(request.retentions ?? SIMULATED_RETENTIONS)].sort((a, b) => a - b);
  const { start, newCards } = presetCards(db, presetId, boundary, now);
  const { costs, recallOdds } = answerCosts(db, presetId);
  const rows = await simulateWorkloadInTurns(
    start,
    newCards,
    {
      weights: options.fsrsParameters ?? default_w,
      days,
      newPerDay: options.newPerDay,
      reviewsPerDay: options.reviewsPerDay,
      newIgnoresReviewLimit: options.newIgnoresReviewLimit,
      maximumInterval: options.maximumInterval,
      learningStepCount: stepCount(options.learningSteps),
      relearningStepCount: stepCount(options.relearningSteps),
      costs,
      firstRatingOdds: ANKI_FIRST_RATING_ODDS,
      recallRatingOdds: recallOdds,
      seed: SEED,
    },
    retentions,
  );
  const current = options.desiredRetention;
  return { presetId, days, current, best: bestRetention(rows, current), rows };
}
