/**
 * An Anki options preset in Cue's terms: new and review limits, learning and relearning steps,
 * maximum interval, desired retention, FSRS parameters, leech and bury settings, orders, and whether
 * audio plays by itself. A value Anki itself reads as unset (absent from the JSON, or a protobuf zero
 * where zero is not allowed) takes Anki's default; a value outside Cue's bounds is clamped into them,
 * with a note; nothing here fails an import.
 */
import {
  DEFAULT_PRESET_OPTIONS,
  FSRS_PARAMETER_COUNT,
  type NewCardOrder,
  type PresetOptions,
  type ReviewOrder,
} from '../../../../shared/presets';
import type { AnkiDeckConfig } from './anki-collection';

export interface ConvertedOptions {
  options: PresetOptions;
  /** What did not come across as it was, in words. */
  notes: string[];
}

/** Anki's defaults where a value is unset (rslib/src/deckconfig/mod.rs DEFAULT_DECK_CONFIG_INNER). */
const ANKI_DEFAULTS = { newPerDay: 20, reviewsPerDay: 200, maximumInterval: 36_500, leechThreshold: 8, retention: 0.9 };

/** Cue's bounds, as shared/presets.ts checks them. */
const BOUNDS = {
  newPerDay: [0, 9999],
  reviewsPerDay: [0, 99_999],
  maximumInterval: [1, 36_500],
  leechThreshold: [1, 99],
} as const;

const MAX_STEPS = 10;
const YEAR_MINUTES = 365 * 24 * 60;

export function presetOptionsFromAnki(config: AnkiDeckConfig): ConvertedOptions {
  const notes: string[] = [];
  const whole = (label: string, value: number | undefined, unset: number, [min, max]: readonly [number, number]) => {
    if (value === undefined) return unset;
    const clamped = Math.min(max, Math.max(min, Math.round(value)));
    if (clamped !== value) notes.push(`${label} ${value} is outside Cue's ${min} to ${max}: ${clamped} instead`);
    return clamped;
  };
  const options: PresetOptions = {
    ...DEFAULT_PRESET_OPTIONS,
    newPerDay: whole('New cards a day', config.newPerDay, ANKI_DEFAULTS.newPerDay, BOUNDS.newPerDay),
    reviewsPerDay: whole(
      'Maximum reviews a day',
      config.reviewsPerDay,
      ANKI_DEFAULTS.reviewsPerDay,
      BOUNDS.reviewsPerDay,
    ),
    learningSteps: steps('Learning steps', config.learnSteps, notes),
    relearningSteps: steps('Relearning steps', config.relearnSteps, notes),
    maximumInterval: whole(
      'Maximum interval',
      config.maximumInterval || undefined,
      ANKI_DEFAULTS.maximumInterval,
      BOUNDS.maximumInterval,
    ),
    desiredRetention: retention(config.desiredRetention, notes),
    fsrsParameters: parameters(config, notes),
    newCardOrder: newCardOrder(config),
    reviewOrder: reviewOrder(config.reviewOrder),
    buryNewSiblings: config.buryNew,
    buryReviewSiblings: config.buryReviews,
    leechThreshold: whole(
      'Leech threshold',
      config.leechThreshold || undefined,
      ANKI_DEFAULTS.leechThreshold,
      BOUNDS.leechThreshold,
    ),
    leechAction: config.leechAction === 1 ? 'tag' : 'suspend',
    autoplayAudio: !config.disableAutoplay,
  };
  return { options, notes };
}

/** Anki's steps (minutes) as Cue writes them: "1m 10m 1h 1d"; a step Cue cannot take is left out. */
function steps(label: string, minutes: number[], notes: string[]): string {
  const kept: string[] = [];
  for (const step of minutes) {
    if (!(step > 0) || step > YEAR_MINUTES) {
      notes.push(`${label}: a step of ${step} minutes is not between a second and a year, so it was left out`);
      continue;
    }
    if (kept.length === MAX_STEPS) {
      notes.push(`${label}: Cue keeps at most ${MAX_STEPS} steps; the rest were left out`);
      break;
    }
    kept.push(stepText(step));
  }
  return kept.join(' ');
}

function stepText(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440}d`;
  if (minutes % 60 === 0) return `${minutes / 60}h`;
  if (Number.isInteger(minutes)) return `${minutes}m`;
  return `${Math.max(1, Math.round(minutes * 60))}s`;
}

function retention(value: number | undefined, notes: string[]): number {
  if (!value) return ANKI_DEFAULTS.retention;
  // Anki keeps it as a 32-bit float: 0.9 comes back as 0.8999999761581421
  const rounded = Math.round(value * 1000) / 1000;
  const clamped = Math.min(0.99, Math.max(0.7, rounded));
  if (clamped !== rounded) notes.push(`Desired retention ${rounded} is outside Cue's 0.70 to 0.99: ${clamped} instead`);
  return clamped;
}

/** Only a full FSRS-6 set (21 numbers) schedules as fitted; older sets keep Cue's defaults, with a note. */
function parameters(config: AnkiDeckConfig, notes: string[]): number[] | null {
  const six = config.fsrsParams6;
  if (six.length === FSRS_PARAMETER_COUNT && six.every(Number.isFinite)) {
    return six.map((p) => Math.round(p * 1e6) / 1e6);
  }
  if (six.length > 0) {
    notes.push(
      `FSRS parameters: ${six.length} numbers where FSRS-6 has ${FSRS_PARAMETER_COUNT}; FSRS's defaults instead`,
    );
    return null;
  }
  const older = config.fsrsParams5.length ? config.fsrsParams5 : config.fsrsParams4;
  if (older.length > 0) {
    notes.push(
      `FSRS parameters: the package has ${older.length} from an older FSRS, which Cue's FSRS-6 cannot use; FSRS's defaults instead (optimise them in Cue)`,
    );
  }
  return null;
}

function newCardOrder(config: AnkiDeckConfig): NewCardOrder {
  // insert order 1, gather "random notes"/"random cards" (3, 4), sort "random note"/"random card" (3, 4)
  const random =
    config.newInsertOrder === 1 ||
    config.newGatherPriority === 3 ||
    config.newGatherPriority === 4 ||
    config.newSortOrder === 3 ||
    config.newSortOrder === 4;
  return random ? 'random' : 'deck';
}

/** Anki's review orders: 7 retrievability ascending (relative overdueness before 23.10), 8 random. */
function reviewOrder(order: number | undefined): ReviewOrder {
  if (order === 7) return 'retrievability';
  if (order === 8) return 'random';
  return 'due';
}
