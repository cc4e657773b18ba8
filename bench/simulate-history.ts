/**
 * Studies a collection day by day through the real study queue and scheduler, with a simulated
 * learner who recalls a card with FSRS's predicted probability. Gives realistic histories for
 * screenshots and manual testing:  npm run simulate -- --data-dir DIR [--days 84] [--seed 7]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { scheduleOf } from '../electron/core/card-rows';
import { Collection } from '../electron/core/collection';
import { dayNumber, dayStart, MS_PER_HOUR } from '../electron/core/days';
import { findCard } from '../electron/core/review-log';
import type { Rating } from '../shared/domain';

/** Mulberry32: small, seeded, good enough for a simulated learner. */
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

export interface SimulationResult {
  days: number;
  studiedDays: number;
  reviews: number;
}

/** Studies the `days` days before the study day of `until`; skips about one day in eight. */
export function simulate(
  collection: Collection,
  clock: { time: number },
  options: { days: number; seed: number; until: number },
): SimulationResult {
  const { days } = options;
  const random = seededRandom(options.seed);
  const boundary = collection.boundary;
  const today = dayNumber(options.until, boundary);
  let reviews = 0;
  let studiedDays = 0;
  for (let day = today - days; day < today; day++) {
    if (random() < 0.12) continue;
    studiedDays++;
    // a morning session between 7 and 10, some evenings a second look at learning cards
    clock.time = dayStart(day, boundary) + (3 + random() * 3) * MS_PER_HOUR;
    reviews += studySession(collection, clock, random);
    if (random() < 0.3) {
      clock.time += (9 + random() * 3) * MS_PER_HOUR;
      reviews += studySession(collection, clock, random);
    }
  }
  return { days, studiedDays, reviews };
}

function studySession(collection: Collection, clock: { time: number }, random: () => number): number {
  let answered = 0;
  for (;;) {
    const { card } = collection.handlers['study.next']({ deckId: 1 });
    if (!card) return answered;
    const recall = collection.scheduler.retrievability(scheduleOf(findCard(collection.db, card.id)), clock.time);
    const remembered = random() < (recall ?? 0.55);
    const r = random();
    const rating: Rating = !remembered ? 1 : r < 0.15 ? 2 : r < 0.9 ? 3 : 4;
    const durationMs = Math.round(8000 + random() * 40000);
    clock.time += durationMs;
    collection.handlers['study.answer']({ deckId: 1, cardId: card.id, rating, durationMs });
    answered++;
  }
}

export function main(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      days: { type: 'string', default: '84' },
      seed: { type: 'string', default: '7' },
    },
  });
  const dataDir = values['data-dir'];
  if (!dataDir) {
    console.error('usage: npm run simulate -- --data-dir DIR [--days 84] [--seed 7]');
    return 1;
  }
  const days = Number(values.days);
  // the deck is loaded at the start of the simulated period, as if Cue had been installed then
  const clock = { time: Date.now() - (days + 1) * 86_400_000 };
  const collection = new Collection({
    dataDir,
    clock: () => clock.time,
    bundledDeckDir: join(process.cwd(), 'deck'),
  });
  const result = simulate(collection, clock, { days, seed: Number(values.seed), until: Date.now() });
  collection.close();
  console.log(
    `Simulated ${result.days} days (${result.studiedDays} with study, ${result.reviews} answers) in ${dataDir}.\n` +
      `Open it with: node bin/cue.mjs serve --data-dir ${dataDir}`,
  );
  return 0;
}
