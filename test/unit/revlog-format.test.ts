import { describe, expect, it } from 'vitest';
import type { ExportCard, ExportDeck, ExportReview } from '../../electron/core/io/export-data';
import { ImportError } from '../../electron/core/io/import-bundle';
import { type RevlogCardIndex, readRevlogCsv, writeRevlogCsv } from '../../electron/core/io/revlog-format';
import { thrown } from '../helpers/thrown';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9, 30);

let reviewId = 1;
function review(at: number, rating: 1 | 2 | 3 | 4, stateBefore: number, durationMs: number): ExportReview {
  return {
    id: reviewId++,
    at,
    rating,
    durationMs,
    stateBefore,
    scheduledDaysAfter: 1,
    dueAfter: at + DAY,
    stabilityAfter: 1,
    difficultyAfter: 5,
  };
}

function card(id: number, key: string, reviews: ExportReview[]): ExportCard {
  return {
    id,
    key,
    question: `Question ${key}`,
    answer: `Answer ${key}`,
    flag: 0,
    format: 'markdown',
    tags: [],
    suspended: false,
    state: 2,
    due: 0,
    stability: 1,
    difficulty: 5,
    scheduledDays: 1,
    reps: reviews.length,
    lapses: 0,
    lastReview: reviews.at(-1)?.at ?? null,
    createdAt: T0,
    updatedAt: T0,
    reviews,
  };
}

const decks: ExportDeck[] = [
  {
    key: 'deck-a',
    name: 'Deck A',
    description: '',
    version: 1,
    media: new Map(),
    sections: [
      {
        key: 'one',
        name: 'One',
        description: '',
        cards: [
          card(11, 'a-1', [
            review(T0, 3, 0, 8200),
            review(T0 + 10 * 60_000, 3, 1, 4100),
            review(T0 + 3 * DAY, 1, 2, 12_000),
          ]),
          card(12, 'a-2', [review(T0 + 5_000, 4, 0, 2500)]),
        ],
      },
      { key: 'two', name: 'Two', description: '', cards: [card(13, 'a-3', [review(T0 + 4 * DAY, 2, 3, 0)])] },
    ],
  },
  {
    key: 'deck-b',
    name: 'Deck B',
    description: '',
    version: 1,
    media: new Map(),
    sections: [
      {
        key: 'main',
        name: 'Main',
        description: '',
        cards: [card(21, 'b-1', [review(T0 + DAY, 3, 0, 6000)]), card(22, 'b-2', [])],
      },
    ],
  },
];

function indexOf(list: ExportDeck[]): RevlogCardIndex {
  const index: RevlogCardIndex = new Map();
  for (const deck of list) {
    for (const section of deck.sections) {
      for (const c of section.cards)
        index.set(String(c.id), { deckKey: deck.key, sectionKey: section.key, key: c.key });
    }
  }
  return index;
}

const importError = (action: () => unknown) => thrown(ImportError, action);

const HEADER = 'card_id,review_time,review_rating,review_state,review_duration';

describe('writeRevlogCsv', () => {
  it('writes the optimizer header and one row per review, sorted by time', () => {
    const text = writeRevlogCsv(decks);
    expect(text.split('\n')).toEqual([
      HEADER,
      `11,${T0},3,0,8200`,
      `12,${T0 + 5000},4,0,2500`,
      `11,${T0 + 600_000},3,1,4100`,
      `21,${T0 + DAY},3,0,6000`,
      `11,${T0 + 3 * DAY},1,2,12000`,
      `13,${T0 + 4 * DAY},2,3,0`,
      '',
    ]);
  });
});

describe('readRevlogCsv', () => {
  it('round-trips every review onto its card', () => {
    const bundle = readRevlogCsv(writeRevlogCsv(decks), 'revlog.csv', indexOf(decks));
    expect(bundle.source).toEqual({ file: 'revlog.csv', format: 'revlog' });
    expect(bundle.skipped).toEqual([]);
    const got = bundle.decks.flatMap((deck) =>
      deck.sections.flatMap((section) =>
        section.cards.map((c) => ({ deck: deck.key, section: section.key, key: c.key, reviews: c.reviews })),
      ),
    );
    const want = decks.flatMap((deck) =>
      deck.sections.flatMap((section) =>
        section.cards
          .filter((c) => c.reviews.length > 0)
          .map((c) => ({
            deck: deck.key,
            section: section.key,
            key: c.key,
            reviews: c.reviews.map(({ at, rating, durationMs }) => ({ at, rating, durationMs })),
          })),
      ),
    );
    expect(got.sort((a, b) => a.key.localeCompare(b.key))).toEqual(want.sort((a, b) => a.key.localeCompare(b.key)));
    // the bundle only carries history
    for (const c of bundle.decks.flatMap((d) => d.sections.flatMap((s) => s.cards))) {
      expect(c).toMatchObject({ question: '', answer: '', tags: [] });
    }
  });

  it('skips reviews of cards not in the collection, once per card', () => {
    const text = [
      HEADER,
      `11,${T0},3,0,1000`,
      `999,${T0},3,0,1000`,
      `999,${T0 + DAY},1,2,1000`,
      `abc,${T0},2,0,5`,
    ].join('\n');
    const bundle = readRevlogCsv(text, 'revlog.csv', indexOf(decks));
    expect(bundle.decks.flatMap((d) => d.sections.flatMap((s) => s.cards.map((c) => c.key)))).toEqual(['a-1']);
    expect(bundle.skipped).toEqual([
      { item: 'card_id 999 (2 reviews, first on line 3)', reason: 'no card 999 in the collection' },
      { item: 'card_id abc (1 review, first on line 5)', reason: 'no card abc in the collection' },
    ]);
  });

  it('skips a review listed twice', () => {
    const text = `${HEADER}\n11,${T0},3,0,1000\n11,${T0},3,0,1000\n`;
    const bundle = readRevlogCsv(text, 'revlog.csv', indexOf(decks));
    expect(bundle.decks[0].sections[0].cards[0].reviews).toHaveLength(1);
    expect(bundle.skipped).toEqual([{ item: 'line 3', reason: 'the same review of card 11 is on line 2' }]);
  });

  it('reads columns in any order, without the optional ones, and sorts reviews', () => {
    const text = `review_rating,card_id,review_time\n3,12,${T0 + DAY}\n1,12,${T0}\n`;
    const [c] = readRevlogCsv(text, 'r.csv', indexOf(decks)).decks[0].sections[0].cards;
    expect(c.reviews).toEqual([
      { at: T0, rating: 1, durationMs: 0 },
      { at: T0 + DAY, rating: 3, durationMs: 0 },
    ]);
    // pandas writes floats when a column had gaps
    const floats = `${HEADER}\n12,${T0}.0,3.0,0.0,1500.0\n`;
    expect(readRevlogCsv(floats, 'r.csv', indexOf(decks)).decks[0].sections[0].cards[0].reviews).toEqual([
      { at: T0, rating: 3, durationMs: 1500 },
    ]);
  });

  it('reports malformed rows with their line', () => {
    const cases: [string, string][] = [
      [`11,${T0},5,2,1000`, 'review_rating must be 1 (Again) to 4 (Easy), not 5'],
      [`11,${T0},0,2,1000`, 'review_rating must be 1 (Again) to 4 (Easy), not 0'],
      [`11,${T0},3,4,1000`, 'review_state must be 0 (new), 1 (learning), 2 (review) or 3 (relearning), not 4'],
      [`11,${T0},3,2,-5`, "review_duration can't be negative (-5)"],
      [`11,${T0}.5,3,2,10`, `review_time must be a whole number, not "${T0}.5"`],
      [`11,yesterday,3,2,10`, 'review_time must be a whole number, not "yesterday"'],
      [`11,${Math.floor(T0 / 1000)},3,2,10`, /^review_time must be milliseconds since 1970/.source],
      [`11,,3,2,10`, 'review_time is empty'],
      [`,${T0},3,2,10`, 'card_id is empty'],
      [`11,${T0},3,2`, 'this row has 4 fields, but the header has 5'],
      [`11,${T0},good,2,10`, 'review_rating must be a whole number, not "good"'],
      // past 2200 is no real review, and past year 275760 no date at all (found by the import fuzz)
      ['11,7258118400000,3,2,10', 'review_time must be milliseconds since 1970; "7258118400000" is after 2200'],
      ['11,1e20,3,2,10', 'review_time must be milliseconds since 1970; "1e20" is after 2200'],
    ];
    for (const [row, reason] of cases) {
      const text = `${HEADER}\n12,${T0},3,0,100\n\n${row}\n`;
      const error = importError(() => readRevlogCsv(text, 'bad.csv', indexOf(decks)));
      expect(error.source).toEqual({ file: 'bad.csv', where: 'line 4' });
      if (reason.startsWith('^')) expect(error.reason).toMatch(new RegExp(reason));
      else expect(error.reason).toBe(reason);
    }
  });

  it('needs the header', () => {
    const error = importError(() => readRevlogCsv(`11,${T0},3,0,100\n`, 'nohead.csv', indexOf(decks)));
    expect(error.source).toEqual({ file: 'nohead.csv', where: 'line 1' });
    expect(error.reason).toMatch(/^the first line must name the columns card_id,review_time/);
    expect(importError(() => readRevlogCsv('', 'empty.csv', new Map())).reason).toBe('is empty');
  });
});
