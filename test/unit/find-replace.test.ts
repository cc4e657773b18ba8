/** Find and replace in a selection's notes: plain or regular expression, where asked, previewed, all or nothing. */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { CueError } from '../../shared/errors';
import { contentChecksum, openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

function setup() {
  const collection = openTestCollection(new TestClock(NOW));
  const basic = collection.handlers['notetypes.list']({}).find((type) => type.key === 'basic');
  const sectionId = collection.handlers['decks.list']({})[0]?.sections[0]?.id ?? 0;
  const make = (front: string, back: string, tags: string[] = []) =>
    collection.handlers['notes.create']({ noteTypeId: basic?.id ?? 0, sectionId, fields: [front, back], tags })
      .added[0] ?? 0;
  const a = make('Cats and dogs 1', 'A cat is not a dog', ['pets', 'weak']);
  const b = make('CAT 2', 'Cat people', ['pets']);
  const c = make('A cat outside the selection', 'cat');
  return { collection, a, b, c };
}

const card = (collection: Collection, cardId: number) =>
  collection.db.prepare('SELECT question, answer, tags FROM cards WHERE id = ?').get(cardId) as {
    question: string;
    answer: string;
    tags: string;
  };

const run = (collection: Collection, input: Record<string, unknown>) =>
  collection.handlers['notes.findReplace']({
    regex: false,
    matchCase: false,
    in: 'fields',
    preview: false,
    ...input,
  } as never);

describe('find and replace', () => {
  it('replaces plain text in any case in every field of the selected notes only, re-rendering their cards', () => {
    const { collection, a, b, c } = setup();
    const result = run(collection, { cardIds: [a, b], find: 'cat', replace: 'fox' });
    expect(result).toMatchObject({ notes: 2, cards: 2, preview: false });
    expect(result.changes.map((change) => [change.field, change.after])).toEqual([
      ['Front', 'foxs and dogs 1'],
      ['Back', 'A fox is not a dog'],
      ['Front', 'fox 2'],
      ['Back', 'fox people'],
    ]);
    expect(card(collection, a).question).toContain('foxs and dogs 1');
    expect(card(collection, c).question).toContain('A cat outside');
  });

  it('matches case when asked, and takes $ in plain text as itself', () => {
    const { collection, a, b } = setup();
    run(collection, { cardIds: [a, b], find: 'Cat', replace: '$1 cost', matchCase: true });
    expect(card(collection, b).answer).toContain('$1 cost people');
    expect(card(collection, b).question).toContain('CAT 2');
    expect(card(collection, a).question).toContain('$1 costs and dogs 1');
    expect(card(collection, a).answer).toContain('A cat is not a dog');
  });

  it('a regular expression, with its groups, in one field by name', () => {
    const { collection, a, b } = setup();
    const result = run(collection, {
      cardIds: [a, b],
      find: '^(\\w+) (\\d)$',
      replace: '$2. $1',
      regex: true,
      in: { field: 'Front' },
    });
    expect(result.notes).toBe(1);
    expect(card(collection, b).question).toContain('2. CAT');
    expect(card(collection, a).answer).toContain('A cat is not a dog');
  });

  it('in the tags: each tag on its own', () => {
    const { collection, a, b } = setup();
    const result = run(collection, { cardIds: [a, b], find: 'weak', replace: 'hard', in: 'tags' });
    expect(result).toMatchObject({ notes: 1, changes: [{ field: 'Tags', before: 'pets weak', after: 'pets hard' }] });
    expect(card(collection, a).tags).toBe('pets hard');
    expect(card(collection, b).tags).toBe('pets');
  });

  it('previewed, lists what would change and changes nothing', () => {
    const { collection, a, b } = setup();
    const before = contentChecksum(collection);
    const result = run(collection, { cardIds: [a, b], find: 'dog', replace: 'wolf', preview: true });
    expect(result).toMatchObject({ notes: 1, cards: 1, preview: true });
    expect(result.changes).toHaveLength(2);
    expect(contentChecksum(collection)).toBe(before);
  });

  it('says what is wrong and changes nothing: a bad pattern, a field no note has, a card not there, a note left without cards', () => {
    const { collection, a, b } = setup();
    const cloze = collection.handlers['notetypes.list']({}).find((type) => type.key === 'cloze');
    const sectionId = collection.handlers['decks.list']({})[0]?.sections[0]?.id ?? 0;
    const clozeCard =
      collection.handlers['notes.create']({
        noteTypeId: cloze?.id ?? 0,
        sectionId,
        fields: ['The {{c1::cat}} sat', ''],
        tags: [],
      }).added[0] ?? 0;
    const before = contentChecksum(collection);
    const refused = (input: Record<string, unknown>) => thrown(CueError, () => run(collection, input));
    expect(refused({ cardIds: [a], find: '(', replace: '', regex: true }).message).toContain(
      'is not a regular expression',
    );
    expect(refused({ cardIds: [a, b], find: 'x', replace: '', in: { field: 'Extra' } }).message).toBe(
      "None of the selected cards' notes has a field “Extra”.",
    );
    expect(refused({ cardIds: [a, 999_999], find: 'cat', replace: 'fox' }).code).toBe('not_found');
    // the cloze note would make no card: refused, and the other note of the selection is not changed either
    expect(
      refused({ cardIds: [a, clozeCard], find: '\\{\\{c1::(\\w+)\\}\\}', replace: '$1', regex: true }).code,
    ).toBeDefined();
    expect(contentChecksum(collection)).toBe(before);
  });
});
