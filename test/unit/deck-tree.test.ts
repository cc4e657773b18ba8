/**
 * The home screen's deck list as pure rules: what a filter keeps, which rows a collapsed deck hides, where
 * the arrow keys go, which deck starts collapsed and which deck's overview shows.
 */
import { describe, expect, it } from 'vitest';
import { isCollapsedBy } from '../../renderer/screens/home/collapsed-decks';
import { deckMastered, filterDecks, type TreeRow, treeStep, visibleRows } from '../../renderer/screens/home/deck-tree';
import { selectedDeck } from '../../renderer/screens/home/selected-deck';
import type { DeckSummary, SectionSummary } from '../../shared/domain';

let nextId = 1;

function section(name: string, mastered = 0): SectionSummary {
  const id = nextId++;
  return {
    id,
    key: `s${id}`,
    name,
    description: '',
    cards: 10,
    due: { new: 3, learning: 1, review: 2 },
    suspended: 0,
    buried: 0,
    mastered,
  };
}

function deck(name: string, sections: SectionSummary[]): DeckSummary {
  const id = nextId++;
  return {
    id,
    key: `d${id}`,
    name,
    description: '',
    bundled: false,
    cards: sections.length * 10,
    sections,
    due: { new: 6, learning: 2, review: 4 },
    newPerDay: 20,
    presetId: 1,
    newLeftToday: 20,
    reviewedToday: 0,
    target: null,
  };
}

const spanish = deck('Spanish Verbs', [section('Present tense', 4), section('Subjunctive', 1)]);
const capitals = deck('World Capitals', [section('Europe'), section('Asia'), section('Résumé of rivers')]);
const empty = deck('Empty deck', []);
const DECKS = [spanish, capitals, empty];

const names = (rows: TreeRow[]) => rows.map((row) => (row.kind === 'deck' ? row.deck.name : `  ${row.section.name}`));
const none = () => false;

describe('filterDecks', () => {
  it('keeps every deck and section for an empty or blank query', () => {
    expect(filterDecks(DECKS, '')).toEqual(DECKS.map((d) => ({ deck: d, sections: d.sections, forcedOpen: false })));
    expect(filterDecks(DECKS, '   ')).toHaveLength(3);
  });

  it('a deck whose name matches keeps all its sections, ignoring case', () => {
    const kept = filterDecks(DECKS, 'spanish');
    expect(kept).toEqual([{ deck: spanish, sections: spanish.sections, forcedOpen: false }]);
  });

  it('a matching section keeps its deck, shows only the matches, and opens the deck', () => {
    const kept = filterDecks(DECKS, 'asia');
    expect(kept).toEqual([{ deck: capitals, sections: [capitals.sections[1]], forcedOpen: true }]);
  });

  it('ignores accents, and matches in the middle of a name', () => {
    expect(filterDecks(DECKS, 'resume')[0]?.sections.map((s) => s.name)).toEqual(['Résumé of rivers']);
    expect(filterDecks(DECKS, 'JUNCT')[0]?.deck).toBe(spanish);
  });

  it('nothing matching leaves nothing', () => {
    expect(filterDecks(DECKS, 'quantum')).toEqual([]);
  });
});

describe('visibleRows', () => {
  it('a collapsed deck hides its sections; an open one lists them beneath it', () => {
    const rows = visibleRows(filterDecks(DECKS, ''), (d) => d === capitals);
    expect(names(rows)).toEqual(['Spanish Verbs', '  Present tense', '  Subjunctive', 'World Capitals', 'Empty deck']);
    expect(rows.map((row) => row.kind === 'deck' && row.expanded)).toEqual([true, false, false, false, false]);
  });

  it('a deck without sections cannot open', () => {
    const [row] = visibleRows(filterDecks([empty], ''), none);
    expect(row).toMatchObject({ kind: 'deck', expandable: false, expanded: false });
  });

  it('a section match shows through a collapsed deck', () => {
    const rows = visibleRows(filterDecks(DECKS, 'europe'), () => true);
    expect(names(rows)).toEqual(['World Capitals', '  Europe']);
  });
});

describe('treeStep', () => {
  const open = visibleRows(filterDecks(DECKS, ''), (d) => d === capitals);
  const key = (i: number) => open[i].key;

  it('Up and Down move one row, and stop at the ends', () => {
    expect(treeStep(open, key(0), 'down')).toEqual({ focus: key(1) });
    expect(treeStep(open, key(3), 'up')).toEqual({ focus: key(2) });
    expect(treeStep(open, key(0), 'up')).toBeNull();
    expect(treeStep(open, key(4), 'down')).toBeNull();
  });

  it('Home and End go to the first and last row', () => {
    expect(treeStep(open, key(2), 'home')).toEqual({ focus: key(0) });
    expect(treeStep(open, key(2), 'end')).toEqual({ focus: key(4) });
  });

  it('Right opens a closed deck, then goes to its first section; Left goes back up, then closes it', () => {
    expect(treeStep(open, key(3), 'right')).toEqual({ expand: capitals });
    expect(treeStep(open, key(0), 'right')).toEqual({ focus: key(1) });
    expect(treeStep(open, key(2), 'left')).toEqual({ focus: key(0) });
    expect(treeStep(open, key(0), 'left')).toEqual({ collapse: spanish });
    expect(treeStep(open, key(3), 'left')).toBeNull();
  });

  it('Right does nothing on a section or on a deck without sections', () => {
    expect(treeStep(open, key(1), 'right')).toBeNull();
    expect(treeStep(open, key(4), 'right')).toBeNull();
  });

  it('a row no longer shown moves the focus to the first row', () => {
    expect(treeStep(open, 'section:99999', 'down')).toEqual({ focus: key(0) });
    expect(treeStep([], 'deck:1', 'down')).toBeNull();
  });
});

describe('the deck list state', () => {
  it('a deck starts open in a collection of up to three decks, collapsed in a bigger one', () => {
    expect(isCollapsedBy({}, spanish, 3)).toBe(false);
    expect(isCollapsedBy({}, spanish, 4)).toBe(true);
  });

  it('a person’s choice wins over the default either way', () => {
    expect(isCollapsedBy({ [spanish.key]: true }, spanish, 2)).toBe(true);
    expect(isCollapsedBy({ [spanish.key]: false }, spanish, 10)).toBe(false);
    expect(isCollapsedBy({ [spanish.key]: false }, capitals, 10)).toBe(true);
  });

  it('the overview shows the chosen deck, or the first when it is gone or none was chosen', () => {
    expect(selectedDeck(DECKS, capitals.id)).toBe(capitals);
    expect(selectedDeck(DECKS, 123456)).toBe(spanish);
    expect(selectedDeck(DECKS, null)).toBe(spanish);
    expect(selectedDeck([], null)).toBeUndefined();
  });

  it('a deck’s mastery is the sum over its sections', () => {
    expect(deckMastered(spanish)).toBe(5);
    expect(deckMastered(empty)).toBe(0);
  });
});
