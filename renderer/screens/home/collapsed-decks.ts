/**
 * Which decks of the home screen's list are collapsed, kept in this browser's storage so a reload (or the
 * next start) shows the list as it was left. Only a person's own choices are stored; a deck without one
 * follows the default: open when the collection has a few decks, closed when it has many, so ten decks
 * still fit on a screen.
 */
import { useCallback, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';

const STORAGE_KEY = 'cue.home.collapsed';
/** Up to this many decks, a deck starts open. */
const OPEN_UP_TO = 3;

type Choices = Record<string, boolean>;

function readChoices(): Choices {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}');
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter(([, value]) => typeof value === 'boolean'));
  } catch {
    // Storage that is unreadable or holds something else: start from the defaults.
    return {};
  }
}

function writeChoices(choices: Choices): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(choices));
  } catch {
    // Storage full or refused: the choice still holds until the page reloads.
  }
}

/** Whether a deck is collapsed: the person's choice, else the default for a collection of `deckCount` decks. */
export function isCollapsedBy(choices: Choices, deck: DeckSummary, deckCount: number): boolean {
  return choices[deck.key] ?? deckCount > OPEN_UP_TO;
}

export function useCollapsedDecks(deckCount: number) {
  const [choices, setChoices] = useState<Choices>(readChoices);
  const isCollapsed = useCallback((deck: DeckSummary) => isCollapsedBy(choices, deck, deckCount), [choices, deckCount]);
  const setCollapsed = useCallback((deck: DeckSummary, collapsed: boolean) => {
    setChoices((before) => {
      const after = { ...before, [deck.key]: collapsed };
      writeChoices(after);
      return after;
    });
  }, []);
  return { isCollapsed, setCollapsed };
}
