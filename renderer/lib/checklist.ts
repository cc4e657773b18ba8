/**
 * The key-point checklist's state, as pure functions: which points are ticked (null until the person
 * uses the checklist, so Space stays Good for someone who ignores it), the ticks a typed answer starts
 * from, and the rating they suggest.
 */
import type { Rating, StudyCard } from '../../shared/domain';
import { suggestRating } from '../../shared/rating-suggestion';
import { matchTypedAnswer, type PointMatch } from '../../shared/typed-answer-match';

/**
 * The letters of the checklist's points, in order: the home row, clear of every other study key
 * (u, e, -, @, digits), so while a checklist shows they only ever tick points.
 */
export const POINT_KEYS = ['a', 's', 'd', 'f', 'g', 'h', 'j', 'k', 'l'] as const;

/** Ids ticked; null: the checklist has not been touched. */
export type Ticks = ReadonlySet<string> | null;

export function toggled(ticks: Ticks, id: string): ReadonlySet<string> {
  const next = new Set(ticks ?? []);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The suggestion from the ticks, once there are ticks to go by. */
export function suggestionOf(card: StudyCard, ticks: Ticks): Rating | null {
  if (ticks === null || card.keyPoints.length === 0) return null;
  const recalled = card.keyPoints.filter((point) => ticks.has(point.id)).length;
  const { pointsGoodShare: goodShare, pointsHardShare: hardShare } = card.answering;
  return suggestRating(recalled, card.keyPoints.length, { goodShare, hardShare });
}

/** What a typed answer covers: null when nothing was typed or the card has no points. */
export function matchOf(card: StudyCard, typed: string): PointMatch[] | null {
  if (!typed.trim() || card.keyPoints.length === 0) return null;
  return matchTypedAnswer(card.keyPoints, typed);
}

/** The ticks a match starts from: the points covered. */
export function ticksFromMatch(matches: readonly PointMatch[]): ReadonlySet<string> {
  return new Set(matches.filter((match) => match.covered).map((match) => match.id));
}

/** What an answer holds beside its rating (study.answer, mock.grade). */
export interface AnswerExtras {
  recalled?: string[];
  typedText?: string;
}

/** What study.answer takes beside the rating: the ticks when the checklist was used, the typed text. */
export function answerExtras(card: StudyCard, ticks: Ticks, typed: string): AnswerExtras {
  return {
    ...(ticks !== null && card.keyPoints.length > 0 ? { recalled: [...ticks] } : {}),
    ...(typed.trim() ? { typedText: typed } : {}),
  };
}
