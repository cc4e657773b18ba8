/**
 * The custom study screen's choice as plain data: which kind, its days, tag or search, and what that
 * becomes: the custom.start input, and the words the study screen shows for the session. Pure, so it has
 * unit tests.
 */
import type { ApiInput } from '../../../shared/api';
import type { CustomKind } from '../../../shared/domain';
import type { Scope } from '../../lib/study-scope';

/** The choices in the order the screen lists them; 'limits' raises today's limits instead of starting a session. */
export const CHOICES = ['ahead', 'forgotten', 'preview', 'tag', 'query', 'limits'] as const;
export type Choice = (typeof CHOICES)[number];

export interface ChoiceState {
  choice: Choice;
  aheadDays: string;
  forgottenDays: string;
  tag: string;
  query: string;
  /** Preview and cram only: answers reschedule the cards. */
  reschedule: boolean;
  limit: string;
  /** 'limits': extra new cards and reviews for today. */
  newCards: string;
  reviews: string;
}

export const INITIAL_CHOICE: ChoiceState = {
  choice: 'ahead',
  aheadDays: '1',
  forgottenDays: '1',
  tag: '',
  query: '',
  reschedule: false,
  limit: '100',
  newCards: '0',
  reviews: '0',
};

export function kindOf(choice: Choice): CustomKind | null {
  if (choice === 'tag' || choice === 'query') return 'cram';
  return choice === 'limits' ? null : choice;
}

/** Ahead and forgotten always reschedule; preview and cram only when asked. */
export function reschedules(state: ChoiceState): boolean {
  return state.choice === 'ahead' || state.choice === 'forgotten' || state.reschedule;
}

/** A whole number typed in a field, or NaN (the API then says what is wrong with it). */
export const whole = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

/** What custom.start is called with for the choice; null for 'limits'. */
export function startInput(scope: Scope, state: ChoiceState): ApiInput<'custom.start'> | null {
  const kind = kindOf(state.choice);
  if (kind === null) return null;
  const base = { ...scope, kind, limit: whole(state.limit) };
  if (state.choice === 'ahead') return { ...base, days: whole(state.aheadDays) };
  if (state.choice === 'forgotten') return { ...base, days: whole(state.forgottenDays) };
  const reschedule = state.reschedule;
  if (state.choice === 'tag') return { ...base, tag: state.tag, reschedule };
  if (state.choice === 'query') return { ...base, query: state.query, reschedule };
  return { ...base, reschedule };
}

const daysText = (days: string, word: string) => (days.trim() === '1' ? `${word} day` : `${word} ${days.trim()} days`);

/** The session in words, for the study screen's header and its end. */
export function sessionLabel(state: ChoiceState): string {
  switch (state.choice) {
    case 'ahead':
      return `Study ahead: cards due in the ${daysText(state.aheadDays, 'next')}`;
    case 'forgotten':
      return `Forgotten cards: answered Again in the ${daysText(state.forgottenDays, 'last')}`;
    case 'preview':
      return 'Preview new cards';
    case 'tag':
      return `Cram the tag “${state.tag}”`;
    case 'query':
      return `Cram the search “${state.query}”`;
    case 'limits':
      return 'Increase today’s limits';
  }
}
