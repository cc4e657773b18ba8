/**
 * Workload simulation: for each desired retention, the next N days of study under a preset's limits,
 * with FSRS-6 as the memory model (ts-fsrs's own formulas, with the preset's parameters). Cards already
 * studied start from their memory state and due day; new cards come in at the preset's daily limit.
 * Recall is drawn from retrievability with a seeded generator, so the same input gives the same figures.
 *
 * Same-day learning and relearning steps are approximated as Anki's simulator (fsrs-rs) does: after
 * the first answer of a session, further answers follow a rating-to-rating transition table until the
 * card has passed as many steps as the preset has, each changing stability by FSRS's short-term rule.
 * Plain functions and typed arrays: 30 retentions over 365 days of 10,000 cards is millions of answers.
 */
import { FSRSAlgorithm, generatorParameters } from 'ts-fsrs';

/** A studied card at the start: its memory state, when it was last answered and when it is due (days from today). */
export interface StartCard {
  stability: number;
  difficulty: number;
  /** Study day of the last answer, relative to today (0 or less). */
  lastDay: number;
  /** Study day it falls due, relative to today; overdue cards are due today (0). */
  dueDay: number;
}

/** Seconds an answer takes, by rating (Again, Hard, Good, Easy), for a card in each state. */
export interface AnswerCosts {
  learning: readonly [number, number, number, number];
  review: readonly [number, number, number, number];
  relearning: readonly [number, number, number, number];
}

export interface WorkloadSettings {
  /** FSRS-6's 21 parameters. */
  weights: readonly number[];
  days: number;
  newPerDay: number;
  reviewsPerDay: number;
  /** New cards do not count against the review limit. */
  newIgnoresReviewLimit: boolean;
  maximumInterval: number;
  learningStepCount: number;
  relearningStepCount: number;
  costs: AnswerCosts;
  /** How likely a new card's first answer is Again, Hard, Good, Easy. */
  firstRatingOdds: readonly [number, number, number, number];
  /** How likely a recalled review card is answered Hard, Good, Easy. */
  recallRatingOdds: readonly [number, number, number];
  seed: number;
}

export interface WorkloadRow {
  retention: number;
  /** Cards answered a day (reviews and new cards), the mean over the period. */
  reviewsPerDay: number;
  /** Minutes of study a day, the mean over the period. */
  minutesPerDay: number;
  /** Expected number of cards recalled at the end: retrievability summed over every card studied by then. */
  remembered: number;
}

/** Anki's defaults (fsrs-rs SimulatorConfig), used where the person's history says nothing. */
export const ANKI_COSTS: AnswerCosts = {
  learning: [19.58, 18.79, 13.78, 10.71],
  review: [19.38, 17.59, 12.38, 8.94],
  relearning: [16.44, 15.25, 12.32, 8.03],
};
export const ANKI_FIRST_RATING_ODDS = [0.24, 0.094, 0.495, 0.171] as const;
export const ANKI_RECALL_RATING_ODDS = [0.224, 0.631, 0.145] as const;
/** Row: the previous answer in the session (Again, Hard, Good); columns: the next (Again … Easy). */
const LEARNING_TRANSITIONS = [
  [0.3686, 0.0628, 0.5108, 0.0577],
  [0.0442, 0.4553, 0.4457, 0.0549],
  [0.0519, 0.047, 0.8462, 0.055],
] as const;
const RELEARNING_TRANSITIONS = [
  [0.2157, 0.0643, 0.6595, 0.0604],
  [0.05, 0.4638, 0.4475, 0.0387],
  [0.1057, 0.1434, 0.7266, 0.0244],
] as const;
/** A same-day session ends after this many further answers whatever happens (as fsrs-rs). */
const MAX_SESSION_ANSWERS = 5;

/** Mulberry32: small, fast and seeded. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An index drawn with the given odds (which need not sum to 1). */
function draw(odds: readonly number[], random: () => number): number {
  let total = 0;
  for (const odd of odds) total += odd;
  let x = random() * total;
  for (let i = 0; i < odds.length - 1; i++) {
    x -= odds[i];
    if (x < 0) return i;
  }
  return odds.length - 1;
}

/**
 * FSRS's model with the preset's parameters, clipped as the scheduler clips them (the bounds of w17
 * and w18 depend on how many relearning steps there are), and the forgetting curve's constants.
 */
export function memoryModel(weights: readonly number[], relearningStepCount = 1) {
  const algorithm = new FSRSAlgorithm(
    generatorParameters({
      w: [...weights],
      enable_short_term: true,
      enable_fuzz: false,
      // only their number matters to the model
      relearning_steps: Array.from({ length: relearningStepCount }, () => '10m' as const),
    }),
  );
  const w = algorithm.parameters.w;
  const decay = -w[20];
  const factor = 0.9 ** (1 / decay) - 1;
  return {
    algorithm,
    w,
    decay,
    factor,
    /** R(t, S), as ts-fsrs's forgetting_curve computes it (without its rounding to 8 places). */
    recall: (elapsedDays: number, stability: number) => (1 + (factor * elapsedDays) / stability) ** decay,
  };
}

type Model = ReturnType<typeof memoryModel>;

interface SessionResult {
  stability: number;
  difficulty: number;
  seconds: number;
}

/**
 * The rest of a same-day session after its first answer (`first`, 1-4; null when a lapse starts it):
 * answers drawn from the transition table until `steps` steps are passed in a row, or Easy.
 */
function session(
  model: Model,
  stability: number,
  difficulty: number,
  first: number | null,
  costs: readonly number[],
  transitions: readonly (readonly number[])[],
  steps: number,
  random: () => number,
): SessionResult {
  let rating = first ?? 1;
  let seconds = first === null ? 0 : costs[rating - 1];
  let s = stability;
  let d = difficulty;
  let passed = 0;
  const needed = rating > 2 ? Math.max(0, steps - 1) : steps;
  for (let i = 0; i < MAX_SESSION_ANSWERS && passed < needed && rating < 4; i++) {
    rating = draw(transitions[rating - 1], random) + 1;
    s = model.algorithm.next_short_term_stability(s, rating);
    d = model.algorithm.next_difficulty(d, rating as 1 | 2 | 3 | 4);
    seconds += costs[rating - 1];
    if (rating > 2) passed++;
    else if (rating === 1) passed = 0;
  }
  return { stability: s, difficulty: d, seconds };
}

/** One run of the whole period at one desired retention. */
function simulateOnce(
  model: Model,
  start: readonly StartCard[],
  newCards: number,
  settings: WorkloadSettings,
  retention: number,
  random: () => number,
): { answers: number; seconds: number; remembered: number } {
  const { days, costs } = settings;
  const { algorithm } = model;
  const total = start.length + newCards;
  const stability = new Float64Array(total);
  const difficulty = new Float64Array(total);
  const lastDay = new Int32Array(total);
  // cards due on each day, as linked lists (head per day, next per card), in the order they fell due
  const head = new Int32Array(days).fill(-1);
  const tail = new Int32Array(days).fill(-1);
  const next = new Int32Array(total).fill(-1);
  const schedule = (card: number, day: number) => {
    if (day >= days) return;
    next[card] = -1;
    if (tail[day] < 0) head[day] = card;
    else next[tail[day]] = card;
    tail[day] = card;
  };
  for (let i = 0; i < start.length; i++) {
    stability[i] = start[i].stability;
    difficulty[i] = start[i].difficulty;
    lastDay[i] = start[i].lastDay;
    schedule(i, Math.max(0, start[i].dueDay));
  }
  const modifier = intervalModifier(model, retention);
  const shortTermCap = Math.exp(model.w[17] * model.w[18]);
  // cards due but not reached because of the review limit wait here, oldest first
  const waiting = new Int32Array(total + 1);
  let waitHead = 0;
  let waitCount = 0;
  let introduced = start.length;
  let answers = 0;
  let seconds = 0;
  const reschedule = (card: number, day: number) => {
    const interval = Math.min(Math.max(1, Math.round(stability[card] * modifier)), settings.maximumInterval);
    lastDay[card] = day;
    schedule(card, day + interval);
  };
  for (let day = 0; day < days; day++) {
    for (let card = head[day]; card >= 0; card = next[card]) {
      waiting[(waitHead + waitCount) % waiting.length] = card;
      waitCount++;
    }
    let reviewed = 0;
    while (waitCount > 0 && reviewed < settings.reviewsPerDay) {
      const card = waiting[waitHead];
      waitHead = (waitHead + 1) % waiting.length;
      waitCount--;
      reviewed++;
      const s = stability[card];
      const d = difficulty[card];
      const r = model.recall(day - lastDay[card], s);
      if (random() < r) {
        const rating = (draw(settings.recallRatingOdds, random) + 2) as 2 | 3 | 4;
        stability[card] = algorithm.next_recall_stability(d, s, r, rating);
        difficulty[card] = algorithm.next_difficulty(d, rating);
        seconds += costs.review[rating - 1];
      } else {
        const lapsed = Math.min(algorithm.next_forget_stability(d, s, r), s / shortTermCap);
        const relearnt = session(
          model,
          lapsed,
          algorithm.next_difficulty(d, 1),
          null,
          costs.relearning,
          RELEARNING_TRANSITIONS,
          settings.relearningStepCount,
          random,
        );
        stability[card] = relearnt.stability;
        difficulty[card] = relearnt.difficulty;
        seconds += costs.review[0] + relearnt.seconds;
      }
      reschedule(card, day);
    }
    const room = settings.newIgnoresReviewLimit ? Infinity : settings.reviewsPerDay - reviewed;
    const learning = Math.max(0, Math.min(settings.newPerDay, total - introduced, room));
    for (let i = 0; i < learning; i++) {
      const card = introduced++;
      const first = draw(settings.firstRatingOdds, random) + 1;
      const learnt = session(
        model,
        algorithm.init_stability(first),
        Math.min(Math.max(algorithm.init_difficulty(first), 1), 10),
        first,
        costs.learning,
        LEARNING_TRANSITIONS,
        settings.learningStepCount,
        random,
      );
      stability[card] = learnt.stability;
      difficulty[card] = learnt.difficulty;
      seconds += learnt.seconds;
      reschedule(card, day);
    }
    answers += reviewed + learning;
  }
  let remembered = 0;
  for (let card = 0; card < introduced; card++) remembered += model.recall(days - lastDay[card], stability[card]);
  return { answers, seconds, remembered };
}

/** Days per unit of stability at a desired retention, rounded as ts-fsrs rounds it. */
function intervalModifier(model: Model, retention: number): number {
  return Math.round(((retention ** (1 / model.decay) - 1) / model.factor) * 1e8) / 1e8;
}

/** Small collections are run several times (with other seeds) and averaged, so one lucky draw does not decide. */
const CARDS_PER_ESTIMATE = 2000;
const MAX_RUNS = 16;

/** The simulation at each desired retention: the same cards, limits and seeds for every one. */
export function simulateWorkload(
  start: readonly StartCard[],
  newCards: number,
  settings: WorkloadSettings,
  retentions: readonly number[],
): WorkloadRow[] {
  const model = memoryModel(settings.weights, settings.relearningStepCount);
  const cards = start.length + newCards;
  const runs = Math.min(MAX_RUNS, Math.max(1, Math.ceil(CARDS_PER_ESTIMATE / Math.max(1, cards))));
  return retentions.map((retention) => {
    let answers = 0;
    let seconds = 0;
    let remembered = 0;
    for (let run = 0; run < runs; run++) {
      const result = simulateOnce(model, start, newCards, settings, retention, seededRandom(settings.seed + run));
      answers += result.answers;
      seconds += result.seconds;
      remembered += result.remembered;
    }
    return {
      retention,
      reviewsPerDay: answers / runs / settings.days,
      minutesPerDay: seconds / runs / settings.days / 60,
      remembered: remembered / runs,
    };
  });
}

/** Lets whatever else is waiting (an answer, a page's request) run between two retentions. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `simulateWorkload` one retention at a time, yielding between them: on 10,000 cards the whole takes
 * about a second, which would otherwise hold up every other call to the collection meanwhile.
 */
export async function simulateWorkloadInTurns(
  start: readonly StartCard[],
  newCards: number,
  settings: WorkloadSettings,
  retentions: readonly number[],
): Promise<WorkloadRow[]> {
  const rows: WorkloadRow[] = [];
  for (const retention of retentions) {
    rows.push(...simulateWorkload(start, newCards, settings, [retention]));
    await nextTurn();
  }
  return rows;
}

/** The retention that keeps the most cards in memory per minute of study; `fallback` when nothing is studied. */
export function bestRetention(rows: readonly WorkloadRow[], fallback: number): number {
  let best = fallback;
  let bestRate = 0;
  for (const row of rows) {
    if (row.minutesPerDay <= 0) continue;
    const rate = row.remembered / row.minutesPerDay;
    if (rate > bestRate) {
      bestRate = rate;
      best = row.retention;
    }
  }
  return best;
}
