/**
 * The options form's state as the person types it (text in number fields, retention in percent), and
 * the way back to a preset's options and a deck's own limits, checked by the same schema the core
 * uses, so a message shows beside a field before anything is sent.
 */
import {
  type DeckLimits,
  deckLimit,
  type LeechAction,
  type NewCardOrder,
  type PresetOptions,
  presetOptionsIssues,
  presetOptionsSchema,
  type ReviewOrder,
} from '../../../shared/presets';

export interface OptionsDraft {
  newPerDay: string;
  reviewsPerDay: string;
  /** Shown the other way round, as Anki words it: "new cards count against the review limit". */
  newCountsAgainstReviews: boolean;
  deckNewLimit: string;
  deckReviewLimit: string;
  learningSteps: string;
  newCardOrder: NewCardOrder;
  reviewOrder: ReviewOrder;
  relearningSteps: string;
  leechThreshold: string;
  leechAction: LeechAction;
  buryNewSiblings: boolean;
  buryReviewSiblings: boolean;
  maximumInterval: string;
  /** Percent: "90". */
  desiredRetention: string;
  fuzz: boolean;
  /** Percent: "100". */
  pointsGoodShare: string;
  pointsHardShare: string;
  typedAnswer: boolean;
  autoplayAudio: boolean;
}

export type DraftField = keyof OptionsDraft;

/** A preset's options and a deck's limits as the form shows them. */
export function toDraft(options: PresetOptions, limits: Pick<DeckLimits, 'newLimit' | 'reviewLimit'>): OptionsDraft {
  return {
    newPerDay: String(options.newPerDay),
    reviewsPerDay: String(options.reviewsPerDay),
    newCountsAgainstReviews: !options.newIgnoresReviewLimit,
    deckNewLimit: limits.newLimit === null ? '' : String(limits.newLimit),
    deckReviewLimit: limits.reviewLimit === null ? '' : String(limits.reviewLimit),
    learningSteps: options.learningSteps,
    newCardOrder: options.newCardOrder,
    reviewOrder: options.reviewOrder,
    relearningSteps: options.relearningSteps,
    leechThreshold: String(options.leechThreshold),
    leechAction: options.leechAction,
    buryNewSiblings: options.buryNewSiblings,
    buryReviewSiblings: options.buryReviewSiblings,
    maximumInterval: String(options.maximumInterval),
    desiredRetention: percentOf(options.desiredRetention),
    fuzz: options.fuzz,
    pointsGoodShare: percentOf(options.pointsGoodShare),
    pointsHardShare: percentOf(options.pointsHardShare),
    typedAnswer: options.typedAnswer,
    autoplayAudio: options.autoplayAudio,
  };
}

/** A share as the form shows it, in percent to one decimal. */
function percentOf(share: number): string {
  return String(Math.round(share * 1000) / 10);
}

/** Percent typed in the form back to a share. */
function shareOf(text: string): number {
  return Math.round(numberOf(text) * 10) / 1000;
}

/** A number field's text as a number; blank or junk is NaN, which the schema names as "must be a number". */
function numberOf(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** The schema's field names back to the form's; the retention's message in percent, as the form shows it. */
const FIELD_OF_OPTION: Partial<Record<keyof PresetOptions, DraftField>> = {
  newIgnoresReviewLimit: 'newCountsAgainstReviews',
};

export function fieldOfPath(path: string): DraftField | null {
  const last = path.split('.').pop() ?? '';
  if (last === 'newLimit') return 'deckNewLimit';
  if (last === 'reviewLimit') return 'deckReviewLimit';
  const mapped = FIELD_OF_OPTION[last as keyof PresetOptions];
  if (mapped) return mapped;
  return last in EMPTY_ISSUES ? (last as DraftField) : null;
}

/** "Desired retention must be at least 0.70" reads "… at least 70%" beside a field in percent. */
export function inPercent(message: string): string {
  return message.replace(/\b0\.(\d\d)\b/g, (_, digits: string) => `${Number(digits)}%`);
}

const EMPTY_ISSUES: Record<DraftField, true> = {
  newPerDay: true,
  reviewsPerDay: true,
  newCountsAgainstReviews: true,
  deckNewLimit: true,
  deckReviewLimit: true,
  learningSteps: true,
  newCardOrder: true,
  reviewOrder: true,
  relearningSteps: true,
  leechThreshold: true,
  leechAction: true,
  buryNewSiblings: true,
  buryReviewSiblings: true,
  maximumInterval: true,
  desiredRetention: true,
  fuzz: true,
  pointsGoodShare: true,
  pointsHardShare: true,
  typedAnswer: true,
  autoplayAudio: true,
};

export type Issues = Partial<Record<DraftField, string>>;

export interface CheckedDraft {
  /** The options to save, when every field is right. */
  options: Omit<PresetOptions, 'fsrsParameters'> | null;
  limits: { newLimit: number | null; reviewLimit: number | null } | null;
  issues: Issues;
}

const newLimitSchema = deckLimit('new cards a day', 9999);
const reviewLimitSchema = deckLimit('maximum reviews a day', 99_999);
const withoutParameters = presetOptionsSchema.omit({ fsrsParameters: true });

/** Checks every field as the core will; `issues` has one message per wrong field. */
export function checkDraft(draft: OptionsDraft): CheckedDraft {
  const issues: Issues = {};
  const parsed = withoutParameters.safeParse({
    newPerDay: numberOf(draft.newPerDay),
    reviewsPerDay: numberOf(draft.reviewsPerDay),
    newIgnoresReviewLimit: !draft.newCountsAgainstReviews,
    learningSteps: draft.learningSteps,
    relearningSteps: draft.relearningSteps,
    maximumInterval: numberOf(draft.maximumInterval),
    desiredRetention: Math.round(numberOf(draft.desiredRetention) * 10) / 1000,
    newCardOrder: draft.newCardOrder,
    reviewOrder: draft.reviewOrder,
    buryNewSiblings: draft.buryNewSiblings,
    buryReviewSiblings: draft.buryReviewSiblings,
    leechThreshold: numberOf(draft.leechThreshold),
    leechAction: draft.leechAction,
    fuzz: draft.fuzz,
    pointsGoodShare: shareOf(draft.pointsGoodShare),
    pointsHardShare: shareOf(draft.pointsHardShare),
    typedAnswer: draft.typedAnswer,
    autoplayAudio: draft.autoplayAudio,
  });
  const found = parsed.success
    ? presetOptionsIssues(parsed.data)
    : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  for (const issue of found) {
    const field = fieldOfPath(issue.path);
    if (field && !issues[field]) issues[field] = inPercent(issue.message);
  }
  const limit = (text: string, schema: typeof newLimitSchema, field: DraftField) => {
    const result = schema.safeParse(text.trim() === '' ? null : numberOf(text));
    if (result.success) return result.data;
    issues[field] = result.error.issues[0]?.message ?? 'is not a limit';
    return undefined;
  };
  const newLimit = limit(draft.deckNewLimit, newLimitSchema, 'deckNewLimit');
  const reviewLimit = limit(draft.deckReviewLimit, reviewLimitSchema, 'deckReviewLimit');
  return {
    options: parsed.success && found.length === 0 ? parsed.data : null,
    limits: newLimit !== undefined && reviewLimit !== undefined ? { newLimit, reviewLimit } : null,
    issues,
  };
}

/** The core's `details.issues` (path and message) as messages by field. */
export function issuesFromDetails(details: unknown): Issues {
  const list = (details as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(list)) return {};
  const issues: Issues = {};
  for (const item of list as { path?: unknown; message?: unknown }[]) {
    const field = fieldOfPath(String(item.path ?? ''));
    if (field && typeof item.message === 'string' && !issues[field]) issues[field] = inPercent(item.message);
  }
  return issues;
}

export function sameDraft(a: OptionsDraft, b: OptionsDraft): boolean {
  return (Object.keys(a) as DraftField[]).every((field) => a[field] === b[field]);
}
