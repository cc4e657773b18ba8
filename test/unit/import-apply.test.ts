import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { MS_PER_DAY } from '../../electron/core/days';
import { importBundle } from '../../electron/core/io/apply-import';
import type { BundleCard, ImportBundle } from '../../electron/core/io/import-bundle';
import { findCard, rebuildReviewDays, replayCard } from '../../electron/core/review-log';
import { newSchedule } from '../../electron/core/scheduler';
import { contentChecksum, openTestCollection, TestClock, tempDir } from '../helpers/collections';

const NOW = Date.UTC(2026, 5, 1, 10, 0);

function card(key: string, extra: Partial<BundleCard> = {}): BundleCard {
  return { key, question: `Q ${key}`, answer: `A ${key}`, format: 'html', tags: ['t1'], ...extra };
}

function bundle(cards: BundleCard[], extra: Partial<ImportBundle> = {}): ImportBundle {
  return {
    source: { file: 'test.apkg', format: 'apkg' },
    decks: [{ key: 'anki-spanish', name: 'Spanish', sections: [{ key: 'verbs', name: 'Verbs', cards }] }],
    media: [],
    skipped: [],
    ...extra,
  };
}

function run(collection: Collection, b: ImportBundle, dryRun = false) {
  return importBundle(
    {
      db: collection.db,
      schedulerFor: (deckId) => collection.schedulerFor(deckId),
      now: collection.now(),
      mediaDir: collection.mediaDir,
    },
    b,
    { dryRun },
  );
}

const history = [
  { at: NOW - 30 * MS_PER_DAY, rating: 3 as const, durationMs: 5000 },
  { at: NOW - 30 * MS_PER_DAY + 600_000, rating: 3 as const, durationMs: 4000 },
  { at: NOW - 27 * MS_PER_DAY, rating: 3 as const, durationMs: 4000 },
  { at: NOW - 10 * MS_PER_DAY, rating: 1 as const, durationMs: 9000 },
];

describe('applying an import', () => {
  it('adds decks, sections, notes, cards, reviews and media, and says so', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const summary = run(
      collection,
      bundle(
        [
          card('n1-0', { noteKey: 'n1', reviews: history, question: '<img src="cat.png">' }),
          card('n1-1', { noteKey: 'n1' }),
          card('n2-0', { noteKey: 'n2', suspended: true }),
        ],
        {
          media: [{ name: 'cat.png', data: new Uint8Array([1, 2, 3]) }],
          skipped: [{ item: 'note 9', reason: 'empty' }],
        },
      ),
    );
    expect(summary).toEqual({
      decks: 1,
      sections: 1,
      notes: 2,
      cards: 3,
      reviews: 4,
      media: 1,
      updated: { notes: 0, cards: 0 },
      skipped: [{ item: 'note 9', reason: 'empty' }],
      importedDecks: [{ id: 2, key: 'anki-spanish', name: 'Spanish', created: true, cards: 3 }],
      presets: [],
      noteTypes: [],
    });
    expect(readFileSync(join(collection.mediaDir, 'cat.png'))).toEqual(Buffer.from([1, 2, 3]));
    const deck = collection.handlers['decks.list']({}).find((d) => d.name === 'Spanish');
    expect(deck?.sections.map((s) => [s.name, s.cards, s.suspended])).toEqual([['Verbs', 3, 1]]);
  });

  it('rebuilds each card’s state by replaying its history through the scheduler', () => {
    const collection = openTestCollection(new TestClock(NOW));
    run(collection, bundle([card('c', { reviews: history })]));
    const id = collection.db.prepare("SELECT id FROM cards WHERE key = 'c'").pluck().get() as number;
    const row = findCard(collection.db, id);
    expect(row).toMatchObject({ reps: 4, lapses: 1, state: 3, last_review: history[3].at });
    expect(replayCard(collection.db, collection.scheduler, id, newSchedule(0))).toMatchObject({
      stability: row.stability,
      due: row.due,
    });
    const logged = collection.db
      .prepare('SELECT reviewed_at, rating FROM reviews WHERE card_id = ? ORDER BY id')
      .all(id);
    expect(logged).toEqual(history.map((r) => ({ reviewed_at: r.at, rating: r.rating })));
    // the per-day counts, written once for the whole import, equal counting the log afresh
    const counts = () => [
      collection.db.prepare('SELECT * FROM review_days ORDER BY 1, 2, 3, 4, 5').all(),
      collection.db.prepare('SELECT * FROM review_hours ORDER BY 1, 2, 3').all(),
    ];
    const written = counts();
    expect(written[0]).toHaveLength(4);
    rebuildReviewDays(collection.db);
    expect(counts()).toEqual(written);
  });

  it('logs a large history in batches: each card replays to its state, and the counts are the log’s', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const cards = Array.from({ length: 60 }, (_, i) =>
      card(`c${i}`, { reviews: history.map((r) => ({ ...r, at: r.at + i * 60_000 })) }),
    );
    // the file holds the deck twice: c0 comes again, in another section, after its answers were logged
    const twice = bundle(cards);
    twice.decks.push({
      key: 'anki-spanish',
      name: 'Spanish',
      sections: [{ key: 'nouns', name: 'Nouns', cards: [card('c0')] }],
    });
    expect(run(collection, twice)).toMatchObject({ cards: 60, reviews: 240 });
    const ids = collection.db
      .prepare("SELECT c.id FROM cards c JOIN decks d ON d.id = c.deck_id WHERE d.key = 'anki-spanish'")
      .pluck()
      .all() as number[];
    expect(ids).toHaveLength(60);
    for (const id of ids) {
      const row = findCard(collection.db, id);
      expect(row.reps).toBe(4);
      expect(replayCard(collection.db, collection.scheduler, id, newSchedule(0))).toMatchObject({
        due: row.due,
        stability: row.stability,
        reps: row.reps,
      });
    }
    const counts = () => [
      collection.db.prepare('SELECT * FROM review_days ORDER BY 1, 2, 3, 4, 5').all(),
      collection.db.prepare('SELECT * FROM review_hours ORDER BY 1, 2, 3').all(),
    ];
    const written = counts();
    const perSection = collection.db
      .prepare(
        'SELECT s.name, sum(d.reviews) AS reviews FROM review_days d JOIN sections s ON s.id = d.section_id GROUP BY 1 ORDER BY 1',
      )
      .all();
    expect(perSection).toEqual([
      { name: 'Nouns', reviews: 4 },
      { name: 'Verbs', reviews: 236 },
    ]);
    rebuildReviewDays(collection.db);
    expect(counts()).toEqual(written);
  });

  it('reports its progress every 500 cards and at the end', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const calls: [number, number][] = [];
    const cards = Array.from({ length: 1200 }, (_, i) => card(`c${i}`));
    importBundle(
      {
        db: collection.db,
        schedulerFor: (deckId) => collection.schedulerFor(deckId),
        now: NOW,
        mediaDir: collection.mediaDir,
        onProgress: (done, total) => calls.push([done, total]),
      },
      bundle(cards),
      { dryRun: false },
    );
    expect(calls).toEqual([
      [500, 1200],
      [1000, 1200],
      [1200, 1200],
    ]);
  });

  it('prefers the memory state the source computed', () => {
    const collection = openTestCollection(new TestClock(NOW));
    run(collection, bundle([card('c', { reviews: history, memory: { stability: 12.5, difficulty: 4.25 } })]));
    expect(collection.db.prepare("SELECT stability, difficulty FROM cards WHERE key = 'c'").get()).toEqual({
      stability: 12.5,
      difficulty: 4.25,
    });
  });

  it('previews exactly what it would do, and changes nothing', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const before = contentChecksum(collection);
    const preview = run(
      collection,
      bundle([card('a', { reviews: history })], { media: [{ name: 'x.mp3', data: new Uint8Array([9]) }] }),
      true,
    );
    expect(preview).toMatchObject({ decks: 1, cards: 1, reviews: 4, media: 1 });
    expect(contentChecksum(collection)).toBe(before);
    expect(existsSync(join(collection.mediaDir, 'x.mp3'))).toBe(false);
    expect(run(collection, bundle([card('a', { reviews: history })]))).toMatchObject({
      decks: 1,
      cards: 1,
      reviews: 4,
    });
  });

  it('updates cards by key on a second import, keeps their history, and skips history it already has', () => {
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock);
    run(collection, bundle([card('a', { reviews: history }), card('b')]));
    const id = collection.db.prepare("SELECT id FROM cards WHERE key = 'a'").pluck().get() as number;
    const state = findCard(collection.db, id);
    const second = run(
      collection,
      bundle([card('a', { answer: 'new answer', reviews: history }), card('b'), card('c')]),
    );
    expect(second).toMatchObject({
      decks: 0,
      sections: 0,
      notes: 1,
      cards: 1,
      reviews: 0,
      updated: { notes: 1, cards: 1 },
      skipped: [{ item: 'history of card a', reason: 'the card already has its own review history in Cue' }],
    });
    expect(findCard(collection.db, id)).toEqual({ ...state, answer: 'new answer' });
  });

  it('rolls everything back when one card fails, and leaves no media behind', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const before = contentChecksum(collection);
    const broken = bundle([card('a', { reviews: history }), card('b', { format: 'rtf' as 'html' })], {
      media: [{ name: 'y.png', data: new Uint8Array([7]) }],
    });
    expect(() => run(collection, broken)).toThrow(/CHECK constraint/);
    expect(contentChecksum(collection)).toBe(before);
    expect(existsSync(join(collection.mediaDir, 'y.png'))).toBe(false);
  });

  it('renames a media file that clashes with a different one, and the cards that use it', () => {
    const collection = openTestCollection(new TestClock(NOW));
    run(
      collection,
      bundle([card('a', { question: '<img src="dog.png">' })], {
        media: [{ name: 'dog.png', data: new Uint8Array([1]) }],
      }),
    );
    const second: ImportBundle = {
      ...bundle([]),
      decks: [
        {
          key: 'other',
          name: 'Other',
          sections: [
            { key: 's', name: 'S', cards: [card('b', { question: '<img src="dog.png"> hotdog.png [sound:dog.png]' })] },
          ],
        },
      ],
      media: [{ name: 'dog.png', data: new Uint8Array([2]) }],
    };
    expect(run(collection, second).media).toBe(1);
    const question = collection.db.prepare("SELECT question FROM cards WHERE key = 'b'").pluck().get() as string;
    const renamed = /src="(dog-[0-9a-f]{8}\.png)"/.exec(question)?.[1] ?? '';
    expect(question).toBe(`<img src="${renamed}"> hotdog.png [sound:${renamed}]`);
    expect(readFileSync(join(collection.mediaDir, 'dog.png'))).toEqual(Buffer.from([1]));
    expect(readFileSync(join(collection.mediaDir, renamed))).toEqual(Buffer.from([2]));
  });

  it('adds history only, for a review-log import, to cards that exist', () => {
    const collection = openTestCollection(new TestClock(NOW));
    const revlog: ImportBundle = {
      source: { file: 'revlog.csv', format: 'revlog' },
      decks: [
        {
          key: 'lead-ml-engineer',
          name: '',
          sections: [
            {
              key: 'core',
              name: '',
              cards: [
                card('core-01', { question: '', answer: '', reviews: history }),
                card('core-99', { reviews: history }),
              ],
            },
          ],
        },
      ],
      media: [],
      skipped: [],
    };
    const summary = run(collection, revlog);
    expect(summary).toMatchObject({ cards: 0, reviews: 4, updated: { cards: 0 } });
    expect(summary.skipped).toEqual([{ item: 'card core-99', reason: 'no such card in the collection' }]);
    expect(findCard(collection.db, 1).question).toContain('recommendation system');
  });
});

describe('the media folder', () => {
  it('lives in the data folder', () => {
    const dataDir = tempDir();
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    expect(collection.mediaDir).toBe(join(dataDir, 'media'));
  });
});
