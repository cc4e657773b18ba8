import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { decompress } from 'fzstd';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../electron/core/deck-format';
import { readAnkiCollection } from '../../electron/core/io/anki/anki-collection';
import { zstdDecompress } from '../../electron/core/io/anki/anki-zstd';
import { cardKey, readAnkiPackage, unpackAnkiPackage } from '../../electron/core/io/anki/read-package';
import { writeAnkiPackage } from '../../electron/core/io/anki/write-package';
import { importBundle } from '../../electron/core/io/apply-import';
import { type BundleCard, type ImportBundle, ImportError } from '../../electron/core/io/import-bundle';
import { parseTemplate, renderCard, revealCloze } from '../../shared/note-templates';
import {
  ankiFixture,
  buildPackage,
  CollectionBuilder,
  IMAGE_OCCLUSION_IMAGE,
  imageOcclusionPackage,
  metaBytes,
  type PackageLayout,
  packageEntries,
  STOCK,
  withDeclaredSize,
  zip,
  zstdRepeat,
  zstdStore,
} from '../helpers/anki-packages';
import { openTestCollection, TestClock } from '../helpers/collections';
import { exportDeckOf } from '../helpers/export-decks';
import { editCollection } from '../helpers/package-mutations';

const ID = /^[a-z0-9][a-z0-9-]*$/;
const LAYOUTS: PackageLayout[] = ['legacy1', 'legacy2', 'latest'];

function allCards(bundle: ImportBundle): BundleCard[] {
  return bundle.decks.flatMap((d) => d.sections.flatMap((s) => s.cards));
}

function expectValidKeys(bundle: ImportBundle): void {
  const deckKeys = bundle.decks.map((d) => d.key);
  expect(new Set(deckKeys).size).toBe(deckKeys.length);
  for (const deck of bundle.decks) {
    expect(deck.key).toMatch(ID);
    expect(deck.key.startsWith('anki-')).toBe(true);
    const sectionKeys = deck.sections.map((s) => s.key);
    expect(new Set(sectionKeys).size).toBe(sectionKeys.length);
    const cardKeys = deck.sections.flatMap((s) => s.cards.map((c) => c.key));
    expect(new Set(cardKeys).size).toBe(cardKeys.length);
    for (const key of [...sectionKeys, ...cardKeys]) expect(key).toMatch(ID);
  }
}

/** Runs `read` and returns the ImportError it throws, failing the test if it throws something else. */
function importError(read: () => unknown): ImportError {
  try {
    read();
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return error as ImportError;
  }
  throw new Error('expected an ImportError');
}

describe('real Anki packages', () => {
  it('reads the media fixture: a [sound:] card and foo.wav with its bytes', () => {
    const bytes = ankiFixture('anki-tests-media.apkg');
    const bundle = readAnkiPackage(bytes, 'anki-tests-media.apkg');
    expect(bundle.source).toEqual({ file: 'anki-tests-media.apkg', format: 'apkg' });
    expect(bundle.decks.map((d) => d.name)).toEqual(['Default']);
    expect(bundle.decks[0].sections.map((s) => s.name)).toEqual(['Default']);
    const cards = allCards(bundle);
    expect(cards).toHaveLength(1);
    expect(cards[0].question).toBe('[sound:foo.wav]');
    expect(cards[0].noteKey).toBe('L;*}1M{l6|');
    expect(cards[0].format).toBe('html');
    expect(bundle.media.map((m) => m.name)).toEqual(['foo.wav']);
    const raw = unzipSync(bytes)['0'];
    expect(bundle.media[0].data).toEqual(raw);
    expect(bundle.media[0].data).toHaveLength(4);
    expect(bundle.skipped).toEqual([]);
    expectValidKeys(bundle);
  });

  it('reads update1: one Basic note', () => {
    const bundle = readAnkiPackage(ankiFixture('anki-tests-update1.apkg'), 'anki-tests-update1.apkg');
    const cards = allCards(bundle);
    expect(cards.map((c) => [c.question, c.answer])).toEqual([['hello', 'world']]);
    expect(cards[0].createdAt).toBe(1375933503610);
    expect(bundle.media).toEqual([]);
  });

  it('reads diffmodels2: the stock note types, Cloze and Basic-and-reversed among them', () => {
    const bytes = ankiFixture('anki-tests-diffmodels2-1.apkg');
    const unpacked = unpackAnkiPackage(bytes, 'anki-tests-diffmodels2-1.apkg');
    expect(unpacked.version).toBe(1);
    expect(unpacked.collectionEntry).toBe('collection.anki2');
    const byName = (name: string) => [...unpacked.collection.notetypes.values()].find((n) => n.name === name);
    const cloze = byName('Cloze');
    expect(cloze?.kind).toBe('cloze');
    expect(cloze?.fields).toEqual(['Text', 'Extra']);
    expect(cloze?.templates.map((t) => t.qfmt)).toEqual(['{{cloze:Text}}']);
    const reversed = byName('Basic (and reversed card)');
    expect(reversed?.kind).toBe('normal');
    expect(reversed?.templates.map((t) => [t.name, t.qfmt])).toEqual([
      ['Card 1', '{{Front}}'],
      ['Card 2', '{{Back}}'],
    ]);
    expect(byName('Basic (optional reversed card)')?.fields).toEqual(['Front', 'Back', 'Add Reverse']);
    expect(unpacked.collection.notetypes.size).toBe(5);

    const bundle = readAnkiPackage(bytes, 'anki-tests-diffmodels2-1.apkg');
    expect(allCards(bundle).map((c) => [c.question, c.answer])).toEqual([['front', 'back']]);
  });

  it('reads anki-apkg-export output: three notes, tags and the <img> with anki.png', () => {
    const bytes = ankiFixture('anki-apkg-export-output.apkg');
    const bundle = readAnkiPackage(bytes, 'anki-apkg-export-output.apkg');
    expect(bundle.decks).toHaveLength(1);
    expect(bundle.decks[0]).toMatchObject({ key: 'anki-deck-name', name: 'deck-name' });
    expect(bundle.decks[0].sections.map((s) => [s.key, s.name])).toEqual([['deck-name', 'deck-name']]);
    const cards = allCards(bundle);
    expect(cards.map((c) => [c.question, c.answer, c.tags])).toEqual([
      ['card #1 front', 'card #1 back', ['food', 'fruit']],
      ['card #2 front', 'card #2 back', []],
      ['card #3 with image <img src="anki.png" />', 'card #3 back', []],
    ]);
    // Its guids are hex already: the card key keeps them whole.
    expect(cards[0].key).toBe('n689533a98392a2f84650550d1bdcf78e87555f0b-0');
    expect(cards[0].noteKey).toBe('689533a98392a2f84650550d1bdcf78e87555f0b');
    expect(bundle.media.map((m) => [m.name, m.data.length])).toEqual([['anki.png', 19040]]);
    expect([...bundle.media[0].data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expectValidKeys(bundle);
  });

  it('reads the genanki-built korean deck: 100 notes through a custom template', () => {
    const bytes = ankiFixture('korean_adjectives_100.apkg');
    const unpacked = unpackAnkiPackage(bytes, 'korean_adjectives_100.apkg');
    expect(unpacked.collection.notes).toHaveLength(100);
    expect([...unpacked.collection.notetypes.values()].map((n) => n.name)).toEqual(['Korean Adjective Model']);

    const bundle = readAnkiPackage(bytes, 'korean_adjectives_100.apkg');
    expect(bundle.decks.map((d) => [d.key, d.name])).toEqual([
      ['anki-korean-adjectives-100-most-useful', 'Korean Adjectives - 100 Most Useful'],
    ]);
    const cards = allCards(bundle);
    expect(cards).toHaveLength(100);
    expect(new Set(cards.map((c) => c.noteKey)).size).toBe(100);
    expect(cards[0].noteKey).toBe('q?IuAzT0v8');
    expect(cards[0].question).toContain('<div class="korean-word">좋다</div>');
    expect(cards[0].answer).toContain('<div class="english">good</div>');
    expect(cards[0].answer).toContain('<div class="korean-back">좋다</div>');
    // The template's TTS <script> is dropped, and {{FrontSide}} isn't repeated under the question.
    for (const card of cards) {
      expect(card.answer).not.toMatch(/<script|speechSynthesis/);
      expect(card.answer).not.toContain('korean-word');
    }
    // Despite its README, this package holds no audio: an empty media map and no [sound:] tags.
    expect(bundle.media).toEqual([]);
    expect(cards.some((c) => c.question.includes('[sound:') || c.answer.includes('[sound:'))).toBe(false);
    expectValidKeys(bundle);
  });

  it('reads the real collection of a legacy-2 export, not its "please update" dummy', () => {
    const bytes = ankiFixture('srs-converter-empty-legacy-2.apkg');
    const unpacked = unpackAnkiPackage(bytes, 'srs-converter-empty-legacy-2.apkg');
    expect(unpacked.version).toBe(2);
    expect(unpacked.collectionEntry).toBe('collection.anki21');
    expect(unpacked.collection.notes).toHaveLength(0);
    expect(unpacked.collection.notetypes.size).toBe(0);
    expect([...unpacked.collection.decks.values()].map((d) => d.name)).toEqual(['Default']);
    // The dummy is there, and would have given one card.
    const dummy = readAnkiCollection(unzipSync(bytes)['collection.anki2']);
    expect(dummy.notetypes.size).toBe(6);
    expect(dummy.notes.map((n) => n.fields[0])).toEqual([
      'Please update to the latest Anki version, then import the .colpkg/.apkg file again.',
    ]);

    const bundle = readAnkiPackage(bytes, 'srs-converter-empty-legacy-2.apkg');
    expect(bundle.decks).toEqual([]);
    expect(bundle.media).toEqual([]);
  });

  it('reads the zstd schema-18 collection of a current export, not its dummy', () => {
    const bytes = ankiFixture('srs-converter-empty-latest.apkg');
    const unpacked = unpackAnkiPackage(bytes, 'srs-converter-empty-latest.apkg');
    expect(unpacked.version).toBe(3);
    expect(unpacked.collectionEntry).toBe('collection.anki21b');
    expect(unpacked.collection.schemaVersion).toBe(18);
    expect(unpacked.collection.notes).toHaveLength(0);
    expect([...unpacked.collection.decks.values()].map((d) => d.name)).toEqual(['Default']);
    expect(unpacked.media).toEqual([]);

    const bundle = readAnkiPackage(bytes, 'srs-converter-empty-latest.apkg');
    expect(bundle.decks).toEqual([]);
    expect(JSON.stringify(bundle)).not.toContain('Please update');
  });

  it('names .colpkg packages as such', () => {
    const bundle = readAnkiPackage(ankiFixture('anki-tests-update1.apkg'), 'backup.colpkg');
    expect(bundle.source.format).toBe('colpkg');
  });
});

/** The package most tests read: every stock note type, subdecks, history, suspension and media. */
function richCollection() {
  const b = new CollectionBuilder();
  const top = b.deck('Languages', 'All my languages');
  const verbs = b.deck('Languages::Korean::Verbs', 'Doing words');
  const geo = b.deck('Geography');
  const basic = b.note(STOCK.basic(), ['<b>사과</b>', 'apple'], { deck: top, tags: ['fruit', 'korean::nouns'] });
  const cloze = b.note(
    STOCK.cloze(),
    ['The {{c1::capital}} of France is {{c2::Paris::city}}.', 'A <i>famous</i> city'],
    { deck: geo, tags: ['europe'], card: (ord) => (ord === 1 ? { queue: -1 } : {}) },
  );
  const reversed = b.note(STOCK.basicAndReversed(), ['가다', 'to go'], { deck: verbs });
  const optional = b.note(STOCK.optionalReversed(), ['오다', 'to come', 'y'], { deck: verbs });
  const optionalOff = b.note(STOCK.optionalReversed(), ['먹다', 'to eat', ''], { deck: verbs, ords: [0] });
  const typing = b.note(STOCK.typing(), ['Capital of Korea?', 'Seoul'], { deck: geo, card: () => ({ queue: -2 }) });
  const reviewed = b.note(STOCK.basic(), ['reviewed', 'yes'], {
    deck: top,
    card: () => ({ data: '{"s":12.1,"d":5.61,"dr":0.9}', type: 2, queue: 2 }),
  });
  const cid = reviewed.cardIds[0];
  b.review(cid, 1_700_100_000_000, 1, { type: 0, timeMs: 12_000 });
  b.review(cid, 1_700_000_000_000, 3, { type: 0, timeMs: 8_000 });
  b.review(cid, 1_700_200_000_000, 3, { type: 1, timeMs: 95_000 });
  b.review(cid, 1_700_300_000_000, 0, { type: 4, timeMs: 0 });
  b.review(cid, 1_700_400_000_000, 3, { type: 3, factor: 0 });
  b.review(cid, 1_700_500_000_000, 4, { type: 2, timeMs: 4_000 });
  const media = [
    { name: 'apple.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
    { name: 'sa gwa.mp3', data: new Uint8Array(300_000).map((_, i) => i % 256) },
  ];
  return { spec: b.spec, media, basic, cloze, reversed, optional, optionalOff, typing, reviewed };
}

describe('built packages', () => {
  const rich = richCollection();
  const bundles = Object.fromEntries(
    LAYOUTS.map((layout) => [
      layout,
      readAnkiPackage(buildPackage({ layout, collection: rich.spec, media: rich.media }), `rich-${layout}.apkg`),
    ]),
  ) as Record<PackageLayout, ImportBundle>;

  const cardOf = (bundle: ImportBundle, note: { guid: string }, ord: number) =>
    allCards(bundle).find((c) => c.key === cardKey({ id: '', guid: note.guid }, ord));

  it('chooses the collection each layout calls for', () => {
    const entry = (layout: PackageLayout) =>
      unpackAnkiPackage(buildPackage({ layout, collection: rich.spec }), 'x.apkg').collectionEntry;
    expect(entry('legacy1')).toBe('collection.anki2');
    expect(entry('legacy2')).toBe('collection.anki21');
    expect(entry('latest')).toBe('collection.anki21b');
    const latest = unpackAnkiPackage(buildPackage({ layout: 'latest', collection: rich.spec }), 'x.apkg');
    expect(latest.collection.schemaVersion).toBe(18);
    expect(latest.collection.notes).toHaveLength(rich.spec.notes.length);
  });

  it('reads the same bundle from schema 11 and schema 18 (zstd) packages', () => {
    const strip = (bundle: ImportBundle) => ({
      decks: bundle.decks,
      media: bundle.media.map((m) => [m.name, Buffer.from(m.data).toString('base64')]),
      skipped: bundle.skipped,
    });
    expect(strip(bundles.legacy2)).toEqual(strip(bundles.legacy1));
    expect(strip(bundles.latest)).toEqual(strip(bundles.legacy1));
  });

  for (const layout of LAYOUTS) {
    describe(layout, () => {
      const bundle = bundles[layout];

      it('maps decks to Cue decks and subdecks to sections, with safe keys', () => {
        expect(bundle.decks.map((d) => [d.key, d.name, d.description])).toEqual([
          ['anki-geography', 'Geography', undefined],
          ['anki-languages', 'Languages', 'All my languages'],
        ]);
        const languages = bundle.decks[1];
        expect(languages.sections.map((s) => [s.key, s.name, s.description, s.cards.length])).toEqual([
          ['languages', 'Languages', undefined, 2],
          ['korean-verbs', 'Korean::Verbs', 'Doing words', 5],
        ]);
        expect(bundle.decks[0].sections.map((s) => [s.key, s.name, s.cards.length])).toEqual([
          ['geography', 'Geography', 3],
        ]);
        expectValidKeys(bundle);
        expect(bundle.source.format).toBe('apkg');
      });

      it('renders Basic notes with their tags', () => {
        const card = cardOf(bundle, rich.basic, 0);
        expect(card).toMatchObject({
          question: '<b>사과</b>',
          answer: 'apple',
          format: 'html',
          tags: ['fruit', 'korean::nouns'],
          noteKey: rich.basic.guid,
          createdAt: rich.basic.cardIds[0],
        });
        expect(card?.suspended).toBeUndefined();
        expect(card?.reviews).toBeUndefined();
        expect(card?.memory).toBeUndefined();
      });

      it('makes one card per cloze, hiding the active one (or showing its hint)', () => {
        const first = cardOf(bundle, rich.cloze, 0);
        const second = cardOf(bundle, rich.cloze, 1);
        expect(first?.question).toBe(
          'The <span class="cloze" data-cloze="capital" data-ordinal="1">[...]</span> of France is ' +
            '<span class="cloze-inactive" data-ordinal="2">Paris</span>.',
        );
        expect(first?.answer).toBe(
          'The <span class="cloze" data-ordinal="1">capital</span> of France is ' +
            '<span class="cloze-inactive" data-ordinal="2">Paris</span>.<br>\nA <i>famous</i> city',
        );
        expect(second?.question).toBe(
          'The <span class="cloze-inactive" data-ordinal="1">capital</span> of France is ' +
            '<span class="cloze" data-cloze="Paris" data-ordinal="2">[city]</span>.',
        );
        expect(second?.answer).toBe(
          'The <span class="cloze-inactive" data-ordinal="1">capital</span> of France is ' +
            '<span class="cloze" data-ordinal="2">Paris</span>.<br>\nA <i>famous</i> city',
        );
        expect(first?.noteKey).toBe(second?.noteKey);
        expect(first?.tags).toEqual(['europe']);
        expect(first?.suspended).toBeUndefined();
        expect(second?.suspended).toBe(true);
      });

      it('makes both cards of Basic-and-reversed, and the optional reverse only when asked for', () => {
        expect(
          [cardOf(bundle, rich.reversed, 0), cardOf(bundle, rich.reversed, 1)].map((c) => [c?.question, c?.answer]),
        ).toEqual([
          ['가다', 'to go'],
          ['to go', '가다'],
        ]);
        expect(
          [cardOf(bundle, rich.optional, 0), cardOf(bundle, rich.optional, 1)].map((c) => [c?.question, c?.answer]),
        ).toEqual([
          ['오다', 'to come'],
          ['to come', '오다'],
        ]);
        const off = allCards(bundle).filter((c) => c.noteKey === rich.optionalOff.guid);
        expect(off.map((c) => [c.key, c.question, c.answer])).toEqual([
          [cardKey({ id: '', guid: rich.optionalOff.guid }, 0), '먹다', 'to eat'],
        ]);
      });

      it('shows the typed answer on the back of "type in the answer" cards; buried is not suspended', () => {
        const card = cardOf(bundle, rich.typing, 0);
        expect(card?.question).toBe('Capital of Korea?');
        // study draws the box and puts the comparison where Anki does
        expect(card?.answer).toBe('<span class="type-answer-result"></span>');
        expect(card?.note).toMatchObject({ ord: 0, typeAnswer: 'Seoul', answerAlone: false });
        expect(card?.suspended).toBeUndefined();
      });

      it('keeps answers (oldest first), drops manual and cram entries, and reads the FSRS memory', () => {
        const card = cardOf(bundle, rich.reviewed, 0);
        expect(card?.reviews).toEqual([
          { at: 1_700_000_000_000, rating: 3, durationMs: 8_000 },
          { at: 1_700_100_000_000, rating: 1, durationMs: 12_000 },
          { at: 1_700_200_000_000, rating: 3, durationMs: 95_000 },
          { at: 1_700_500_000_000, rating: 4, durationMs: 4_000 },
        ]);
        expect(card?.memory).toEqual({ stability: 12.1, difficulty: 5.61 });
        expect(bundle.skipped).toEqual([
          { item: '1 review-log entry', reason: expect.stringContaining('manual') },
          { item: '1 review-log entry', reason: expect.stringContaining('filtered deck') },
        ]);
      });

      it('carries the media with their names and bytes', () => {
        expect(bundle.media.map((m) => m.name)).toEqual(['apple.png', 'sa gwa.mp3']);
        expect(Buffer.from(bundle.media[0].data).equals(rich.media[0].data)).toBe(true);
        expect(Buffer.from(bundle.media[1].data).equals(rich.media[1].data)).toBe(true);
      });
    });
  }

  it('replaces the top deck name when asked, and merges several top decks under it', () => {
    const one = new CollectionBuilder();
    one.note(STOCK.basic(), ['q', 'a'], { deck: one.deck('Korean::Verbs') });
    one.note(STOCK.basic(), ['q2', 'a2'], { deck: one.deck('Korean') });
    const renamed = readAnkiPackage(buildPackage({ layout: 'latest', collection: one.spec }), 'k.apkg', {
      deckName: 'My Korean',
    });
    expect(renamed.decks.map((d) => [d.key, d.name])).toEqual([['anki-my-korean', 'My Korean']]);
    expect(renamed.decks[0].sections.map((s) => [s.key, s.name])).toEqual([
      ['my-korean', 'My Korean'],
      ['verbs', 'Verbs'],
    ]);

    const merged = readAnkiPackage(buildPackage({ layout: 'legacy1', collection: richCollection().spec }), 'r.apkg', {
      deckName: 'Everything',
    });
    expect(merged.decks.map((d) => d.name)).toEqual(['Everything']);
    // sections in the order their first notes were made
    expect(merged.decks[0].sections.map((s) => s.name)).toEqual(['Languages', 'Geography', 'Languages::Korean::Verbs']);
    expectValidKeys(merged);
  });

  it('gives stable, distinct keys to names and guids that are not plain ASCII', () => {
    const b = new CollectionBuilder();
    const deck = b.deck('한국어::동사');
    b.note(STOCK.basic(), ['a', 'b'], { deck, guid: 'AbC+/1' });
    b.note(STOCK.basic(), ['c', 'd'], { deck, guid: 'abc+/1' });
    b.note(STOCK.basic(), ['e', 'f'], { deck: b.deck('한국어'), guid: '' });
    const read = () => readAnkiPackage(buildPackage({ layout: 'legacy1', collection: b.spec }), 'k.apkg');
    const bundle = read();
    expectValidKeys(bundle);
    expect(bundle.decks[0].name).toBe('한국어');
    expect(bundle.decks[0].sections.map((s) => s.name)).toEqual(['한국어', '동사']);
    expect(read()).toEqual(bundle);
  });

  it('skips cards Anki would show blank, and notes whose note type is missing', () => {
    const b = new CollectionBuilder();
    b.note(STOCK.basic(), ['', 'back only']);
    b.note(STOCK.cloze(), ['no clozes here', ''], { ords: [0] });
    const orphan = b.note(STOCK.basic(), ['x', 'y']);
    for (const note of b.spec.notes) if (note.id === orphan.noteId) note.notetypeId = 42;
    const bundle = readAnkiPackage(buildPackage({ layout: 'legacy1', collection: b.spec }), 'blank.apkg');
    expect(allCards(bundle)).toEqual([]);
    expect(bundle.skipped.map((s) => s.reason)).toEqual([
      expect.stringContaining('front is empty'),
      expect.stringContaining('no cloze c1'),
      expect.stringContaining('note type 42 is missing'),
    ]);
    expect(bundle.skipped[2].item).toBe(`note ${orphan.noteId}`);
  });

  it('skips cards whose template nests sections past 100 deep, instead of running out of stack', () => {
    const b = new CollectionBuilder();
    const deep = { ...STOCK.basic(), templates: [{ name: 'Card 1', qfmt: '{{#Front}}'.repeat(10_000), afmt: '' }] };
    const note = b.note(deep, ['front', 'back']);
    const bundle = readAnkiPackage(buildPackage({ layout: 'legacy1', collection: b.spec }), 'deep.apkg');
    expect(allCards(bundle)).toEqual([]);
    expect(bundle.skipped).toEqual([
      { item: `note ${note.noteId}, card 1`, reason: expect.stringContaining('nested more than 100 deep') },
    ]);
    expect(() => parseTemplate(`${'{{#A}}'.repeat(100)}x${'{{/A}}'.repeat(100)}`)).not.toThrow();
  });

  it('skips review-log entries that are no answers: a button that is text, a moment past 2200', () => {
    const b = new CollectionBuilder();
    const { cardIds } = b.note(STOCK.basic(), ['q', 'a']);
    const at = Date.UTC(2025, 0, 1);
    b.review(cardIds[0], at, 3);
    b.review(cardIds[0], at + 86_400_000, 3);
    b.review(cardIds[0], 1e18, 3);
    const entries = packageEntries({ layout: 'legacy1', collection: b.spec });
    entries['collection.anki2'] = editCollection(entries['collection.anki2'], [
      { sql: "UPDATE revlog SET ease = '<!--' WHERE id = ?", params: [at + 86_400_000] },
    ]);
    const bundle = readAnkiPackage(zip(entries), 'revlog.apkg');
    expect(allCards(bundle)[0].reviews).toEqual([{ at, rating: 3, durationMs: 5000 }]);
    expect(bundle.skipped).toEqual([{ item: '2 review-log entries', reason: expect.stringContaining('not readable') }]);
  });

  it('imports an Image Occlusion note as one card per occlusion, its masks drawn over the image', () => {
    for (const layout of ['legacy1', 'latest'] as const) {
      const bundle = readAnkiPackage(imageOcclusionPackage(layout), 'io.apkg');
      const cards = allCards(bundle);
      expect(cards.map((c) => c.note?.ord)).toEqual([0, 1, 2]);
      expect(bundle.skipped).toEqual([]);
      expect(bundle.noteTypes?.map((t) => [t.name, t.kind])).toEqual([['Image Occlusion', 'image_occlusion']]);
      const [first, second] = cards;
      // c1's one mask is the active one; the other masks hide their parts too (hide all, guess one)
      expect(first.question).toContain(`<img src="${IMAGE_OCCLUSION_IMAGE.name}"`);
      expect(first.question.match(/class="io-mask io-active"/g)).toHaveLength(1);
      expect(second.question.match(/class="io-mask io-active"/g)).toHaveLength(2);
      expect(first.answer).toContain('io-revealed');
      expect(first.answer).toContain('Blood leaves by the aorta');
      expect(first.note?.answerAlone).toBe(true);
    }
  });

  it('brings the Image Occlusion note into the collection as a note of its type, editable and studied per card', () => {
    const collection = openTestCollection(new TestClock(Date.UTC(2026, 0, 5)));
    importBundle(
      {
        db: collection.db,
        schedulerFor: (deckId) => collection.schedulerFor(deckId),
        now: collection.now(),
        mediaDir: collection.mediaDir,
      },
      readAnkiPackage(imageOcclusionPackage(), 'io.apkg'),
      { dryRun: false },
    );
    const ioType = collection.handlers['notetypes.list']({}).find((t) => t.kind === 'image_occlusion');
    expect(ioType).toMatchObject({
      name: 'Image Occlusion',
      notes: 1,
      fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
    });
    const cardId = collection.db
      .prepare("SELECT id FROM cards WHERE question LIKE '%image-occlusion%' ORDER BY template_ord")
      .pluck()
      .get() as number;
    const note = collection.handlers['notes.ofCard']({ cardId });
    expect(note.cards.map((c) => c.name)).toEqual(['Occlusion 1', 'Occlusion 2', 'Occlusion 3']);
    // taking away c3's mask retires its card
    const occlusion = note.fields[0].replace(/\{\{c3::[^}]*\}\}/, '');
    const change = collection.handlers['notes.update']({
      noteId: note.id,
      fields: [occlusion, ...note.fields.slice(1)],
    });
    expect(change.retired?.cardIds).toEqual([note.cards[2].cardId]);
  });
});

describe('test helper zstd frames', () => {
  it('stores data that fzstd and the bounded reader both decompress', () => {
    for (const size of [0, 1, 128 * 1024, 300_001]) {
      const data = new Uint8Array(size).map((_, i) => (i * 7) % 251);
      const frame = zstdStore(data);
      expect(Buffer.from(decompress(frame)).equals(data)).toBe(true);
      expect(Buffer.from(zstdDecompress(frame, size)).equals(data)).toBe(true);
    }
    expect(Buffer.from(decompress(zstdRepeat(9, 200_000))).equals(new Uint8Array(200_000).fill(9))).toBe(true);
    expect(() => zstdDecompress(zstdRepeat(9, 200_000), 199_999)).toThrow(/more than 199999 bytes/);
  });
});

describe('Anki templates', () => {
  const render = (qfmt: string, afmt: string, fields: Record<string, string>, cardOrd = 0, isCloze = false) =>
    renderCard(parseTemplate(qfmt), parseTemplate(afmt), { fields: new Map(Object.entries(fields)), cardOrd, isCloze });

  it('handles sections, negation, filters, comments and the legacy syntax', () => {
    const fields = { Word: '<b>cat</b>', Extra: '', Audio: '[sound:cat.mp3]' };
    expect(render('{{#Extra}}x{{/Extra}}{{^Extra}}no extra{{/Extra}} {{text:Word}}', '', fields)?.question).toBe(
      'no extra cat',
    );
    expect(render('{{Word}}<!-- {{Audio}} -->{{hint:Audio}}', '{{tts en_US:Word}}{{ Word }}', fields)).toEqual({
      question: '<b>cat</b><details class="hint"><summary>Audio</summary>[sound:cat.mp3]</details>',
      answer: '<b>cat</b>',
      notes: ['{{tts en_US:Word}}: Cue does not read text aloud, so it shows nothing there'],
    });
    expect(render('{{=<% %>=}}<%Word%>', '{{=<% %>=}}<%FrontSide%><hr id="answer"><%Audio%>', fields)).toEqual({
      question: '<b>cat</b>',
      answer: '[sound:cat.mp3]',
      notes: [],
    });
    expect(render('{{furigana:R}}|{{kana:R}}|{{kanji:R}}', '', { R: '日本[にほん]' })?.question).toBe(
      '<ruby><rb>日本</rb><rt>にほん</rt></ruby>|にほん|日本',
    );
    expect(render('{{Unknown}}{{Word}}', '', fields)?.question).toBe('<b>cat</b>');
    expect(() => parseTemplate('{{#A}}x{{/B}}')).toThrow(/\{\{\/B\}\}/);
    expect(render('{{Extra}}', '', fields)).toBeNull();
    expect(render('{{#Extra}}{{Word}}{{/Extra}}', '', fields)).toBeNull();
  });

  it('reveals nested clozes and multiple deletions of one number', () => {
    const text = '{{c1::Canberra {{c2::Australia}}}} and {{c1::Wellington}}';
    const hidden = (text: string) => text.replace(/ data-cloze="[^"]*"/g, '');
    expect(hidden(revealCloze(text, 1, true))).toBe(
      '<span class="cloze" data-ordinal="1">[...]</span> and <span class="cloze" data-ordinal="1">[...]</span>',
    );
    expect(revealCloze(text, 2, true)).toBe(
      '<span class="cloze-inactive" data-ordinal="1">Canberra <span class="cloze" data-cloze="Australia" ' +
        'data-ordinal="2">[...]</span></span> and <span class="cloze-inactive" data-ordinal="1">Wellington</span>',
    );
    expect(revealCloze(text, 2, false)).toBe(
      '<span class="cloze-inactive" data-ordinal="1">Canberra <span class="cloze" data-ordinal="2">Australia</span>' +
        '</span> and <span class="cloze-inactive" data-ordinal="1">Wellington</span>',
    );
    expect(revealCloze(text, 3, true)).toBe('');
    expect(render('{{cloze:Text}}', '{{cloze:Text}}', { Text: text }, 2, true)).toBeNull();
  });
});

describe('bad packages', () => {
  const rich = richCollection();

  it('refuses a file that is not a zip', () => {
    const error = importError(() => readAnkiPackage(new TextEncoder().encode('just some text'), 'notes.apkg'));
    expect(error.source.file).toBe('notes.apkg');
    expect(error.message).toMatch(/^notes\.apkg: is not a zip file/);
    const truncated = buildPackage({ layout: 'legacy1', collection: rich.spec }).subarray(0, 500);
    expect(importError(() => readAnkiPackage(truncated, 'cut.apkg')).message).toMatch(/^cut\.apkg: is not a zip file/);
  });

  it('refuses a zip without a collection', () => {
    const error = importError(() => readAnkiPackage(zip({ 'readme.txt': new Uint8Array([1]) }), 'other.zip'));
    expect(error.message).toMatch(/^other\.zip: has no Anki collection/);
    const missing = buildPackage({ layout: 'latest', collection: rich.spec, entries: { 'collection.anki21b': null } });
    expect(importError(() => readAnkiPackage(missing, 'm.apkg')).message).toMatch(/has no collection\.anki21b/);
  });

  it('refuses a truncated collection, naming the entry', () => {
    const entries = packageEntries({ layout: 'legacy1', collection: rich.spec });
    const collection = entries['collection.anki2'];
    for (const size of [collection.length / 2, 4096, 50]) {
      const error = importError(() =>
        readAnkiPackage(zip({ ...entries, 'collection.anki2': collection.subarray(0, size) }), 'trunc.apkg'),
      );
      expect(error.source).toEqual({ file: 'trunc.apkg', where: 'collection.anki2' });
      expect(error.reason).toMatch(/truncated or corrupt/);
    }

    const latest = packageEntries({ layout: 'latest', collection: rich.spec });
    const compressed = latest['collection.anki21b'];
    const cutFrame = importError(() =>
      readAnkiPackage(zip({ ...latest, 'collection.anki21b': compressed.subarray(0, 1000) }), 'z.apkg'),
    );
    expect(cutFrame.message).toMatch(/^z\.apkg \(collection\.anki21b\): is not valid zstd data/);
    const inner = zstdDecompress(compressed, 1e9);
    const cutDb = importError(() =>
      readAnkiPackage(zip({ ...latest, 'collection.anki21b': zstdStore(inner.subarray(0, 8192)) }), 'z.apkg'),
    );
    expect(cutDb.message).toMatch(/^z\.apkg \(collection\.anki21b\): .*truncated or corrupt/);
  });

  it('refuses corrupt or too-new meta', () => {
    const corrupt = buildPackage({
      layout: 'latest',
      collection: rich.spec,
      entries: { meta: new Uint8Array([0x0a, 0x7f]) },
    });
    expect(importError(() => readAnkiPackage(corrupt, 'meta.apkg')).message).toMatch(
      /^meta\.apkg \(meta\): is corrupt/,
    );
    const newer = buildPackage({ layout: 'latest', collection: rich.spec, entries: { meta: metaBytes(4) } });
    expect(importError(() => readAnkiPackage(newer, 'new.apkg')).reason).toMatch(/version 4.*newer/);
  });

  it('refuses a corrupt media map', () => {
    const json = buildPackage({
      layout: 'legacy1',
      collection: rich.spec,
      entries: { media: new TextEncoder().encode('{"0": "a.png",') },
    });
    const error = importError(() => readAnkiPackage(json, 'media.apkg'));
    expect(error.source).toEqual({ file: 'media.apkg', where: 'media' });
    expect(error.reason).toMatch(/media map is corrupt/);
    const notObject = buildPackage({
      layout: 'legacy1',
      collection: rich.spec,
      entries: { media: new TextEncoder().encode('["a.png"]') },
    });
    expect(importError(() => readAnkiPackage(notObject, 'media.apkg')).reason).toMatch(/media map is corrupt/);
    const proto = buildPackage({
      layout: 'latest',
      collection: rich.spec,
      entries: { media: zstdStore(new Uint8Array([0x0a, 0x05, 0x0a])) },
    });
    expect(importError(() => readAnkiPackage(proto, 'media3.apkg')).reason).toMatch(/media map is corrupt/);
    const notZstd = buildPackage({
      layout: 'latest',
      collection: rich.spec,
      entries: { media: new Uint8Array([1, 2]) },
    });
    expect(importError(() => readAnkiPackage(notZstd, 'media3.apkg')).reason).toMatch(/media map is corrupt/);
  });

  it('refuses unsafe media names: a ../ path and absolute paths, in both map formats', () => {
    for (const name of ['../evil.png', '/etc/passwd', 'C:\\Windows\\evil.dll', '..', '', 'a\0b.png']) {
      const legacy = buildPackage({
        layout: 'legacy1',
        collection: rich.spec,
        media: [{ name, data: new Uint8Array([1]) }],
      });
      const error = importError(() => readAnkiPackage(legacy, 'evil.apkg'));
      expect(error.source).toEqual({ file: 'evil.apkg', where: 'media, media entry "0"' });
      expect(error.reason).toMatch(/^unsafe media file name/);
      if (name.startsWith('../')) expect(error.reason).toMatch(/climbs out of the media folder/);
      if (name.startsWith('/') || name.startsWith('C:')) expect(error.reason).toMatch(/is an absolute path/);
      const latest = buildPackage({
        layout: 'latest',
        collection: rich.spec,
        media: [{ name, data: new Uint8Array([1]) }],
      });
      expect(importError(() => readAnkiPackage(latest, 'evil.apkg')).reason).toMatch(/^unsafe media file name/);
    }
  });

  it('skips media the map lists but the zip lacks', () => {
    const entries = packageEntries({ layout: 'latest', collection: rich.spec, media: rich.media });
    delete entries['1'];
    const bundle = readAnkiPackage(zip(entries), 'gap.apkg');
    expect(bundle.media.map((m) => m.name)).toEqual(['apple.png']);
    expect(bundle.skipped).toContainEqual({
      item: 'media in gap.apkg',
      reason: '1 file named in the media map but missing from the package: "sa gwa.mp3"',
    });
  });

  it('refuses a zip bomb: too many entries, declared sizes past the limit, lying sizes, zstd bombs', () => {
    const limits = { maxUnpackedBytes: 1024 * 1024, maxEntries: 20, maxMediaBytes: 512 * 1024 };
    const bomb = zip({ 'collection.anki2': new Uint8Array(4 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(50_000);
    const declared = importError(() => readAnkiPackage(bomb, 'bomb.apkg', { limits }));
    expect(declared.message).toMatch(/^bomb\.apkg: unpacks to more than 1 MB, over the import limit/);

    const many = zip(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [String(i), new Uint8Array([i])])));
    expect(importError(() => readAnkiPackage(many, 'many.apkg', { limits })).message).toMatch(
      /^many\.apkg: has more than 20 entries/,
    );

    // A central directory that understates an entry's size: fflate stops at the declared size,
    // and the cut-off collection is reported, not read.
    const honest = buildPackage({ layout: 'legacy1', collection: rich.spec });
    const lying = withDeclaredSize(honest, 'collection.anki2', 1000);
    const lie = importError(() => readAnkiPackage(lying, 'lie.apkg'));
    expect(lie.source.where).toBe('collection.anki2');

    const zstdBomb = buildPackage({
      layout: 'latest',
      collection: rich.spec,
      entries: { 'collection.anki21b': zstdRepeat(0, 8 * 1024 * 1024) },
    });
    const zstdError = importError(() => readAnkiPackage(zstdBomb, 'zbomb.apkg', { limits }));
    expect(zstdError.message).toMatch(/^zbomb\.apkg \(collection\.anki21b\): unpacks to more than 1 MB/);

    // One medium file over the media limit is left out, not fatal.
    const big = buildPackage({
      layout: 'latest',
      collection: rich.spec,
      media: [{ name: 'big.wav', data: new Uint8Array(600 * 1024) }],
    });
    const bundle = readAnkiPackage(big, 'big.apkg', { limits: { ...limits, maxUnpackedBytes: 8 * 1024 * 1024 } });
    expect(bundle.media).toEqual([]);
    expect(bundle.skipped).toContainEqual({ item: 'media big.wav', reason: expect.stringContaining('limit') });
  });

  it('reads nothing it was not asked to: a stray entry does not matter', () => {
    const entries = packageEntries({ layout: 'legacy2', collection: rich.spec });
    const bundle = readAnkiPackage(zipSync({ ...entries, 'notes.txt': new Uint8Array([1, 2, 3]) }), 'stray.apkg');
    expect(allCards(bundle).length).toBe(10);
  });
});

describe('a Cue deck through Anki', () => {
  it('comes back as the same Markdown, unless a side was edited in Anki', () => {
    const deckPath = join(import.meta.dirname, '..', '..', 'deck', 'lead-ml-engineer.md');
    const parsed = parseDeck(readFileSync(deckPath, 'utf8'), deckPath);
    const exportDeck = exportDeckOf(parsed, { createdAt: Date.UTC(2026, 0, 1), updatedAt: Date.UTC(2026, 0, 1) });
    const now = Date.UTC(2026, 5, 1);
    const bundle = readAnkiPackage(writeAnkiPackage(exportDeck, { withHistory: false, now }), 'cue.apkg');
    expect(bundle.decks.map((d) => [d.key, d.name])).toEqual([[parsed.key, parsed.name]]);
    const back = bundle.decks[0].sections.flatMap((s) => s.cards.map((c) => [c.key, c.format, c.question, c.answer]));
    expect(back).toEqual(parsed.sections.flatMap((s) => s.cards.map((c) => [c.key, 'markdown', c.question, c.answer])));
  });
});
