/** The setup form's pure parts: the limit field in minutes, the question count, and what mock.start takes. */
import type { ApiInput } from '../../../shared/api';
import { MAX_LIMIT_SECONDS, MIN_LIMIT_SECONDS, type MockOrder, type MockSectionLimit } from '../../../shared/mock';

export interface SetupChoice {
  /** Sections chosen, by id. */
  chosen: number[];
  count: string;
  order: MockOrder;
}

export const DEFAULT_COUNT = 5;

export function initialChoice(sections: MockSectionLimit[]): SetupChoice {
  const available = sections.reduce((sum, s) => sum + s.cards, 0);
  return {
    chosen: sections.filter((s) => s.cards > 0).map((s) => s.sectionId),
    count: String(Math.min(DEFAULT_COUNT, available)),
    order: 'weakest',
  };
}

/** Minutes as the field shows them: "2", "2.5". */
export function minutesText(ms: number): string {
  return String(Math.round((ms / 60_000) * 100) / 100);
}

/** A limit typed in minutes, as whole seconds; a problem to show when it is not one. */
export function parseMinutes(text: string): { seconds: number } | { problem: string } {
  const minutes = Number(text.trim().replace(',', '.'));
  const seconds = Math.round(minutes * 60);
  if (text.trim() === '' || !Number.isFinite(minutes) || seconds < MIN_LIMIT_SECONDS || seconds > MAX_LIMIT_SECONDS) {
    return { problem: `A time limit is ${MIN_LIMIT_SECONDS} seconds to ${MAX_LIMIT_SECONDS / 60} minutes.` };
  }
  return { seconds };
}

export function availableCards(sections: MockSectionLimit[], chosen: number[]): number {
  return sections.filter((s) => chosen.includes(s.sectionId)).reduce((sum, s) => sum + s.cards, 0);
}

/** What mock.start takes, or what is wrong with the choice. */
export function startInput(
  deckId: number,
  sections: MockSectionLimit[],
  choice: SetupChoice,
): { input: ApiInput<'mock.start'> } | { problem: string } {
  if (choice.chosen.length === 0) return { problem: 'Choose at least one section.' };
  const available = availableCards(sections, choice.chosen);
  const count = Number(choice.count);
  if (!Number.isInteger(count) || count < 1 || count > available) {
    return { problem: `Ask 1 to ${available} questions: the chosen sections have ${available} cards.` };
  }
  return { input: { deckId, sectionIds: choice.chosen, count, order: choice.order } };
}
