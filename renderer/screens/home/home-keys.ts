/**
 * Like Anki's overview: Enter (or s) studies the deck, so a morning session starts without the mouse;
 * t opens its statistics, as T does in Anki; i opens the Import screen, as Ctrl+Shift+I does in Anki;
 * b opens the Backups screen; / opens the card browser, as search does in many apps; c opens custom
 * study of the deck (Anki's is "/", which Cue's browser already has); o opens the first deck's options;
 * m a mock interview of it.
 * r its readiness for a target date.
 */
import { useEffect } from 'react';
import type { DeckSummary } from '../../../shared/domain';
import { type KeyPress, keyPress } from '../../lib/keys';
import { routeHash, type StatsScope } from '../../lib/route-hash';
import type { Scope, StudyTarget } from '../../lib/study-scope';
import { deckTarget } from './deck-overview';

export type HomeAction =
  | 'study'
  | 'stats'
  | 'import'
  | 'backups'
  | 'browse'
  | 'custom'
  | 'options'
  | 'mock'
  | 'readiness';

/** `hasDeck`: there is a first deck, the one Enter studies and t shows the statistics of. */
export function homeKeyAction(press: KeyPress, hasDeck: boolean): HomeAction | null {
  if (press.repeat || press.ctrlKey || press.metaKey || press.altKey) return null;
  if (press.editable) return null;
  if (press.key === 'i') return 'import';
  if (press.key === 'b') return 'backups';
  if (press.key === '/') return 'browse';
  if (!hasDeck) return null;
  if (press.key === 't') return 'stats';
  if (press.key === 'c') return 'custom';
  if (press.key === 'o') return 'options';
  if (press.key === 'm') return 'mock';
  if (press.key === 'r') return 'readiness';
  // Enter on a focused button or link is that control's.
  if (press.activatable) return null;
  return press.key === 'Enter' || press.key === 's' ? 'study' : null;
}

export interface HomeActions {
  onStudy: (target: StudyTarget) => void;
  onStats: (scope: StatsScope) => void;
  onImport: () => void;
  onBackups: () => void;
  onBrowse: () => void;
  /** Custom study of a deck or section. */
  onCustom: (scope: Scope) => void;
}

export function useHomeKeys(deck: DeckSummary | undefined, actions: HomeActions, enabled: boolean): void {
  const { onStudy, onStats, onImport, onBackups, onBrowse, onCustom } = actions;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const action = homeKeyAction(keyPress(event), deck !== undefined);
      if (action === null) return;
      event.preventDefault();
      if (action === 'import') onImport();
      else if (action === 'backups') onBackups();
      else if (action === 'browse') onBrowse();
      else if (deck && action === 'stats') onStats({ deckId: deck.id });
      else if (deck && action === 'custom') onCustom({ deckId: deck.id });
      else if (deck && action === 'options') window.location.assign(routeHash({ name: 'options', deckId: deck.id }));
      else if (deck && action === 'mock') window.location.assign(routeHash({ name: 'mock', deckId: deck.id }));
      else if (deck && action === 'readiness')
        window.location.assign(routeHash({ name: 'readiness', deckId: deck.id }));
      else if (deck) onStudy(deckTarget(deck));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [deck, onStudy, onStats, onImport, onBackups, onBrowse, onCustom, enabled]);
}
