/**
 * Deck option presets, as Anki's deck options: what a preset holds, Cue's defaults, and the rules
 * every value must keep (checked at runtime on both sides, with messages that name the field).
 */
import { z } from 'zod';

export const NEW_CARD_ORDERS = ['deck', 'random', 'sections', 'interleaved'] as const;
export type NewCardOrder = (typeof NEW_CARD_ORDERS)[number];
export const REVIEW_ORDERS = ['due', 'retrievability', 'random'] as const;
export type ReviewOrder = (typeof REVIEW_ORDERS)[number];
export const LEECH_ACTIONS = ['tag', 'suspend'] as const;
export type LeechAction = (typeof LEECH_ACTIONS)[number];

/** FSRS-6 has 21 parameters. */
export const FSRS_PARAMETER_COUNT = 21;

export interface PresetOptions {
  /** New cards a deck using the preset introduces a day. */
  newPerDay: number;
  /** Reviews a day at most; new cards count against it unless `newIgnoresReviewLimit`. */
  reviewsPerDay: number;
  newIgnoresReviewLimit: boolean;
  /** Steps as Anki writes them: "1m 10m", "10m 1h 1d"; empty for none. */
  learningSteps: string;
  relearningSteps: string;
  /** Days. */
  maximumInterval: number;
  desiredRetention: number;
  /** The 21 FSRS-6 parameters fitted to the person's history; null for FSRS's defaults. */
  fsrsParameters: number[] | null;
  newCardOrder: NewCardOrder;
  reviewOrder: ReviewOrder;
  buryNewSiblings: boolean;
  buryReviewSiblings: boolean;
  /** Lapses at which a card becomes a leech (Anki: 8). */
  leechThreshold: number;
  leechAction: LeechAction;
  fuzz: boolean;
  /** Key points: the share recalled at which the checklist suggests Good (1: all of them). */
  pointsGoodShare: number;
  /** The share recalled at which it suggests Hard; below it, Again. */
  pointsHardShare: number;
  /** Study shows a box to type the answer into before the reveal. */
  typedAnswer: boolean;
  /** A side's `[sound:…]` files play when it is shown, one after another (Anki's "Don't play audio automatically" off). */
  autoplayAudio: boolean;
}

export interface Preset {
  id: number;
  name: string;
  /** The Default preset cannot be deleted; decks fall back to it. */
  isDefault: boolean;
  options: PresetOptions;
  /** Decks that use it. */
  deckIds: number[];
}

export const DEFAULT_PRESET_ID = 1;

export const DEFAULT_PRESET_OPTIONS: PresetOptions = {
  newPerDay: 20,
  reviewsPerDay: 200,
  newIgnoresReviewLimit: false,
  learningSteps: '1m 10m',
  relearningSteps: '10m',
  maximumInterval: 36500,
  desiredRetention: 0.9,
  fsrsParameters: null,
  newCardOrder: 'deck',
  reviewOrder: 'due',
  buryNewSiblings: false,
  buryReviewSiblings: false,
  leechThreshold: 8,
  leechAction: 'tag',
  fuzz: true,
  pointsGoodShare: 1,
  pointsHardShare: 0.5,
  typedAnswer: false,
  autoplayAudio: true,
};

const STEP = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;
const STEP_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

export interface ParsedSteps {
  /** As ts-fsrs takes them: "1m", "10m", "1h", "2d". */
  steps: string[];
}

/**
 * Reads steps as Anki writes them ("1m 10m 1h 1d"), or says which step is wrong and why. Seconds are
 * turned into minutes (ts-fsrs counts minutes, hours and days), at least one.
 */
export function parseSteps(text: string): ParsedSteps | { error: string } {
  const parts = text
    .trim()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (parts.length > 10) return { error: `holds ${parts.length} steps; at most 10` };
  const steps: string[] = [];
  for (const [index, part] of parts.entries()) {
    const match = STEP.exec(part);
    if (!match) {
      return { error: `step ${index + 1} "${part}" is not a number followed by s, m, h or d (as in 1m 10m 1h 1d)` };
    }
    const value = Number(match[1]);
    const unit = match[2] as keyof typeof STEP_MS;
    const ms = value * STEP_MS[unit];
    if (ms <= 0) return { error: `step ${index + 1} "${part}" must be longer than nothing` };
    if (ms > 365 * STEP_MS.d) return { error: `step ${index + 1} "${part}" is longer than a year` };
    if (unit === 's') steps.push(`${Math.max(1, Math.round(value / 60))}m`);
    else if (Number.isInteger(value)) steps.push(`${value}${unit}`);
    else steps.push(`${Math.max(1, Math.round(ms / STEP_MS.m))}m`);
  }
  return { steps };
}

const steps = (field: string) =>
  z
    .string()
    .max(200)
    .superRefine((text, context) => {
      const parsed = parseSteps(text);
      if ('error' in parsed) context.addIssue({ code: 'custom', message: `${field}: ${parsed.error}` });
    });

const wholeNumber = (field: string, min: number, max: number) =>
  z
    .number({ error: `${field} must be a number` })
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be at least ${min}`)
    .max(max, `${field} must be at most ${max}`);

/** A share of the key points, `min` to 1; the message speaks percent, as the options form shows it. */
const share = (field: string, min: number) => {
  const bounds = `${field} must be ${min * 100}% to 100%`;
  return z
    .number({ error: `${field} must be a number` })
    .min(min, bounds)
    .max(1, bounds);
};

/** Every field with its bounds; the messages name the field as the options screen does. */
export const presetOptionsSchema = z.strictObject({
  newPerDay: wholeNumber('New cards a day', 0, 9999),
  reviewsPerDay: wholeNumber('Maximum reviews a day', 0, 99_999),
  newIgnoresReviewLimit: z.boolean(),
  learningSteps: steps('Learning steps'),
  relearningSteps: steps('Relearning steps'),
  maximumInterval: wholeNumber('Maximum interval', 1, 36_500),
  desiredRetention: z
    .number({ error: 'Desired retention must be a number' })
    .min(0.7, 'Desired retention must be at least 0.70')
    .max(0.99, 'Desired retention must be at most 0.99'),
  fsrsParameters: z
    .array(z.number({ error: 'FSRS parameters must be finite numbers' }))
    .length(FSRS_PARAMETER_COUNT, `FSRS parameters must be ${FSRS_PARAMETER_COUNT} numbers`)
    .nullable(),
  newCardOrder: z.enum(NEW_CARD_ORDERS),
  reviewOrder: z.enum(REVIEW_ORDERS),
  buryNewSiblings: z.boolean(),
  buryReviewSiblings: z.boolean(),
  leechThreshold: wholeNumber('Leech threshold', 1, 99),
  leechAction: z.enum(LEECH_ACTIONS),
  fuzz: z.boolean(),
  pointsGoodShare: share('The share of key points for Good', 0.5),
  pointsHardShare: share('The share of key points for Hard', 0),
  typedAnswer: z.boolean(),
  autoplayAudio: z.boolean(),
});

/** Some of the options, for a change. */
export const presetOptionsPatch = presetOptionsSchema.partial();

/**
 * What no single field's bounds can say: Hard needs a smaller share of the key points than Good, or
 * it would never be suggested. Checked on the whole options, beside the schema.
 */
export function presetOptionsIssues(options: Pick<PresetOptions, 'pointsGoodShare' | 'pointsHardShare'>) {
  if (options.pointsHardShare <= options.pointsGoodShare) return [];
  return [
    {
      path: 'pointsHardShare',
      message: 'The share of key points for Hard must not be more than the share for Good',
    },
  ];
}

export const presetName = z
  .string()
  .trim()
  .min(1, 'A preset needs a name')
  .max(100, 'A preset name may be up to 100 characters');

/** A deck's own daily limits over its preset's, as Anki's "This deck" tab; null: the preset's. */
export interface DeckLimits {
  deckId: number;
  newLimit: number | null;
  reviewLimit: number | null;
}

/** One of those limits: the preset's bounds, or null. */
export const deckLimit = (field: string, max: number) => wholeNumber(`This deck's ${field}`, 0, max).nullable();
