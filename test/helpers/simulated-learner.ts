/**
 * A simulated learner who studies a real collection through the API: each card's TRUE memory follows
 * FSRS-6 with known parameters (not Cue's), recall is drawn from its true retrievability with a seeded
 * generator, and the learner answers Good when recalled, Again when not (a new card: Again a quarter
 * of the time). Each study day, at 10:00 UTC, the learner answers whatever the study queue offers
 * until it is empty.
 */
import {
  type Card,
  createEmptyCard,
  type FSRS,
  forgetting_curve,
  fsrs,
  type Grade,
  generatorParameters,
} from 'ts-fsrs';
import type { Collection } from '../../electron/core/collection';
import { dayStart } from '../../electron/core/days';
import { seededRandom } from '../../electron/core/simulate/workload';
import type { TestClock } from './collections';
import { KNOWN_PARAMETERS } from './fsrs-history';

const MS_PER_DAY = 86_400_000;
const STUDY_HOUR_MS = 6 * 3_600_000;

export class SimulatedLearner {
  private readonly memory = new Map<number, Card>();
  private readonly truth: FSRS;
  private readonly random: () => number;

  constructor(
    seed: number,
    private readonly parameters: number[] = KNOWN_PARAMETERS,
  ) {
    this.random = seededRandom(seed);
    this.truth = fsrs(
      generatorParameters({
        w: parameters,
        enable_fuzz: false,
        enable_short_term: true,
        learning_steps: ['1m', '10m'],
        relearning_steps: ['10m'],
      }),
    );
  }

  /** The learner's true probability of recalling the card at `now` (0 for a card never seen). */
  trueRecall(cardId: number, now: number): number {
    const card = this.memory.get(cardId);
    if (!card?.last_review || card.stability <= 0) return 0;
    const days = Math.max(0, (now - card.last_review.getTime()) / MS_PER_DAY);
    return forgetting_curve(this.parameters, days, card.stability);
  }

  /** The rating the learner gives the card at `now`; its true memory moves on with the answer. */
  answer(cardId: number, now: number): Grade {
    const card: Card = this.memory.get(cardId) ?? createEmptyCard<Card>(new Date(now));
    const recalled = card.state === 0 ? this.random() < 0.75 : this.random() < this.trueRecall(cardId, now);
    const rating: Grade = recalled ? 3 : 1;
    this.memory.set(cardId, this.truth.next(card, new Date(now), rating).card);
    return rating;
  }

  /** One study day of deck `deckId`: every card the queue offers, answered; the number of answers. */
  studyDay(collection: Collection, clock: TestClock, deckId: number, day: number): number {
    clock.set(dayStart(day, collection.boundary) + STUDY_HOUR_MS);
    let next = collection.handlers['study.next']({ deckId });
    let answers = 0;
    while (next.card) {
      const rating = this.answer(next.card.id, clock.now());
      next = collection.handlers['study.answer']({ deckId, cardId: next.card.id, rating, durationMs: 8000 }).next;
      clock.advance(8000);
      answers++;
    }
    return answers;
  }
}
