import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectSeparator, previewCsv, readCsv, writeCsv } from '../../electron/core/io/csv-format';
import type { ExportDeck } from '../../electron/core/io/export-data';
import { type ImportBundle, ImportError } from '../../electron/core/io/import-bundle';
import { FIXTURES } from '../helpers/collections';
import { exportCard } from '../helpers/export-decks';
import { thrown } from '../helpers/thrown';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'csv', name));

function cards(bundle: ImportBundle) {
  return bundle.decks.flatMap((deck) =>
    deck.sections.flatMap((section) =>
      section.cards.map((c) => ({ section: section.name, key: c.key, q: c.question, a: c.answer, tags: c.tags })),
    ),
  );
}

const importError = (action: () => unknown) => thrown(ImportError, action);

const sampleDeck: ExportDeck = {
  key: 'sample',
  name: 'Sample deck',
  description: '',
  version: 1,
  media: new Map(),
  sections: [
    {
      key: 'basics',
      name: 'Basics',
      description: '',
      cards: [
        exportCard({ key: 'b-01', question: 'What is 2 + 2?', answer: '4', tags: ['math', 'easy'] }),
        exportCard({
          key: 'b-02',
          question: '# A question that starts like a comment',
          answer: 'Line one\nLine two, with a comma;\tand a tab',
        }),
        exportCard({ key: 'b-03', question: 'Quotes: "double" and \'single\'', answer: '```js\nconst x = "y";\n```' }),
      ],
    },
    {
      key: 'more',
      name: 'More: Deck::Like name',
      description: '',
      cards: [
        exportCard({ key: 'm-01', question: 'Windows\r\nline break', answer: 'lone\rcarriage return', tags: ['a::b'] }),
        exportCard({ key: 'm-02', question: ' leading and trailing spaces ', answer: '' }),
      ],
    },
  ],
};

describe('readCsv headers', () => {
  it('reads a file written by Anki (notes, tags column, HTML)', () => {
    const bundle = readCsv(fixture('anki-notes-basic.txt'), 'anki-notes-basic.txt');
    expect(bundle.source).toEqual({ file: 'anki-notes-basic.txt', format: 'csv' });
    expect(bundle.decks).toHaveLength(1);
    expect(bundle.decks[0]).toMatchObject({ key: 'anki-notes-basic', name: 'anki-notes-basic' });
    const [section] = bundle.decks[0].sections;
    expect(section.name).toBe('anki-notes-basic');
    expect(section.cards.map((c) => c.format)).toEqual(['html', 'html', 'html']);
    expect(cards(bundle).map(({ q, a, tags }) => ({ q, a, tags }))).toEqual([
      { q: 'What is the capital of <b>France</b>?', a: 'Paris', tags: ['geography', 'europe'] },
      { q: 'A question<br>\nover two lines', a: 'An answer with a "quote" and a\ttab', tags: ['geography'] },
      { q: 'Who wrote <i>Hamlet</i>?', a: 'Shakespeare', tags: [] },
    ]);
    expect(section.cards[0].key).toMatch(/^csv-[0-9a-f]{12}$/);
    expect(bundle.skipped).toEqual([]);
  });

  it('reads an Anki export with guid, notetype and deck columns', () => {
    const bundle = readCsv(fixture('anki-notes-full.txt'), 'export.txt');
    const [deck] = bundle.decks;
    expect(deck).toMatchObject({ key: 'japanese', name: 'Japanese' });
    expect(deck.sections.map((s) => s.name)).toEqual(['Verbs', 'Adjectives', 'Japanese']);
    expect(deck.sections.map((s) => s.key)).toEqual(['verbs', 'adjectives', 'japanese']);
    const all = cards(bundle);
    expect(all.map((c) => [c.q, c.a, c.tags])).toEqual([
      ['食べる', 'to eat', ['verb', 'jlpt5']],
      ['<div>飲む</div>', 'to drink<br>\n(also: to take medicine)', ['verb']],
      ['大きい', 'big', ['adjective', 'jlpt5']],
      ['"Kanji" means', 'Chinese characters', []],
    ]);
    // guids become valid, distinct, stable keys
    const keys = all.map((c) => c.key);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(new Set(keys).size).toBe(4);
    expect(cards(readCsv(fixture('anki-notes-full.txt'), 'export.txt')).map((c) => c.key)).toEqual(keys);
  });

  it('understands every separator header, by name or as the character', () => {
    const files: [string, string][] = [
      ['#separator:Comma\nq,a\n', 'comma'],
      ['#separator:Semicolon\nq;a\n', 'semicolon'],
      ['#separator:Tab\nq\ta\n', 'tab'],
      ['#separator:Space\nq a\n', 'space'],
      ['#separator:Pipe\nq|a\n', 'pipe'],
      ['#separator:Colon\nq:a\n', 'colon'],
      ['#separator:;\nq;a\n', 'semicolon'],
      ['#separator:|\nq|a\n', 'pipe'],
      ['#separator:\t\nq\ta\n', 'tab'],
    ];
    for (const [text, name] of files) {
      expect(previewCsv(text, 'x.csv')).toMatchObject({
        separatorName: name,
        separatorFromHeader: true,
        hasHeader: true,
      });
      expect(cards(readCsv(text, 'x.csv')).map((c) => [c.q, c.a])).toEqual([['q', 'a']]);
    }
    // a comma in the data doesn't matter once the header says semicolon
    expect(cards(readCsv('#separator:semicolon\nHello, world;Hi\n', 'x.csv'))[0]).toMatchObject({
      q: 'Hello, world',
      a: 'Hi',
    });
  });

  it('reads #html, #tags, #deck, #columns and the column headers', () => {
    const text = [
      '#separator:comma',
      '#html:false',
      '#tags:imported shared',
      '#deck:Spanish',
      '#notetype:Basic',
      '#notetype column:1',
      '#deck column:2',
      '#guid column:3',
      '#tags column:6',
      '#columns:Note type,Deck,GUID,Back,Front,Tags',
      'Basic,Spanish::Food,g1,apple,la manzana,noun',
      'Basic,Spanish::Food,g2,bread,el pan,noun shared',
      'Basic,Spanish,g3,hello,hola,',
    ].join('\n');
    const bundle = readCsv(text, 'whatever.csv');
    expect(bundle.decks[0]).toMatchObject({ key: 'spanish', name: 'Spanish' });
    expect(bundle.decks[0].sections.map((s) => s.name)).toEqual(['Food', 'Spanish']);
    expect(bundle.decks[0].sections[0].cards[0].format).toBe('markdown');
    expect(cards(bundle)).toEqual([
      { section: 'Food', key: 'g1', q: 'la manzana', a: 'apple', tags: ['noun', 'imported', 'shared'] },
      { section: 'Food', key: 'g2', q: 'el pan', a: 'bread', tags: ['noun', 'shared', 'imported'] },
      { section: 'Spanish', key: 'g3', q: 'hola', a: 'hello', tags: ['imported', 'shared'] },
    ]);
    const preview = previewCsv(text, 'whatever.csv');
    expect(preview.headers).toMatchObject({
      html: false,
      tags: ['imported', 'shared'],
      deck: 'Spanish',
      notetype: 'Basic',
      notetypeColumn: 1,
      deckColumn: 2,
      guidColumn: 3,
      tagsColumn: 6,
      columns: ['Note type', 'Deck', 'GUID', 'Back', 'Front', 'Tags'],
    });
    expect(preview.mapping).toEqual({ question: 5, answer: 4, tags: 6, section: 2, key: 3 });
  });

  it('reads the old "tags:" first line and ignores comment lines anywhere', () => {
    const text = 'tags:old style\n#separator:tab\n# a comment: with a colon\nq1\ta1\n#another comment\n\nq2\ta2\n';
    const bundle = readCsv(text, 'old.txt');
    expect(cards(bundle).map((c) => [c.q, c.tags])).toEqual([
      ['q1', ['old', 'style']],
      ['q2', ['old', 'style']],
    ]);
  });

  it('keeps a deck option and names sections after a deck header', () => {
    const text = '#separator:tab\n#deck column:3\nq1\ta1\tGerman::Verbs::Strong\nq2\ta2\tFrench::Nouns\n';
    const bundle = readCsv(text, 'mixed.txt', { deckName: 'Languages' });
    expect(bundle.decks[0].name).toBe('Languages');
    expect(bundle.decks[0].sections.map((s) => s.name)).toEqual(['German::Verbs::Strong', 'French::Nouns']);
    const named = readCsv(text, 'mixed.txt');
    expect(named.decks[0].name).toBe('mixed');
    const german = '#separator:tab\n#deck column:3\nq1\ta1\tGerman::Verbs::Strong\nq2\ta2\tGerman\n';
    const sections = (bundle: ImportBundle) => bundle.decks[0].sections.map((s) => s.name);
    expect(readCsv(german, 'g.txt').decks[0].name).toBe('German');
    expect(sections(readCsv(german, 'g.txt'))).toEqual(['Verbs::Strong', 'German']);
    // the person's deck name wins over the file's; sections stay relative to the file's deck
    const renamed = readCsv(`#deck:German\n${german}`, 'g.txt', { deckName: 'Deutsch' });
    expect(renamed.decks[0]).toMatchObject({ key: 'deutsch', name: 'Deutsch' });
    expect(sections(renamed)).toEqual(['Verbs::Strong', 'Deutsch']);
  });

  it('round-trips a deck whose name holds "::"', () => {
    const deck: ExportDeck = { ...sampleDeck, name: 'Languages::German' };
    const bundle = readCsv(writeCsv(deck), 'x.txt');
    expect(bundle.decks[0].name).toBe('Languages::German');
    expect(bundle.decks[0].sections.map((s) => s.name)).toEqual(['Basics', 'More: Deck::Like name']);
  });
});

describe('readCsv fields', () => {
  it('reads quoted fields over several lines and reports the right lines after them', () => {
    const text = 'q1,"answer\nover\nthree lines"\n"multi\nline question",a2\nq3,a3,extra\n';
    const error = importError(() => readCsv(text, 'multi.csv'));
    expect(error.source).toEqual({ file: 'multi.csv', where: 'line 6' });
    expect(error.reason).toBe('this row has 3 fields, but the first row (line 1) has 2');
    const ok = readCsv(text.replace(',extra', ''), 'multi.csv');
    expect(cards(ok).map((c) => [c.q, c.a])).toEqual([
      ['q1', 'answer\nover\nthree lines'],
      ['multi\nline question', 'a2'],
      ['q3', 'a3'],
    ]);
  });

  it('reads fields holding the separator, quotes and "#"', () => {
    const text = '"a, b and c","say ""hi"", then go"\n"#not a comment",x#y\nplain "quoted" text,ok\n';
    expect(cards(readCsv(text, 'q.csv')).map((c) => [c.q, c.a])).toEqual([
      ['a, b and c', 'say "hi", then go'],
      ['#not a comment', 'x#y'],
      ['plain "quoted" text', 'ok'],
    ]);
  });

  it('uses a mapping for files without headers', () => {
    const text = 'id-1;chapter 1;la casa;the house;noun home\nid-2;chapter 2;el perro;the dog;noun\n';
    const preview = previewCsv(text, 'vocab.csv');
    expect(preview).toMatchObject({ separator: ';', hasHeader: false, columnCount: 5 });
    expect(preview.rows).toEqual([
      ['id-1', 'chapter 1', 'la casa', 'the house', 'noun home'],
      ['id-2', 'chapter 2', 'el perro', 'the dog', 'noun'],
    ]);
    expect(preview.mapping).toEqual({ question: 1, answer: 2 });
    const bundle = readCsv(text, 'vocab.csv', { mapping: { question: 3, answer: 4, tags: 5, section: 2, key: 1 } });
    expect(bundle.decks[0].name).toBe('vocab');
    expect(cards(bundle)).toEqual([
      { section: 'chapter 1', key: 'id-1', q: 'la casa', a: 'the house', tags: ['noun', 'home'] },
      { section: 'chapter 2', key: 'id-2', q: 'el perro', a: 'the dog', tags: ['noun'] },
    ]);
    expect(importError(() => readCsv(text, 'vocab.csv', { mapping: { question: 3, answer: 9 } })).reason).toBe(
      'the answer column is 9, but the rows have 5 columns',
    );
  });

  it('skips rows with an empty question and later rows with a key already used', () => {
    const text = 'q1,a1\n,orphan\nq1,another answer\nq2,a2\n';
    const bundle = readCsv(text, 'dupes.csv');
    expect(cards(bundle).map((c) => c.q)).toEqual(['q1', 'q2']);
    expect(bundle.skipped).toEqual([
      { item: 'line 2', reason: 'the question is empty' },
      { item: 'line 3', reason: 'the same question is already on line 1' },
    ]);
    const guids = readCsv('#guid column:1\n#separator:comma\ng,q1,a1\ng,q2,a2\n', 'g.csv');
    expect(guids.skipped).toEqual([
      { item: 'line 4', reason: 'the card key "g" (from the guid "g") is already used on line 3' },
    ]);
  });

  it('reports bad UTF-8 with the line', () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('q1,a1\nq2,caf'),
      0xe9,
      ...new TextEncoder().encode('\n'),
    ]);
    const error = importError(() => readCsv(bytes, 'latin1.csv'));
    expect(error.source).toEqual({ file: 'latin1.csv', where: 'line 2' });
    expect(error.reason).toMatch(/^is not valid UTF-8 text \(byte 0xE9 at offset 12\)/);
    expect(importError(() => previewCsv(bytes, 'latin1.csv')).reason).toMatch(/UTF-8/);
    // valid UTF-8 with a BOM is fine
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('q,a\n')]);
    expect(cards(readCsv(bom, 'bom.csv'))[0]).toMatchObject({ q: 'q', a: 'a' });
  });

  it('reports an unclosed quote where the row starts', () => {
    const error = importError(() => readCsv('q1,a1\n\n"open,a2\nq3,a3\n', 'open.csv'));
    expect(error.source).toEqual({ file: 'open.csv', where: 'line 3' });
    expect(error.reason).toMatch(/never closed/);
  });

  it('needs two columns and some rows', () => {
    expect(importError(() => readCsv('just one column\nanother\n', 'one.csv')).reason).toMatch(/one column/);
    expect(importError(() => readCsv('#separator:tab\n', 'empty.csv')).reason).toBe('has no rows to import');
  });
});

describe('separator detection', () => {
  it('picks tab, then pipe, semicolon, comma, colon, like Anki', () => {
    expect(detectSeparator('q\ta, b; c\nq2\ta2\n')).toBe('\t');
    expect(detectSeparator('q|a\nq2|a2\n')).toBe('|');
    expect(detectSeparator('3,5;three and a half\n2,25;two and a quarter\n')).toBe(';');
    expect(detectSeparator('What; really?,yes\nq2,a2\n')).toBe(',');
    expect(detectSeparator('q:a\nq2:a2\n')).toBe(':');
    expect(detectSeparator('"a\tb",c\nd,e\n')).toBe(',');
    // never space: a single column of words stays one column
    expect(detectSeparator('one column\n')).toBe('\t');
    expect(detectSeparator('hola hello\nadiós goodbye\n')).toBe('\t');
    // nothing splits evenly: the first separator on the first row, so the ragged row is reported
    expect(detectSeparator('a;b\nc;d;e\n')).toBe(';');
  });

  it('looks past the headers and comments', () => {
    const preview = previewCsv('#html:false\n#tags:x\nq;a\nq2;a2\n', 'x.csv');
    expect(preview).toMatchObject({ separator: ';', separatorFromHeader: false, hasHeader: true, columnCount: 2 });
    expect(preview.format).toBe('markdown');
    expect(preview.mapping).toEqual({ question: 1, answer: 2 });
  });

  it('previews at most five rows', () => {
    const text = Array.from({ length: 9 }, (_, i) => `q${i},a${i}`).join('\n');
    expect(previewCsv(text, 'x.csv').rows).toHaveLength(5);
  });
});

describe('writeCsv', () => {
  it('writes headers Anki understands', () => {
    const text = writeCsv(sampleDeck);
    expect(text.split('\n').slice(0, 10)).toEqual([
      '#separator:tab',
      '#html:false',
      '#notetype:Basic',
      '#deck:Sample deck',
      '#deck column:3',
      '#tags column:4',
      '#guid column:5',
      '#columns:Front\tBack\tDeck\tTags\tGUID',
      '#cue section:basics Basics',
      '#cue section:more More: Deck::Like name',
    ]);
    expect(text.split('\n')[10]).toBe('What is 2 + 2?\t4\tSample deck::Basics\tmath easy\tcue:sample/b-01');
    expect(text).toContain('"# A question that starts like a comment"');
    expect(writeCsv(sampleDeck, { separator: ',' })).toMatch(/^#separator:comma\n/);
  });

  it('round-trips question, answer, tags, section and key, with tabs or commas', () => {
    const expected = sampleDeck.sections.flatMap((section) =>
      section.cards.map((c) => ({ section: section.name, key: c.key, q: c.question, a: c.answer, tags: c.tags })),
    );
    for (const separator of ['\t', ','] as const) {
      const bundle = readCsv(writeCsv(sampleDeck, { separator }), 'sample.txt');
      // back to the same deck: its key comes from the guids
      expect(bundle.decks[0]).toMatchObject({ key: 'sample', name: 'Sample deck' });
      // and to the same sections, by the #cue section lines
      expect(bundle.decks[0].sections.map((s) => s.key)).toEqual(['basics', 'more']);
      expect(cards(bundle)).toEqual(expected);
      expect(bundle.decks[0].sections.flatMap((s) => s.cards.map((c) => c.format))).toEqual(
        expected.map(() => 'markdown'),
      );
      expect(bundle.skipped).toEqual([]);
    }
  });

  it('writes HTML decks with #html:true and keeps the format', () => {
    const deck: ExportDeck = {
      ...sampleDeck,
      sections: [
        {
          key: 'h',
          name: 'HTML',
          description: '',
          cards: [exportCard({ key: 'h-1', question: '<b>Bold</b>', answer: 'a<br>b', format: 'html' })],
        },
      ],
    };
    const text = writeCsv(deck);
    expect(text).toContain('#html:true\n');
    const [back] = readCsv(text, 'html.txt').decks[0].sections[0].cards;
    expect(back).toMatchObject({ key: 'h-1', question: '<b>Bold</b>', answer: 'a<br>b', format: 'html' });
  });

  it('escapes the Markdown cards of a mixed deck so Anki shows their text', () => {
    const deck: ExportDeck = {
      ...sampleDeck,
      sections: [
        {
          key: 'm',
          name: 'Mixed',
          description: '',
          cards: [
            exportCard({ key: 'h-1', question: '<b>Bold</b>', answer: 'x', format: 'html' }),
            exportCard({ key: 'm-1', question: 'a < b & c', answer: 'line\nbreak' }),
          ],
        },
      ],
    };
    const text = writeCsv(deck);
    expect(text).toContain('#html:true\n');
    expect(text).toContain('a &lt; b &amp; c\tline<br>break\t');
  });
});
