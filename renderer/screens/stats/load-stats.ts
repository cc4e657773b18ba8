/** What the statistics screen loads for a scope: the figures, and the deck for its sections' names. */
import type { DeckSummary } from '../../../shared/domain';
import type { DeckStats } from '../../../shared/stats';
import { call } from '../../lib/api-client';
import type { StatsScope } from '../../lib/route-hash';

export interface LoadedStats {
  stats: DeckStats;
  deck: DeckSummary;
  allTime: boolean;
}

/** The study day that is "today" for the collection, learned from the last load without a date. */
let today: string | undefined;

/** Today's study day when known: the latest date the statistics can be shown for. */
export function knownToday(): string | undefined {
  return today;
}

export async function loadStats(scope: StatsScope, allTime: boolean): Promise<LoadedStats> {
  const [stats, decks] = await Promise.all([
    call('stats', { deckId: scope.deckId, sectionId: scope.sectionId, at: scope.at, allTime: allTime || undefined }),
    // The section switcher needs every section's name, also when the statistics cover only one.
    call('decks.list', {}),
  ]);
  const deck = decks.find((d) => d.id === scope.deckId);
  if (!deck) throw new Error(`Deck ${scope.deckId} is not in the collection.`);
  if (scope.at === undefined) today = stats.date;
  return { stats, deck, allTime };
}
