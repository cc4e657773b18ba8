/** Tags across the collection: listed, renamed and deleted everywhere, children with their parent. */
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { CueError } from '../../shared/errors';
import { contentChecksum, openTestCollection, TestClock } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 2, 2, 10, 0);

function tagged(): Collection {
  const collection = openTestCollection(new TestClock(NOW));
  const tag = (key: string, tags: string[]) => {
    const cardId = collection.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number;
    collection.handlers['cards.update']({ cardId, tags });
  };
  tag('dsa-01', ['interview', 'weak']);
  tag('dsa-02', ['Interview::ML', 'graphs']);
  tag('dsa-03', ['interview::ml::deep']);
  tag('dsa-04', ['interviewer']);
  return collection;
}

const tagsOf = (collection: Collection, key: string) =>
  collection.db.prepare('SELECT tags FROM cards WHERE key = ?').pluck().get(key);
const keysWith = (collection: Collection, query: string) =>
  collection.handlers['cards.search']({ query, limit: 100, offset: 0 }).cards.map((card) =>
    collection.db.prepare('SELECT key FROM cards WHERE id = ?').pluck().get(card.id),
  );

describe('tags', () => {
  it('are listed with their cards, alphabetical in any case', () => {
    expect(tagged().handlers['tags.list']({})).toEqual([
      { tag: 'graphs', cards: 1 },
      { tag: 'interview', cards: 1 },
      { tag: 'Interview::ML', cards: 1 },
      { tag: 'interview::ml::deep', cards: 1 },
      { tag: 'interviewer', cards: 1 },
      { tag: 'weak', cards: 1 },
    ]);
  });

  it('tag: finds a tag with its children, not tags that only start the same', () => {
    const collection = tagged();
    expect(keysWith(collection, 'tag:interview').sort()).toEqual(['dsa-01', 'dsa-02', 'dsa-03']);
    expect(keysWith(collection, 'tag:interview::ml').sort()).toEqual(['dsa-02', 'dsa-03']);
    expect(keysWith(collection, 'tag:ml')).toEqual([]);
  });

  it('rename a tag and its children on every note and card, in any case, and say how many changed', () => {
    const collection = tagged();
    expect(collection.handlers['tags.rename']({ from: 'INTERVIEW', to: 'prep' })).toEqual({ notes: 3, cards: 3 });
    expect(tagsOf(collection, 'dsa-01')).toBe('prep weak');
    expect(tagsOf(collection, 'dsa-02')).toBe('prep::ML graphs');
    expect(tagsOf(collection, 'dsa-03')).toBe('prep::ml::deep');
    expect(tagsOf(collection, 'dsa-04')).toBe('interviewer');
    // the note holds the tags, and its cards carry them
    const note = collection.db
      .prepare("SELECT n.tags FROM notes n JOIN cards c ON c.note_id = n.id WHERE c.key = 'dsa-02'")
      .pluck()
      .get();
    expect(note).toBe('prep::ML graphs');
    expect(keysWith(collection, 'tag:prep').sort()).toEqual(['dsa-01', 'dsa-02', 'dsa-03']);
  });

  it('rename and delete in any case beyond ASCII: über and Über::x are one tag and its child', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const tag = (key: string, tags: string[]) => {
      const cardId = collection.db.prepare('SELECT id FROM cards WHERE key = ?').pluck().get(key) as number;
      collection.handlers['cards.update']({ cardId, tags });
    };
    tag('dsa-01', ['über']);
    tag('dsa-02', ['Über::x']);
    expect(collection.handlers['tags.rename']({ from: 'ÜBER', to: 'u' })).toEqual({ notes: 2, cards: 2 });
    expect([tagsOf(collection, 'dsa-01'), tagsOf(collection, 'dsa-02')]).toEqual(['u', 'u::x']);
    tag('dsa-03', ['Ärger']);
    expect(collection.handlers['tags.delete']({ tag: 'ärger' })).toEqual({ notes: 1, cards: 1 });
  });

  it('rename onto a tag a note already has: it carries it once', () => {
    const collection = tagged();
    collection.handlers['tags.rename']({ from: 'weak', to: 'interview' });
    expect(tagsOf(collection, 'dsa-01')).toBe('interview');
  });

  it('delete a tag and its children from every card, leaving the rest', () => {
    const collection = tagged();
    expect(collection.handlers['tags.delete']({ tag: 'interview::ml' })).toEqual({ notes: 2, cards: 2 });
    expect(tagsOf(collection, 'dsa-02')).toBe('graphs');
    expect(tagsOf(collection, 'dsa-03')).toBe('');
    expect(tagsOf(collection, 'dsa-01')).toBe('interview weak');
  });

  it('refuse what cannot be done, and change nothing', () => {
    const collection = tagged();
    const before = contentChecksum(collection);
    const refused = (action: () => unknown) => thrown(CueError, action);
    expect(refused(() => collection.handlers['tags.rename']({ from: 'missing', to: 'x' })).message).toBe(
      'No card has the tag "missing".',
    );
    expect(
      refused(() => collection.handlers['tags.rename']({ from: 'interview', to: 'interview::sub' })).message,
    ).toContain('a tag cannot become its own child');
    expect(refused(() => collection.handlers['tags.rename']({ from: 'weak', to: 'very weak' })).message).toContain(
      'holds a space',
    );
    expect(refused(() => collection.handlers['tags.rename']({ from: 'weak', to: 'a::::b' })).message).toContain(
      'an empty level',
    );
    expect(refused(() => collection.handlers['tags.delete']({ tag: 'graph' })).code).toBe('not_found');
    expect(contentChecksum(collection)).toBe(before);
  });
});
