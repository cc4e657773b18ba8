/**
 * The deck whose overview the home screen shows beside its deck list, kept in this browser's storage so
 * coming back from study (or a reload) shows the same deck. A deck since deleted falls back to the first.
 */
import { useCallback, useState } from 'react';
import type { DeckSummary } from '../../../shared/domain';

const STORAGE_KEY = 'cue.home.deck';

function readSelected(): number | null {
  try {
    const value = Number(localStorage.getItem(STORAGE_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/** The stored deck while it still exists, else the first. */
export function selectedDeck(decks: DeckSummary[], id: number | null): DeckSummary | undefined {
  return decks.find((deck) => deck.id === id) ?? decks[0];
}

export function useSelectedDeck(decks: DeckSummary[] | undefined) {
  const [id, setId] = useState<number | null>(readSelected);
  const select = useCallback((deck: DeckSummary) => {
    setId(deck.id);
    try {
      localStorage.setItem(STORAGE_KEY, String(deck.id));
    } catch {
      // Storage refused: the choice holds until the page reloads.
    }
  }, []);
  return { selected: decks ? selectedDeck(decks, id) : undefined, select };
}
