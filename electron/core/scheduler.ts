/**
 * Cue's FSRS wiring: ts-fsrs (FSRS-6) with Cue's study days, learning steps and per-card fuzz seeds.
 * Everything scheduling-related goes through here so previews, answers and replays agree.
 */
import {
  type AbstractScheduler,
  type FSRS,
  type Card as FsrsCard,
  forgetting_curve,
  fsrs,
  type Grade,
  generatorParameters,
  type StepUnit,
  StrategyMode,
} from 'ts-fsrs';
import type { CardState, Rating } from '../../shared/domain';
import { type DayBoundary, dayNumber, dayStart, MS_PER_DAY, toStudyTime } from './days';

/** FSRS's State enum values, as stored in the database. */
export const STATE = { new: 0, learning: 1, review: 2, relearning: 3 } as const;
export type StateCode = (typeof STATE)[keyof typeof STATE];
export const STATE_NAMES: Record<StateCode, CardState> = {
  0: 'new',
  1: 'learning',
  2: 'review',
  3: 'relearning',
};

/** A card's scheduling state, as stored in `cards` and in the review log's before/after columns. */
export interface Schedule {
  state: StateCode;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
}

export interface SchedulerSettings {
  boundary: DayBoundary;
  desiredRetention: number;
  learningSteps: readonly StepUnit[];
  relearningSteps: readonly StepUnit[];
  maximumInterval: number;
  fuzz: boolean;
  /** FSRS-6 weights; the defaults when absent. */
  weights?: readonly number[];
}

export const DEFAULT_SCHEDULER_SETTINGS: Omit<SchedulerSettings, 'boundary'> = {
  desiredRetention: 0.9,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumInterval: 36500,
  fuzz: true,
};

export function newSchedule(due: number): Schedule {
  return {
    state: STATE.new,
    due,
    stability: 0,
    difficulty: 0,
    elapsedDays: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
  };
}

type SeededCard = FsrsCard & { cardId: number };

/** FSRS's memory of a card: stability in days, difficulty 1-10. */
export interface Memory {
  stability: number;
  difficulty: number;
}

/** Fuzz depends on the card and how often it was answered, never on the moment: previews match answers. */
function cardSeed(this: AbstractScheduler): string {
  const card = this.current as SeededCard;
  return `${card.cardId}:${card.reps}`;
}

/** FSRS's default desired retention: what every answer logged before the setting existed used. */
export const DEFAULT_DESIRED_RETENTION = 0.9;

/**
 * What an answer was scheduled with, as the review log records it (schedule_configs): everything that
 * decides the outcome, so a replay gives it again whatever is changed later.
 */
export interface ScheduleConfig {
  desiredRetention: number;
  /** null: FSRS-6's defaults. */
  weights: number[] | null;
  learningSteps: string[];
  relearningSteps: string[];
  maximumInterval: number;
  fuzz: boolean;
  timeZone: string;
  rolloverHour: number;
}

export function configOf(settings: SchedulerSettings): ScheduleConfig {
  return {
    desiredRetention: settings.desiredRetention,
    weights: settings.weights ? [...settings.weights] : null,
    learningSteps: [...settings.learningSteps],
    relearningSteps: [...settings.relearningSteps],
    maximumInterval: settings.maximumInterval,
    fuzz: settings.fuzz,
    timeZone: settings.boundary.timeZone,
    rolloverHour: settings.boundary.rolloverHour,
  };
}

export function settingsOf(config: ScheduleConfig): SchedulerSettings {
  return {
    boundary: { timeZone: config.timeZone, rolloverHour: config.rolloverHour },
    desiredRetention: config.desiredRetention,
    learningSteps: config.learningSteps as StepUnit[],
    relearningSteps: config.relearningSteps as StepUnit[],
    maximumInterval: config.maximumInterval,
    fuzz: config.fuzz,
    ...(config.weights ? { weights: config.weights } : {}),
  };
}

/** The same settings always give the same scheduler: one instance each, shared. */
const schedulers = new Map<string, Scheduler>();

export class Scheduler {
  /** The scheduler for these settings (made once, then shared: a scheduler is a pure function of them). */
  static for(settings: SchedulerSettings): Scheduler {
    const key = JSON.stringify(configOf(settings));
    let scheduler = schedulers.get(key);
    if (!scheduler) {
      scheduler = new Scheduler(settings);
      schedulers.set(key, scheduler);
    }
    return scheduler;
  }

  readonly settings: SchedulerSettings;
  private fsrs: FSRS;
  /** One FSRS instance per desired retention used, for replaying answers made at other settings. */
  private readonly byRetention = new Map<number, FSRS>();

  constructor(settings: SchedulerSettings) {
    this.settings = { ...settings };
    this.fsrs = this.fsrsFor(settings.desiredRetention);
  }

  private fsrsFor(retention: number): FSRS {
    let instance = this.byRetention.get(retention);
    if (!instance) {
      const { settings } = this;
      instance = fsrs(
        generatorParameters({
          request_retention: retention,
          maximum_interval: settings.maximumInterval,
          enable_fuzz: settings.fuzz,
          enable_short_term: true,
          learning_steps: [...settings.learningSteps],
          relearning_steps: [...settings.relearningSteps],
          ...(settings.weights ? { w: [...settings.weights] } : {}),
        }),
      ).useStrategy(StrategyMode.SEED, cardSeed);
      this.byRetention.set(retention, instance);
    }
    return instance;
  }

  /**
   * The state after answering `rating` at `now`, at the desired retention set now, or at `retention`
   * (replaying an answer made at another setting).
   */
  answer(cardId: number, schedule: Schedule, now: number, rating: Rating, retention?: number): Schedule {
    const scheduler = retention === undefined ? this.fsrs : this.fsrsFor(retention);
    const result = scheduler.next(
      this.toFsrs(cardId, schedule),
      toStudyTime(now, this.settings.boundary),
      rating as Grade,
    );
    return this.fromFsrs(result.card, now);
  }

  /** The state each of the four answers would give, computed exactly as `answer` would. */
  preview(cardId: number, schedule: Schedule, now: number): Record<Rating, Schedule> {
    const preview = this.fsrs.repeat(this.toFsrs(cardId, schedule), toStudyTime(now, this.settings.boundary));
    return {
      1: this.fromFsrs(preview[1].card, now),
      2: this.fromFsrs(preview[2].card, now),
      3: this.fromFsrs(preview[3].card, now),
      4: this.fromFsrs(preview[4].card, now),
    };
  }

  /**
   * FSRS's probability of recall at `now`. Elapsed time counts in fractional days, so the figure falls
   * smoothly through the day rather than in steps at the day boundary.
   */
  retrievability(schedule: Schedule, now: number): number | null {
    if (schedule.state === STATE.new || schedule.lastReview === null || schedule.stability <= 0) return null;
    return this.recall(schedule.stability, Math.max(0, (now - schedule.lastReview) / MS_PER_DAY));
  }

  /** The forgetting curve R(t, S), t in days. */
  recall(stability: number, elapsedDays: number): number {
    return forgetting_curve(this.fsrs.parameters.w, elapsedDays, stability);
  }

  /** R(t, S) = (1 + factor * t / S) ^ decay (decay < 0): the constants, for recall in bulk or in SQL. */
  get curve(): { decay: number; factor: number } {
    const decay = -this.fsrs.parameters.w[20];
    return { decay, factor: 0.9 ** (1 / decay) - 1 };
  }

  /**
   * The days until a review card with memory `stability` falls due at the desired retention, within the
   * maximum interval and without fuzz: for a memory state that comes from outside an answer (an import).
   */
  intervalFor(stability: number): number {
    const modifier = this.fsrs.calculate_interval_modifier(this.settings.desiredRetention);
    return Math.min(Math.max(1, Math.round(stability * modifier)), this.settings.maximumInterval);
  }

  /**
   * A memory state for a card studied elsewhere whose history did not come along: a learning card's as
   * after a first Good; a review or relearning card's from its interval and SM-2 ease as Anki converts
   * them (fsrs-rs memory_state_from_sm2 at SM-2's 90% retention, where stability is the interval).
   */
  memoryWithoutHistory(state: StateCode, intervalDays: number, ease: number | null): Memory {
    const clampD = (d: number) => Math.min(10, Math.max(1, d));
    if (state === STATE.learning || !(intervalDays > 0)) {
      return { stability: this.fsrs.init_stability(3), difficulty: clampD(this.fsrs.init_difficulty(3)) };
    }
    const w = this.fsrs.parameters.w;
    const stability = intervalDays;
    const growth = Math.exp(w[8]) * stability ** -w[9] * Math.expm1((1 - 0.9) * w[10]);
    return { stability, difficulty: clampD(11 - ((ease ?? 2.5) - 1) / growth) };
  }

  /**
   * The step index a (re)learning card with `stepsLeft` steps still to go is on, in these options' steps.
   */
  stepIndex(state: StateCode, stepsLeft: number): number {
    if (state !== STATE.learning && state !== STATE.relearning) return 0;
    const steps = state === STATE.relearning ? this.settings.relearningSteps : this.settings.learningSteps;
    if (steps.length === 0) return 0;
    return Math.min(steps.length - 1, Math.max(0, steps.length - stepsLeft));
  }

  /**
   * The card's learning step, within the steps there are now: after the steps were shortened, a card on
   * a step that no longer exists goes on from the last one (as Anki does), rather than graduating on Again.
   */
  private stepWithin(s: Schedule): number {
    const steps = s.state === STATE.relearning ? this.settings.relearningSteps : this.settings.learningSteps;
    const learning = s.state === STATE.learning || s.state === STATE.relearning;
    return learning && steps.length > 0 ? Math.min(s.learningSteps, steps.length - 1) : s.learningSteps;
  }

  private toFsrs(cardId: number, s: Schedule): SeededCard {
    const { boundary } = this.settings;
    return {
      cardId,
      due: new Date(toStudyTime(s.due, boundary)),
      stability: s.stability,
      difficulty: s.difficulty,
      elapsed_days: s.elapsedDays,
      scheduled_days: s.scheduledDays,
      learning_steps: this.stepWithin(s),
      reps: s.reps,
      lapses: s.lapses,
      state: s.state,
      last_review: s.lastReview === null ? undefined : new Date(toStudyTime(s.lastReview, boundary)),
    };
  }

  private fromFsrs(card: FsrsCard, now: number): Schedule {
    const { boundary } = this.settings;
    const studyNow = toStudyTime(now, boundary);
    const state = card.state as StateCode;
    // Review cards fall due when their day begins; (re)learning steps count minutes from now.
    const due =
      state === STATE.review
        ? dayStart(dayNumber(now, boundary) + card.scheduled_days, boundary)
        : now + (card.due.getTime() - studyNow);
    return {
      state,
      due,
      stability: card.stability,
      difficulty: card.difficulty,
      elapsedDays: card.elapsed_days,
      scheduledDays: card.scheduled_days,
      learningSteps: card.learning_steps,
      reps: card.reps,
      lapses: card.lapses,
      lastReview: now,
    };
  }
}

/** Anki-style interval label: "<1m", "10m", "3h", "4d", "1.5mo", "2.1y". */
export function intervalLabel(fromMs: number, toMs: number, days?: number): string {
  const minutes = (toMs - fromMs) / 60_000;
  if (days === undefined || days < 1) {
    if (minutes < 1) return '<1m';
    if (minutes < 60) return `${Math.round(minutes)}m`;
    const hours = minutes / 60;
    if (hours < 24) return `${trimmed(hours)}h`;
    return `${Math.round(hours / 24)}d`;
  }
  if (days < 30) return `${days}d`;
  if (days < 365) return `${trimmed(days / 30)}mo`;
  return `${trimmed(days / 365)}y`;
}

function trimmed(value: number): string {
  const rounded = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return String(rounded);
}
