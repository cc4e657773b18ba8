/**
 * The Import screen's choices and wording, without a page: a CSV file's columns as roles and back to a
 * mapping, when a new preview is needed, and what an import adds and updates in words.
 */
import { describe, expect, it } from 'vitest';
import { mappingOf, rolesOf, withRole } from '../../renderer/screens/import/import-csv-mapping';
import { sameOptions } from '../../renderer/screens/import/import-flow';
import { addedText, hasChanges, updatedText } from '../../renderer/screens/import/import-summary';
import type { ImportSummary } from '../../shared/io';

/** An import that changes nothing, with the counts given. */
function summary(
  counts: Partial<Omit<ImportSummary, 'updated' | 'skipped' | 'noteTypes'>>,
  updated = { notes: 0, cards: 0 },
): ImportSummary {
  const zero = { decks: 0, sections: 0, notes: 0, cards: 0, reviews: 0, media: 0, importedDecks: [] };
  return { ...zero, ...counts, updated, skipped: [], presets: [], noteTypes: [] };
}

describe('CSV columns', () => {
  it('start from the mapping Cue guessed, the other columns ignored', () => {
    expect(rolesOf({ question: 1, answer: 2, tags: 4 }, 4)).toEqual(['question', 'answer', 'ignore', 'tags']);
    expect(rolesOf(null, 3)).toEqual(['ignore', 'ignore', 'ignore']);
    // a guess beyond the columns there are is dropped
    expect(rolesOf({ question: 1, answer: 5 }, 2)).toEqual(['question', 'ignore']);
  });

  it('a role taken by another column leaves the one that had it; Ignore goes to any number', () => {
    const roles = rolesOf({ question: 1, answer: 2 }, 3);
    expect(withRole(roles, 2, 'question')).toEqual(['ignore', 'answer', 'question']);
    expect(withRole(roles, 0, 'ignore')).toEqual(['ignore', 'answer', 'ignore']);
    expect(roles).toEqual(['question', 'answer', 'ignore']);
  });

  it('make a mapping only once both question and answer have a column', () => {
    expect(mappingOf(['answer', 'ignore', 'question', 'section'])).toEqual({ question: 3, answer: 1, section: 4 });
    expect(mappingOf(['question', 'ignore'])).toBeNull();
    expect(mappingOf([])).toBeNull();
    const back = mappingOf(rolesOf({ question: 2, answer: 3, key: 1 }, 3));
    expect(back).toEqual({ question: 2, answer: 3, key: 1 });
  });
});

describe('a new preview', () => {
  it('is asked for when the deck name or the mapping changed', () => {
    expect(sameOptions({}, {})).toBe(true);
    expect(sameOptions({ deckName: 'Go' }, { deckName: 'Go' })).toBe(true);
    expect(sameOptions({ deckName: 'Go' }, { deckName: 'Rust' })).toBe(false);
    expect(sameOptions({ mapping: { question: 1, answer: 2 } }, { mapping: { question: 1, answer: 2 } })).toBe(true);
    expect(sameOptions({ mapping: { question: 1, answer: 2 } }, { mapping: { question: 2, answer: 1 } })).toBe(false);
    expect(sameOptions({}, { mapping: { question: 1, answer: 2 } })).toBe(false);
  });

  it('is asked for when "Reschedule from history" is turned on or off, its absence being off', () => {
    expect(sameOptions({}, { rescheduleFromHistory: true })).toBe(false);
    expect(sameOptions({ rescheduleFromHistory: true }, { rescheduleFromHistory: true })).toBe(true);
    expect(sameOptions({ rescheduleFromHistory: true }, { rescheduleFromHistory: false })).toBe(false);
    expect(sameOptions({}, { rescheduleFromHistory: false })).toBe(true);
  });
});

describe('what an import does, in words', () => {
  it('names what is added, zeros left out, and what is updated', () => {
    expect(addedText(summary({ decks: 1, notes: 3, cards: 3, media: 1 }))).toBe(
      '1 deck, 3 notes, 3 cards and 1 media file',
    );
    expect(addedText(summary({ reviews: 2 }))).toBe('2 reviews');
    expect(addedText(summary({}))).toBe('');
    expect(updatedText(summary({}, { notes: 2, cards: 1 }))).toBe('2 notes and 1 card');
    expect(updatedText(summary({}, { notes: 0, cards: 4 }))).toBe('4 cards');
  });

  it('tells an import that changes something from one that changes nothing', () => {
    expect(hasChanges(summary({}))).toBe(false);
    expect(hasChanges(summary({ sections: 1 }))).toBe(true);
    expect(hasChanges(summary({}, { notes: 0, cards: 1 }))).toBe(true);
  });
});
