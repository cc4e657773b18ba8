/**
 * Anki packages imported into a collection through the real import path (Collection.importFile): every broken
 * input must leave the collection byte-for-byte as it was, with a message that names the file and the problem,
 * and a package with review history gives each card its replayed state. Reading packages is anki-import.test.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replayCard } from '../../electron/core/review-log';
import { newSchedule } from '../../electron/core/scheduler';
import { CueError } from '../../shared/errors';
import { buildPackage, buildSchema11, CollectionBuilder, STOCK, withDeclaredSize, zip } from '../helpers/anki-packages';
import { contentChecksum, openTestCollection, TestClock } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 10, 0);
const text = (s: string) => new TextEncoder().encode(s);

function smallCollection() {
  const b = new CollectionBuilder();
  const deck = b.deck('Spanish');
  b.note(STOCK.basic(), ['hola', 'hello'], { deck });
  return b.spec;
}

function cases(): [string, string, Uint8Array, RegExp][] {
  const spec = smallCollection();
  const good = buildPackage({ layout: 'legacy1', collection: spec });
  return [
    ['not a zip', 'notes.apkg', text('plain text, not a zip'), /notes\.apkg.*not a zip/i],
    ['a zip without a collection', 'empty.apkg', zip({ readme: text('hi') }), /empty\.apkg: has no Anki collection/],
    [
      'a truncated collection',
      'cut.apkg',
      zip({ 'collection.anki2': buildSchema11(spec).subarray(0, 3000) }),
      /cut\.apkg \(collection\.anki2\).*(truncated|corrupt)/,
    ],
    [
      'a corrupt media map',
      'media.apkg',
      buildPackage({ layout: 'legacy1', collection: spec, entries: { media: text('{"0": "a.png",') } }),
      /media\.apkg \(media\).*media map is corrupt/,
    ],
    [
      'a media name with ../',
      'escape.apkg',
      buildPackage({ layout: 'legacy1', collection: spec, media: [{ name: '../../evil.sh', data: text('x') }] }),
      /escape\.apkg.*\.\./,
    ],
    [
      'an absolute media path',
      'absolute.apkg',
      buildPackage({ layout: 'legacy1', collection: spec, media: [{ name: '/etc/passwd', data: text('x') }] }),
      /absolute\.apkg/,
    ],
    [
      'entries that expand past the size limit',
      'bomb.apkg',
      withDeclaredSize(good, 'collection.anki2', 3 * 1024 ** 3),
      /bomb\.apkg.*(limit|too large|expand)/i,
    ],
    ['a CSV with ragged rows', 'ragged.csv', text('q1,a1\nq2,a2,extra\nq3,a3\n'), /ragged\.csv \(line 2\)/],
    [
      'a CSV that is not UTF-8',
      'latin1.csv',
      new Uint8Array([0x71, 0x2c, 0xe9, 0x74, 0xe9, 0x0a]),
      /latin1\.csv.*UTF-8/,
    ],
    [
      'a Cue deck with a syntax error',
      'broken.md',
      text('---\ncue-deck: 1\nid: b\nname: B\nversion: 1\n---\n# S {#s}\n## No id\n'),
      /broken\.md \(line 8\)/,
    ],
  ];
}

describe('a failed import', () => {
  for (const [what, name, bytes, message] of cases()) {
    it(`refuses ${what}, names it, and changes nothing`, () => {
      const collection = openTestCollection(new TestClock(NOW));
      collection.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
      const before = contentChecksum(collection);
      let error: unknown;
      try {
        collection.importFile(name, bytes, { dryRun: false });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(CueError);
      expect((error as CueError).code).toBe('invalid_input');
      expect((error as CueError).message).toMatch(message);
      expect(contentChecksum(collection)).toBe(before);
    });
  }
});

describe('a package with review history', () => {
  for (const layout of ['legacy1', 'latest'] as const) {
    it(`rescheduled from history, gives each card the state that replaying its history gives (${layout})`, () => {
      const b = new CollectionBuilder();
      const deck = b.deck('Spanish::Verbs');
      const { cardIds } = b.note(STOCK.basic(), ['comer', 'to eat'], { deck });
      const { cardIds: suspended } = b.note(STOCK.basic(), ['ir', 'to go'], { deck, card: () => ({ queue: -1 }) });
      const day = 86_400_000;
      const first = Date.UTC(2026, 0, 5, 9, 0);
      b.review(cardIds[0], first, 3, { type: 0 });
      b.review(cardIds[0], first + 600_000, 3, { type: 0 });
      b.review(cardIds[0], first + 3 * day, 3);
      b.review(cardIds[0], first + 14 * day, 1);
      b.review(cardIds[0], first + 14 * day + 600_000, 3, { type: 2 });
      b.review(suspended[0], first + 1, 4, { type: 0 });
      const collection = openTestCollection(new TestClock(NOW));
      const summary = collection.importFile('spanish.apkg', buildPackage({ layout, collection: b.spec }), {
        dryRun: false,
        rescheduleFromHistory: true,
      });
      expect(summary).toMatchObject({ decks: 1, sections: 1, notes: 2, cards: 2, reviews: 6 });
      const cards = collection.db
        .prepare(
          "SELECT id, state, stability, difficulty, due, reps, lapses, suspended FROM cards WHERE key LIKE 'n%' ORDER BY id",
        )
        .all() as { id: number; suspended: number }[];
      for (const card of cards) {
        const replayed = replayCard(collection.db, collection.scheduler, card.id, newSchedule(0));
        expect(card).toMatchObject({
          state: replayed.state,
          stability: replayed.stability,
          difficulty: replayed.difficulty,
          due: replayed.due,
          reps: replayed.reps,
          lapses: replayed.lapses,
        });
      }
      expect(cards.map((c) => c.suspended)).toEqual([0, 1]);
      expect(cards[0]).toMatchObject({ lapses: 1, reps: 5 });
    });
  }
});

describe('a media map with gaps', () => {
  const bytes = (s: string) => new TextEncoder().encode(s);
  function gappyPackage(layout: 'legacy1' | 'latest', missingCount: number) {
    const b = new CollectionBuilder();
    const deck = b.deck('Pictures');
    b.note(STOCK.basic(), ['<img src="a.png">', 'a'], { deck });
    b.note(STOCK.basic(), ['<img src="gone0.png">', 'refers to a missing file'], { deck });
    const gone = Array.from({ length: missingCount }, (_, i) => ({ name: `gone${i}.png`, data: bytes(`gone ${i}`) }));
    // Entries 0, 1, 2 are there (2 names a.png again); the gone files' entries are removed.
    const media = [
      { name: 'a.png', data: bytes('first a') },
      { name: 'b.png', data: bytes('b') },
      { name: 'a.png', data: bytes('second a') },
      ...gone,
    ];
    const removed = Object.fromEntries(gone.map((_, i) => [String(3 + i), null]));
    return buildPackage({ layout, collection: b.spec, media, entries: removed });
  }

  for (const layout of ['legacy1', 'latest'] as const) {
    it(`imports what is there and says, in the preview and the result, what was not (${layout})`, () => {
      const collection = openTestCollection(new TestClock(NOW));
      const pkg = gappyPackage(layout, 2);
      const expected = [
        { item: 'media in gaps.apkg', reason: '1 file listed twice in the media map, kept the first: "a.png"' },
        {
          item: 'media in gaps.apkg',
          reason: '2 files named in the media map but missing from the package: "gone0.png", "gone1.png"',
        },
      ];
      const preview = collection.importFile('gaps.apkg', pkg, { dryRun: true });
      expect(preview).toMatchObject({ cards: 2, media: 2 });
      expect(preview.skipped).toEqual(expected);
      const result = collection.importFile('gaps.apkg', pkg, { dryRun: false });
      expect(result).toMatchObject({ cards: 2, media: 2 });
      expect(result.skipped).toEqual(expected);
      expect(readdirSync(collection.mediaDir).sort()).toEqual(['a.png', 'b.png']);
      expect(readFileSync(join(collection.mediaDir, 'a.png'), 'utf8')).toBe('first a');
      const questions = collection.db.prepare('SELECT question FROM cards ORDER BY id').all() as { question: string }[];
      expect(questions.map((q) => q.question).join('\n')).toContain('gone0.png');
    });
  }

  it('names at most ten missing files, then says how many more', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const summary = collection.importFile('many.apkg', gappyPackage('legacy1', 13), { dryRun: true });
    const missing = summary.skipped.find((s) => s.reason.includes('missing'));
    const names = Array.from({ length: 10 }, (_, i) => `"gone${i}.png"`).join(', ');
    expect(missing?.reason).toBe(`13 files named in the media map but missing from the package: ${names} and 3 more`);
  });
});
