/**
 * What an answer does beside scheduling: sibling burying on cards of one Anki note (a reversed
 * note imported from a real package gives two), and leeches tagged and suspended; undo takes both back.
 */
import { describe, expect, it } from 'vitest';
import { isLeechLapse } from '../../electron/core/answer-effects';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY, MS_PER_MINUTE } from '../../electron/core/days';
import type { AnswerResult, Rating } from '../../shared/domain';
import type { PresetOptions } from '../../shared/presets';
import { buildPackage, CollectionBuilder, STOCK } from '../helpers/anki-packages';
import { openTestCollection, TestClock } from '../helpers/collections';

const MONDAY_10AM = Date.UTC(2026, 2, 2, 10, 0);

function setOptions(collection: Collection, options: Partial<PresetOptions>): void {
  collection.handlers['presets.update']({ presetId: 1, options });
}

/** An Anki package with two "Basic (and reversed card)" notes and one Basic note, imported as deck Spanish. */
function importSpanish(clock: TestClock): { collection: Collection; deckId: number } {
  const b = new CollectionBuilder();
  const deck = b.deck('Spanish');
  b.note(STOCK.basicAndReversed(), ['gato', 'cat'], { deck });
  b.note(STOCK.basicAndReversed(), ['perro', 'dog'], { deck });
  b.note(STOCK.basic(), ['hola', 'hello'], { deck });
  const collection = openTestCollection(clock, { bundledDeckDir: null });
  collection.importFile('spanish.apkg', buildPackage({ layout: 'legacy1', collection: b.spec }), { dryRun: false });
  const deckId = collection.handlers['decks.list']({}).find((d) => d.name === 'Spanish')?.id;
  if (deckId === undefined) throw new Error('the import made no Spanish deck');
  return { collection, deckId };
}

function question(collection: Collection, deckId: number): string | null {
  return collection.handlers['study.next']({ deckId }).card?.question ?? null;
}

function answerShown(collection: Collection, clock: TestClock, deckId: number, rating: Rating): AnswerResult {
  const card = collection.handlers['study.next']({ deckId }).card;
  if (!card) throw new Error('nothing to answer');
  const result = collection.handlers['study.answer']({ deckId, cardId: card.id, rating, durationMs: 2000 });
  clock.advance(5000);
  return result;
}

describe('sibling burying', () => {
  it('the package gives a reversed note two cards that share a note', () => {
    const { collection, deckId } = importSpanish(new TestClock(MONDAY_10AM));
    const notes = collection.db
      .prepare('SELECT note_key, count(*) AS n FROM cards WHERE deck_id = ? GROUP BY note_key ORDER BY min(position)')
      .all(deckId) as { n: number }[];
    expect(notes.map((n) => n.n)).toEqual([2, 2, 1]);
  });

  it('without burying, a new sibling follows its card', () => {
    const clock = new TestClock(MONDAY_10AM);
    const { collection, deckId } = importSpanish(clock);
    expect(question(collection, deckId)).toMatch(/gato/);
    answerShown(collection, clock, deckId, 4);
    expect(question(collection, deckId)).toMatch(/cat/);
  });

  it('buries new siblings until the next day start, and undo brings them back', () => {
    const clock = new TestClock(MONDAY_10AM);
    const { collection, deckId } = importSpanish(clock);
    setOptions(collection, { buryNewSiblings: true });
    answerShown(collection, clock, deckId, 4);
    const after = collection.handlers['study.next']({ deckId });
    expect(after.card?.question).toMatch(/perro/);
    expect(after.counts.new).toBe(3);
    const deck = collection.handlers['decks.list']({}).find((d) => d.id === deckId);
    expect(deck?.sections[0].buried).toBe(1);
    const buried = collection.db
      .prepare("SELECT buried_until FROM cards WHERE deck_id = ? AND question LIKE '%cat%' AND answer LIKE '%gato%'")
      .pluck()
      .get(deckId);
    expect(buried).toBe(Date.UTC(2026, 2, 3, 4, 0));
    collection.handlers['study.undo']({ deckId });
    expect(collection.db.prepare('SELECT count(*) FROM cards WHERE buried_until IS NOT NULL').pluck().get()).toBe(0);
    // the next day, the sibling is back in the queue
    answerShown(collection, clock, deckId, 4);
    clock.set(Date.UTC(2026, 2, 3, 4, 0));
    expect(question(collection, deckId)).toMatch(/cat/);
  });

  it('buries review siblings due today if asked, and never learning siblings', () => {
    const clock = new TestClock(MONDAY_10AM);
    const { collection, deckId } = importSpanish(clock);
    // gato/cat both learned with Easy (review in 8 days); perro/dog both left in learning
    for (let i = 0; i < 2; i++) answerShown(collection, clock, deckId, 4);
    for (let i = 0; i < 2; i++) answerShown(collection, clock, deckId, 1);
    setOptions(collection, { buryNewSiblings: true, buryReviewSiblings: true });
    clock.advance(MS_PER_MINUTE);
    const learning = answerShown(collection, clock, deckId, 3);
    expect(learning.next.card?.question).toMatch(/dog/);
    expect(learning.next.card?.state).toBe('learning');
    clock.set(MONDAY_10AM + 9 * MS_PER_DAY);
    // the learning cards (overdue by now) come first: Easy takes them out of the way
    while (collection.handlers['study.next']({ deckId }).card?.state === 'learning') {
      answerShown(collection, clock, deckId, 4);
    }
    const review = collection.handlers['study.next']({ deckId });
    expect(review.card?.question).toMatch(/gato|cat/);
    expect(review.counts.review).toBe(2);
    const answered = answerShown(collection, clock, deckId, 3);
    expect(answered.next.counts.review).toBe(0);
    collection.handlers['study.undo']({ deckId });
    expect(collection.handlers['study.next']({ deckId }).counts.review).toBe(2);
  });
});

describe('leeches', () => {
  /** One card introduced and nothing else: the card lapses each time it is due. */
  function oneCard(options: Partial<PresetOptions>) {
    const clock = new TestClock(MONDAY_10AM);
    const collection = openTestCollection(clock);
    setOptions(collection, { newPerDay: 1, ...options });
    const cardId = answerShown(collection, clock, 1, 4).cardId;
    setOptions(collection, { newPerDay: 0 });
    /** Takes the card to its due day and answers Again, then Good once it relearned. */
    const lapse = (): AnswerResult => {
      const due = collection.db.prepare('SELECT due FROM cards WHERE id = ?').pluck().get(cardId) as number;
      clock.set(due + 6 * 3_600_000);
      const shown = collection.handlers['study.next']({ deckId: 1 }).card;
      expect(shown?.id).toBe(cardId);
      expect(shown?.state).toBe('review');
      const result = answerShown(collection, clock, 1, 1);
      if (!result.leech?.suspended) {
        clock.advance(10 * MS_PER_MINUTE);
        answerShown(collection, clock, 1, 3);
      }
      return result;
    };
    const tagged = () =>
      collection.handlers['cards.search']({ query: 'tag:leech', limit: 50, offset: 0 }).cards.map((c) => c.id);
    return { collection, clock, cardId, lapse, tagged };
  }

  it('follows Anki’s rule: at the threshold, then every half threshold', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((n) => isLeechLapse(n, 4))).toEqual([4, 6, 8, 10]);
    expect([7, 8, 9, 11, 12, 16].filter((n) => isLeechLapse(n, 8))).toEqual([8, 12, 16]);
    expect([4, 5, 6, 7, 8].filter((n) => isLeechLapse(n, 5))).toEqual([5, 8]);
    expect([1, 2, 3].filter((n) => isLeechLapse(n, 1))).toEqual([1, 2, 3]);
  });

  it('tags the card at the threshold and every half threshold after, and the browser finds it', () => {
    const { lapse, tagged, cardId, collection } = oneCard({ leechThreshold: 4, leechAction: 'tag' });
    expect([lapse(), lapse(), lapse()].map((r) => r.leech)).toEqual([null, null, null]);
    expect(tagged()).toEqual([]);
    expect(lapse().leech).toEqual({ tagged: true, suspended: false });
    expect(tagged()).toEqual([cardId]);
    expect(collection.handlers['cards.get']({ cardId }).suspended).toBe(false);
    expect(lapse().leech).toBeNull();
    expect(lapse().leech).toEqual({ tagged: true, suspended: false });
    // tagged once, however often it becomes a leech
    expect(collection.db.prepare('SELECT tags FROM cards WHERE id = ?').pluck().get(cardId)).toMatch(/^(\S+ )*leech$/);
  });

  it('suspends the leech if the preset says so, and undo takes the tag and the suspension back', () => {
    const { lapse, tagged, cardId, collection } = oneCard({ leechThreshold: 2, leechAction: 'suspend' });
    const before = collection.db.prepare('SELECT tags, updated_at FROM cards WHERE id = ?').get(cardId);
    expect(lapse().leech).toBeNull();
    const leech = lapse();
    expect(leech.leech).toEqual({ tagged: true, suspended: true });
    expect(leech.next.card).toBeNull();
    expect(tagged()).toEqual([cardId]);
    expect(collection.handlers['cards.search']({ query: 'is:suspended', limit: 50, offset: 0 }).total).toBe(1);
    const undone = collection.handlers['study.undo']({ deckId: 1 });
    expect(undone.next.card?.id).toBe(cardId);
    expect(undone.next.card?.state).toBe('review');
    expect(tagged()).toEqual([]);
    expect(collection.db.prepare('SELECT tags, updated_at FROM cards WHERE id = ?').get(cardId)).toEqual(before);
    expect(collection.handlers['cards.get']({ cardId }).suspended).toBe(false);
  });
});
