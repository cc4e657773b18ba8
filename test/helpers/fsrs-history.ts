/**
 * A synthetic review history drawn from KNOWN FSRS-6 parameters, as an Anki package Cue imports: a
 * learner who studies new cards with learning steps (1m 10m) on their first day, reviews on the due
 * day (sometimes a day early, often a few days late), forgets as the known parameters predict
 * (recall probability from FSRS-6's forgetting curve), relearns lapses the same day (10m), and
 * grades a recalled card Hard, Good or Easy. Seeded, so the same seed gives the same package.
 */
import { type Card, createEmptyCard, fsrs, type Grade, generatorParameters } from 'ts-fsrs';
import { buildPackage, CollectionBuilder, type CollectionSpec, STOCK } from './anki-packages';

/** The learner's true parameters: far enough from FSRS-6's defaults that a fit has something to find. */
export const KNOWN_PARAMETERS = [
  0.4, 0.9, 3.2, 12.0, 6.8, 0.6, 2.2, 0.02, 1.6, 0.12, 0.9, 1.8, 0.08, 0.35, 1.9, 0.3, 2.6, 0.6, 0.25, 0.1, 0.3,
];

const MS_PER_DAY = 86_400_000;
const MS_PER_MINUTE = 60_000;
/** The collection the package is imported into starts its day at 4 am UTC; answers fall 9:00-21:00 UTC. */
const ROLLOVER_MS = 4 * 3_600_000;
/** 2025-01-06, a Monday: the first study day. */
const FIRST_DAY = Date.UTC(2025, 0, 6) / MS_PER_DAY;

export interface SyntheticOptions {
  seed?: number;
  cards?: number;
  newPerDay?: number;
  days?: number;
  parameters?: number[];
  /** Every n-th card goes into a second deck, "Held back", to test a fit on cards it never saw. */
  heldBackEvery?: number;
}

/** mulberry32 */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FSRS-6's probability of recall after `days` whole days at stability `stability`. */
export function recallProbability(parameters: number[], days: number, stability: number): number {
  const decay = parameters[20];
  const factor = 0.9 ** (-1 / decay) - 1;
  return (1 + (factor * days) / stability) ** -decay;
}

export interface SyntheticAnswer {
  /** Real moment (ms); its study day in UTC with a 4 am day start is `day`. */
  at: number;
  day: number;
  rating: Grade;
  /** Anki's revlog type: 0 learning, 1 review, 2 relearning. */
  type: 0 | 1 | 2;
}

/** Each card's answers, oldest first. */
export function syntheticAnswers(options: SyntheticOptions = {}): SyntheticAnswer[][] {
  const { seed = 11, cards = 1080, newPerDay = 20, days = 365, parameters = KNOWN_PARAMETERS } = options;
  const random = randomFrom(seed);
  const scheduler = fsrs(
    generatorParameters({
      w: parameters,
      request_retention: 0.9,
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: ['1m', '10m'],
      relearning_steps: ['10m'],
      maximum_interval: 36500,
    }),
  );
  const pick = <T>(choices: [number, T][]): T => {
    let roll = random();
    for (const [weight, value] of choices) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return choices[choices.length - 1][1];
  };
  // same-day answers: the short-term memory is good; the forgetting curve is about days
  const sameDayGrade = (): Grade =>
    pick<Grade>([
      [0.12, 1],
      [0.08, 2],
      [0.72, 3],
      [0.08, 4],
    ]);
  const recalledGrade = (): Grade =>
    pick<Grade>([
      [0.12, 2],
      [0.8, 3],
      [0.08, 4],
    ]);
  const lateness = (): number =>
    pick([
      [0.08, -1],
      [0.6, 0],
      [0.15, 1],
      [0.1, 2],
      [0.05, 5],
      [0.02, 14],
    ]);

  const all: SyntheticAnswer[][] = [];
  for (let index = 0; index < cards; index++) {
    const firstDay = FIRST_DAY + Math.floor(index / newPerDay);
    // study time: each study day starts at 00:00 UTC on this timeline (real time minus the 4 am start)
    let now = firstDay * MS_PER_DAY + (5 + Math.floor(random() * 10)) * 3_600_000 + Math.floor(random() * 3_600_000);
    let card: Card = createEmptyCard(new Date(now));
    const answers: SyntheticAnswer[] = [];
    const lastDay = FIRST_DAY + days;
    while (Math.floor(now / MS_PER_DAY) < lastDay) {
      const day = Math.floor(now / MS_PER_DAY);
      const lastDayReviewed = card.last_review ? Math.floor(card.last_review.getTime() / MS_PER_DAY) : null;
      const elapsed = lastDayReviewed === null ? 0 : day - lastDayReviewed;
      let rating: Grade;
      if (card.state === 0)
        rating = pick<Grade>([
          [0.25, 1],
          [0.1, 2],
          [0.55, 3],
          [0.1, 4],
        ]);
      else if (elapsed === 0) rating = sameDayGrade();
      else rating = random() < recallProbability(parameters, elapsed, card.stability) ? recalledGrade() : 1;
      const type = card.state === 0 || card.state === 1 ? 0 : card.state === 3 ? 2 : 1;
      answers.push({ at: now + ROLLOVER_MS, day, rating, type });
      card = scheduler.next(card, new Date(now), rating).card;
      const due = card.due.getTime();
      if (due - now < MS_PER_DAY / 2 && Math.floor(due / MS_PER_DAY) === day) {
        // a learning step: later the same study day (a minute or two after it is due)
        now = due + Math.floor(random() * 2 * MS_PER_MINUTE);
      } else {
        const dueDay = Math.max(day + 1, Math.floor(due / MS_PER_DAY) + lateness());
        now = dueDay * MS_PER_DAY + (5 + Math.floor(random() * 12)) * 3_600_000 + Math.floor(random() * 3_600_000);
      }
    }
    all.push(answers);
  }
  return all;
}

/** The history as an Anki collection: one Basic note per card in a deck "Synthetic", with its revlog. */
export function syntheticCollection(options: SyntheticOptions = {}): { spec: CollectionSpec; reviews: number } {
  const builder = new CollectionBuilder();
  const deck = builder.deck('Synthetic');
  const heldBack = options.heldBackEvery ? builder.deck('Held back') : deck;
  let reviews = 0;
  const ids = new Set<number>();
  syntheticAnswers(options).forEach((answers, index) => {
    const { cardIds } = builder.note(STOCK.basic(), [`Question ${index + 1}`, `Answer ${index + 1}`], {
      deck: options.heldBackEvery && index % options.heldBackEvery === 0 ? heldBack : deck,
      card: () => ({ type: 2, queue: 2 }),
    });
    for (const answer of answers) {
      // revlog ids are the moments of the answers, and unique
      let id = answer.at;
      while (ids.has(id)) id++;
      ids.add(id);
      builder.review(cardIds[0], id, answer.rating, { type: answer.type, timeMs: 8000 });
      reviews++;
    }
  });
  return { spec: builder.spec, reviews };
}

/** The history as an .apkg file's bytes. */
export function syntheticPackage(options: SyntheticOptions = {}): { apkg: Uint8Array; reviews: number } {
  const { spec, reviews } = syntheticCollection(options);
  return { apkg: buildPackage({ layout: 'legacy2', collection: spec }), reviews };
}
