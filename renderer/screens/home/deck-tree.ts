/**
 * The home screen's deck list as a tree: which decks and sections a filter keeps, and the rows that show
 * (a collapsed deck hides its sections). Pure, so the rules are tested without a page.
 */
import type { DeckSummary, SectionSummary } from '../../../shared/domain';

/** A deck the filter keeps, with the sections it shows. */
export interface FilteredDeck {
  deck: DeckSummary;
  sections: SectionSummary[];
  /** Only some sections matched: the deck shows them even when it is collapsed, or they would not be seen. */
  forcedOpen: boolean;
}

/** One row of the tree, as keyboard navigation walks it. */
export type TreeRow =
  | { kind: 'deck'; key: string; deck: DeckSummary; expandable: boolean; expanded: boolean }
  | { kind: 'section'; key: string; deck: DeckSummary; section: SectionSummary };

/** Case and accents do not matter: "resume" finds "Résumé". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * A deck whose name matches keeps all its sections; otherwise it stays when a section matches, showing
 * just those. An empty or blank query keeps everything.
 */
export function filterDecks(decks: DeckSummary[], query: string): FilteredDeck[] {
  const wanted = fold(query.trim());
  if (wanted === '') return decks.map((deck) => ({ deck, sections: deck.sections, forcedOpen: false }));
  const kept: FilteredDeck[] = [];
  for (const deck of decks) {
    if (fold(deck.name).includes(wanted)) {
      kept.push({ deck, sections: deck.sections, forcedOpen: false });
      continue;
    }
    const sections = deck.sections.filter((section) => fold(section.name).includes(wanted));
    if (sections.length > 0) kept.push({ deck, sections, forcedOpen: true });
  }
  return kept;
}

export function deckRowKey(deck: DeckSummary): string {
  return `deck:${deck.id}`;
}

export function sectionRowKey(section: SectionSummary): string {
  return `section:${section.id}`;
}

/** The rows on screen, top to bottom: each deck, then its sections unless it is collapsed. */
export function visibleRows(filtered: FilteredDeck[], isCollapsed: (deck: DeckSummary) => boolean): TreeRow[] {
  const rows: TreeRow[] = [];
  for (const { deck, sections, forcedOpen } of filtered) {
    const expandable = sections.length > 0;
    const expanded = expandable && (forcedOpen || !isCollapsed(deck));
    rows.push({ kind: 'deck', key: deckRowKey(deck), deck, expandable, expanded });
    if (!expanded) continue;
    for (const section of sections) rows.push({ kind: 'section', key: sectionRowKey(section), deck, section });
  }
  return rows;
}

export type TreeMove = 'up' | 'down' | 'right' | 'left' | 'home' | 'end';

/** What a key does in the tree: focus another row, or open or close the focused deck. */
export type TreeStep = { focus: string } | { expand: DeckSummary } | { collapse: DeckSummary } | null;

/** As the ARIA tree pattern says: Right opens a closed deck, else goes to its first section; Left the reverse. */
export function treeStep(rows: TreeRow[], current: string, move: TreeMove): TreeStep {
  const index = rows.findIndex((row) => row.key === current);
  if (index < 0) return rows.length > 0 ? { focus: rows[0].key } : null;
  const row = rows[index];
  const at = (i: number): TreeStep => (i >= 0 && i < rows.length && i !== index ? { focus: rows[i].key } : null);
  if (move === 'up') return at(index - 1);
  if (move === 'down') return at(index + 1);
  if (move === 'home') return at(0);
  if (move === 'end') return at(rows.length - 1);
  if (row.kind === 'section') return move === 'left' ? { focus: deckRowKey(row.deck) } : null;
  if (move === 'right') {
    if (!row.expandable) return null;
    return row.expanded ? at(index + 1) : { expand: row.deck };
  }
  return row.expanded ? { collapse: row.deck } : null;
}

/** The share of a deck's cards mastered: the sum over its sections. */
export function deckMastered(deck: DeckSummary): number {
  return deck.sections.reduce((sum, section) => sum + section.mastered, 0);
}
