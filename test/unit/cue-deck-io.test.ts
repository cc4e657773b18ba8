import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../electron/core/deck-format';
import { readCueDeck, unwrapVerbatim, wrapVerbatim, writeCueDeck } from '../../electron/core/io/cue-deck-io';
import type { ExportDeck, ExportSection } from '../../electron/core/io/export-data';
import { type BundleDeck, type ImportBundle, ImportError } from '../../electron/core/io/import-bundle';
import { CueError } from '../../shared/errors';
import { databaseDigest } from '../helpers/collection-digest';
import { BUNDLED_DECK_DIR, openTestCollection, TestClock } from '../helpers/collections';
import { exportCard } from '../helpers/export-decks';

const bundledPath = join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md');
const bundledText = readFileSync(bundledPath, 'utf8');

function exportDeck(sections: ExportSection[], fields: Partial<ExportDeck> = {}): ExportDeck {
  return { key: 'test-deck', name: 'Test deck', description: '', version: 3, sections, media: new Map(), ...fields };
}

/** An ExportDeck with the content of a bundle's deck, as the collection would hand it to a writer. */
function toExport(deck: BundleDeck, version = 1): ExportDeck {
  return exportDeck(
    deck.sections.map((section) => ({
      key: section.key,
      name: section.name,
      description: section.description ?? '',
      cards: section.cards.map((c) =>
        exportCard({ key: c.key, question: c.question, answer: c.answer, format: c.format, tags: c.tags }),
      ),
    })),
    { key: deck.key, name: deck.name, description: deck.description ?? '', version },
  );
}

/** The content a bundle carries for one deck, for comparisons. */
function content(bundle: ImportBundle) {
  return bundle.decks.map((deck) => ({
    key: deck.key,
    name: deck.name,
    description: deck.description,
    sections: deck.sections.map((s) => ({
      key: s.key,
      name: s.name,
      description: s.description,
      cards: s.cards.map((c) => ({
        key: c.key,
        question: c.question,
        answer: c.answer,
        format: c.format,
        tags: c.tags,
      })),
    })),
  }));
}

function roundTrip(deck: ExportDeck): ImportBundle {
  return readCueDeck(writeCueDeck(deck), 'export.md');
}

describe('readCueDeck', () => {
  it('reads the bundled deck as Markdown cards keyed by their stable ids', () => {
    const bundle = readCueDeck(bundledText, bundledPath);
    expect(bundle.source).toEqual({ file: bundledPath, format: 'cue' });
    expect(bundle.media).toEqual([]);
    expect(bundle.skipped).toEqual([]);
    const [deck] = bundle.decks;
    expect(deck.key).toBe('lead-ml-engineer');
    expect(deck.name).toBe('Lead Machine Learning Engineer: Interview Questions and Answers');
    expect(deck.sections.map((s) => s.key)).toEqual(parseDeck(bundledText).sections.map((s) => s.key));
    expect(deck.sections[0].key).toBe('core');
    const cards = deck.sections.flatMap((s) => s.cards);
    expect(cards).toHaveLength(50);
    expect(cards[0].key).toBe('core-01');
    expect(cards.every((c) => c.format === 'markdown')).toBe(true);
  });

  it('reports a syntax error as an ImportError with the file and line', () => {
    const text =
      '---\ncue-deck: 1\nid: broken\nname: Broken\nversion: 1\n---\n\n# Section {#s}\n\n## A card without an id\n';
    let error: unknown;
    try {
      readCueDeck(text, 'broken.md');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).source).toEqual({ file: 'broken.md', where: 'line 10' });
    expect((error as ImportError).reason).toMatch(/stable id/);
    expect((error as ImportError).message).toBe(`broken.md (line 10): ${(error as ImportError).reason}`);
  });

  it('refuses a code block that swallows the next card, naming both lines', () => {
    const text = [
      '---',
      'cue-deck: 1',
      'id: fence',
      'name: Fence',
      'version: 1',
      '---',
      '',
      '# Section {#s}',
      '',
      '## First {#first}',
      '',
      '```python',
      'print(1)',
      '',
      '## Second {#second}',
      '',
      'The second answer.',
      '```',
    ].join('\n');
    let error: unknown;
    try {
      readCueDeck(text, 'fence.md');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).source).toEqual({ file: 'fence.md', where: 'line 15' });
    expect((error as ImportError).reason).toBe(
      'this line looks like a card heading but is inside the code block opened at line 12; close that block first',
    );
  });

  it('reads tags and cue-html blocks', () => {
    const text = [
      '---',
      'cue-deck: 1',
      'id: tagged',
      'name: Tagged',
      'version: 1',
      '---',
      '',
      '# Only {#only}',
      '',
      '## Plain {#plain .one .two::three}',
      '',
      'Answer',
      '',
      '## {#html}',
      '',
      '::: question',
      '```cue-html',
      '<b>Bold</b> question',
      '```',
      ':::',
      '',
      '```cue-html',
      'An <i>answer</i>',
      '',
      '```',
    ].join('\n');
    const cards = readCueDeck(text, 'tagged.md').decks[0].sections[0].cards;
    expect(cards[0]).toEqual({
      key: 'plain',
      question: 'Plain',
      answer: 'Answer',
      format: 'markdown',
      tags: ['one', 'two::three'],
    });
    expect(cards[1]).toEqual({
      key: 'html',
      question: '<b>Bold</b> question',
      answer: 'An <i>answer</i>\n',
      format: 'html',
      tags: [],
    });
  });
});

describe('writeCueDeck', () => {
  it('round-trips every card of the bundled deck unchanged', () => {
    const original = readCueDeck(bundledText, bundledPath);
    const written = writeCueDeck(toExport(original.decks[0]));
    const back = readCueDeck(written, 'export.md');
    expect(content(back)).toEqual(content(original));
    // plain Markdown needs no verbatim blocks: the file reads like the bundled one
    expect(written).not.toMatch(/cue-(html|markdown)/);
    expect(parseDeck(written).sections.flatMap((s) => s.cards)).toEqual(
      parseDeck(bundledText)
        .sections.flatMap((s) => s.cards)
        .map((c) => ({ ...c, line: expect.any(Number) })),
    );
  });

  it('round-trips HTML cards in cue-html blocks, keeping their format', () => {
    const html = exportCard({
      key: 'anki-1',
      format: 'html',
      question: 'What is <b>bold</b>?<br>\n```not a fence```',
      answer: '<div>Heavy</div>\n\n# not a heading\n```\n:::\n<img src="bold.png">',
      tags: ['html', 'anki::import'],
    });
    const emptyAnswer = exportCard({ key: 'anki-2', format: 'html', question: '<i>Only a question</i>', answer: '' });
    const markdown = exportCard({ key: 'md-1', question: 'A **Markdown** question', answer: 'Its answer' });
    const deck = exportDeck([
      { key: 'mixed', name: 'Mixed', description: 'Both kinds', cards: [html, emptyAnswer, markdown] },
    ]);
    const written = writeCueDeck(deck);
    expect(written).toContain('````cue-html\nWhat is <b>bold</b>?<br>');
    const cards = roundTrip(deck).decks[0].sections[0].cards;
    expect(cards).toEqual([
      { key: 'anki-1', question: html.question, answer: html.answer, format: 'html', tags: html.tags },
      { key: 'anki-2', question: emptyAnswer.question, answer: '', format: 'html', tags: [] },
      { key: 'md-1', question: markdown.question, answer: markdown.answer, format: 'markdown', tags: [] },
    ]);
  });

  it('keeps Markdown the plain layout would misread, in cue-markdown blocks', () => {
    const tricky = [
      exportCard({ key: 'heading', question: 'Q', answer: 'Intro\n\n# A heading of the answer\n\n## Another {#fake}' }),
      exportCard({ key: 'empty-question', question: '', answer: 'An answer to nothing' }),
      exportCard({ key: 'colons', question: 'Line one\n:::\nLine three', answer: '' }),
      exportCard({ key: 'blank-edges', question: '  padded  ', answer: '\n\nstarts blank\n\n' }),
      exportCard({ key: 'fence', question: 'Q2', answer: '```js\nunclosed' }),
      exportCard({ key: 'looks-wrapped', question: 'Q3', answer: '```cue-html\n<b>x</b>\n```' }),
      exportCard({ key: 'trailing', question: 'Q4', answer: 'ends in spaces   ' }),
      exportCard({ key: 'crlf', question: 'Q5', answer: 'windows\r\nline endings' }),
    ];
    const deck = exportDeck([{ key: 's', name: 'Section', description: '# Not a section {#nope}', cards: tricky }], {
      description: '## {#not-a-card}\n\ntext',
    });
    const back = roundTrip(deck).decks[0];
    expect(back.description).toBe(deck.description);
    expect(back.sections[0].description).toBe('# Not a section {#nope}');
    expect(back.sections[0].cards.map((c) => [c.key, c.question, c.answer, c.format])).toEqual(
      tricky.map((c) => [c.key, c.question, c.answer.replace(/\r\n/g, '\n'), 'markdown']),
    );
  });

  it('writes an empty answer as an empty verbatim block, which reads back as empty', () => {
    const cards = [
      exportCard({ key: 'md-empty', question: 'Nothing to say?', answer: '' }),
      exportCard({ key: 'md-blank', question: 'Only blank lines?', answer: '\n\n' }),
      exportCard({ key: 'html-empty', format: 'html', question: '<i>Only a question</i>', answer: '' }),
      exportCard({ key: 'next', question: 'Next', answer: 'A real answer' }),
    ];
    const deck = exportDeck([{ key: 's', name: 'S', description: '', cards }]);
    const written = writeCueDeck(deck);
    expect(written).toContain('## Nothing to say? {#md-empty}\n\n```cue-markdown\n```\n');
    expect(written).toContain('```cue-html\n```\n');
    expect(roundTrip(deck).decks[0].sections[0].cards.map((c) => [c.key, c.answer, c.format])).toEqual([
      ['md-empty', '', 'markdown'],
      ['md-blank', '\n\n', 'markdown'],
      ['html-empty', '', 'html'],
      ['next', 'A real answer', 'markdown'],
    ]);
  });

  it('wraps an answer or question whose code holds heading-like lines, and reads it back unchanged', () => {
    const deckInCode = '```markdown\n# Section {#sec}\n\n## A card {#card}\n\nIts answer\n```';
    const cards = [
      exportCard({ key: 'about-decks', question: 'What does a Cue deck look like?', answer: deckInCode }),
      exportCard({ key: 'code-question', question: `Read this:\n\n${deckInCode}`, answer: 'A deck' }),
      exportCard({ key: 'after', question: 'After', answer: 'Still its own card' }),
    ];
    const deck = exportDeck([{ key: 's', name: 'S', description: deckInCode, cards }]);
    const written = writeCueDeck(deck);
    expect(written).toContain(
      `## What does a Cue deck look like? {#about-decks}\n\n\`\`\`\`cue-markdown\n${deckInCode}`,
    );
    const back = roundTrip(deck).decks[0];
    expect(back.sections[0].description).toBe(deckInCode);
    expect(back.sections[0].cards.map((c) => [c.key, c.question, c.answer])).toEqual(
      cards.map((c) => [c.key, c.question, c.answer]),
    );
  });

  it('round-trips any Markdown built of lines the format treats specially', () => {
    const line = fc.constantFrom(
      '```',
      '```python',
      '````',
      '~~~',
      '```cue-markdown',
      '## Q {#q}',
      '## {#r .tag}',
      '# S {#s}',
      '# Plain heading',
      '::: question',
      ':::',
      '',
      '  ',
      'text',
      '  indented ## {#x}',
    );
    const text = fc.array(line, { maxLength: 8 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(text, text, text, (question, answer, description) => {
        const cards = [
          exportCard({ key: 'one', question, answer }),
          exportCard({ key: 'two', question: 'Two', answer: 'Second' }),
        ];
        const deck = exportDeck([{ key: 's', name: 'S', description, cards }]);
        const back = roundTrip(deck).decks[0].sections[0];
        expect(back.description).toBe(description);
        expect(back.cards.map((c) => [c.key, c.question, c.answer])).toEqual([
          ['one', question, answer],
          ['two', 'Two', 'Second'],
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it('writes names, descriptions, version and tags; makes invalid ids valid', () => {
    const deck = exportDeck(
      [
        {
          key: 'Section One',
          name: 'Section: "one"',
          description: 'About it',
          cards: [exportCard({ key: 'Card_1', question: 'Q', answer: 'A', tags: ['a', 'b-c'] })],
        },
        { key: 'section-one-x', name: 'Two', description: '', cards: [] },
      ],
      { key: 'My Deck', name: 'Deck: "quoted" name', description: 'Deck text', version: 7 },
    );
    const written = writeCueDeck(deck);
    expect(written).toMatch(
      /^---\ncue-deck: 1\nid: my-deck-[0-9a-f]{8}\nname: "Deck: \\"quoted\\" name"\nversion: 7\n---/,
    );
    const back = readCueDeck(written, 'x.md').decks[0];
    expect(back.name).toBe('Deck: "quoted" name');
    expect(back.description).toBe('Deck text');
    expect(back.sections.map((s) => [s.name, s.description])).toEqual([
      ['Section: "one"', 'About it'],
      ['Two', ''],
    ]);
    expect(back.sections[0].key).toMatch(/^section-one-[0-9a-f]{8}$/);
    expect(back.sections[0].cards[0]).toMatchObject({
      key: expect.stringMatching(/^card-1-[0-9a-f]{8}$/),
      tags: ['a', 'b-c'],
    });
  });

  it('refuses tags the format cannot hold', () => {
    const deck = exportDeck([
      {
        key: 's',
        name: 'S',
        description: '',
        cards: [exportCard({ key: 'c', question: 'Q', answer: 'A', tags: ['a}b'] })],
      },
    ]);
    expect(() => writeCueDeck(deck)).toThrow(/tag "a}b"/);
  });
});

describe('verbatim blocks', () => {
  it('use a fence longer than any backtick run and unwrap exactly', () => {
    for (const text of ['', '\n', 'x', '````\ninside\n````', 'a\n\n\nb\n', '``` ```` `````']) {
      const block = wrapVerbatim(text, 'html');
      expect(unwrapVerbatim(block)).toEqual({ kind: 'html', text });
    }
    expect(wrapVerbatim('a ```` b', 'markdown').startsWith('`````cue-markdown\n')).toBe(true);
    expect(unwrapVerbatim('```cue-html\na\n```\nafter')).toBeNull();
    expect(unwrapVerbatim('```python\na\n```')).toBeNull();
  });
});

describe('importing a broken Cue deck', () => {
  const good = [
    '---',
    'cue-deck: 1',
    'id: mine',
    'name: Mine',
    'version: 1',
    '---',
    '',
    '# Section {#s}',
    '',
    '## First {#first}',
    '',
    'First answer.',
    '',
    '## Second {#second}',
    '',
    'Second answer.',
    '',
  ].join('\n');
  const encode = (text: string) => new TextEncoder().encode(text);

  const edits: [string, string, string, RegExp][] = [
    [
      'a code fence left open over the next card',
      good.replace('First answer.', '```python\nprint(1)').replace('Second answer.', 'Second answer.\n```'),
      'line 15',
      /card heading but is inside the code block opened at line 12/,
    ],
    ['a card with its answer deleted', good.replace('First answer.', ''), 'line 10', /no answer/],
    [
      'a card id used twice',
      good.replace('{#second}', '{#first}'),
      'line 14',
      /card id "first" is used twice: here and at line 10/,
    ],
  ];
  for (const [what, text, where, reason] of edits) {
    it(`refuses ${what} as invalid input naming the file and line, and changes nothing`, () => {
      const collection = openTestCollection(new TestClock(Date.UTC(2026, 5, 1, 10)));
      collection.importFile('mine.md', encode(good), { dryRun: false });
      const before = databaseDigest(collection.db);
      for (const dryRun of [true, false]) {
        let error: unknown;
        try {
          collection.importFile('mine.md', encode(text), { dryRun });
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(CueError);
        expect((error as CueError).code).toBe('invalid_input');
        expect((error as CueError).details).toEqual({ file: 'mine.md', where });
        expect((error as CueError).message).toMatch(new RegExp(`^mine\\.md \\(${where}\\): `));
        expect((error as CueError).message).toMatch(reason);
        expect(databaseDigest(collection.db)).toBe(before);
      }
    });
  }
});
