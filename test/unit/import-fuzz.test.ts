/**
 * Every import format, fuzzed with mutations of real files: Anki packages (the fixtures, packages built
 * on Anki's own schema, Cue's own export) as .apkg and .colpkg, CSV/TSV, Cue decks and review-log CSV.
 * Mutations are byte-level for every format, and structural below that: inside a valid zip for
 * packages (the collection edited with SQL, the media map, entries, sizes, methods, zip-slip names),
 * and grammar-aware for text. Each case is imported with a preview, then applied, through the real
 * Collection.importFile: it either succeeds (and the preview's summary is exactly what the apply does)
 * or is refused with invalid_input, a message naming the file and no raw Node or SQLite text, and
 * leaves the database and the media folder as they were. A watchdog stops a case that hangs.
 * Seeds are fixed and printed; CUE_LONG=1 runs thousands of cases per format.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection, ImportOptions } from '../../electron/core/collection';
import { parseDeck } from '../../electron/core/deck-format';
import { dispatch } from '../../electron/core/dispatch';
import { CueError } from '../../shared/errors';
import type { ImportSummary } from '../../shared/io';
import { ankiFixture, buildPackage, CollectionBuilder, type CollectionSpec, STOCK } from '../helpers/anki-packages';
import { applyByteMutations, type ByteMutation, byteMutations } from '../helpers/byte-mutations';
import { BUNDLED_DECK_DIR, FIXTURES, openTestCollection, TestClock, tempDir } from '../helpers/collections';
import {
  describeCase,
  FUZZ_TEST_TIMEOUT,
  fuzzParameters,
  HUGE_REPEATS,
  UnchangedGuard,
  watchdogForThisFile,
} from '../helpers/fuzz';
import {
  applyPackageMutations,
  COLLECTION_IMAGE,
  type PackageMutation,
  packageMutations,
  type Text,
} from '../helpers/package-mutations';
import { hostileString } from '../helpers/schema-arbitraries';
import {
  applyTextRecipe,
  breakingChars,
  type TextGrammar,
  type TextRecipe,
  textRecipe,
} from '../helpers/text-mutations';

const START = Date.UTC(2026, 2, 2, 10, 0);
const DAY = 86_400_000;

const watchdog = watchdogForThisFile();

// The collection every case is imported into
// ----------------------------------------

interface Source {
  name: string;
  bytes: Uint8Array;
}

type Format = 'apkg' | 'colpkg' | 'csv' | 'cue' | 'revlog';

let template = '';
const sources: Record<Format, Source[]> = { apkg: [], colpkg: [], csv: [], cue: [], revlog: [] };

/** A package with every stock note type, subdecks, tags, a suspended card, history, FSRS state and media. */
function richCollection(): CollectionSpec {
  const b = new CollectionBuilder();
  const top = b.deck('Languages', 'Words and phrases');
  const sub = b.deck('Languages::Spanish');
  const basic = b.note(STOCK.basic(), ['hola', 'hello <img src="dot.png">'], { deck: sub, tags: ['es', 'greeting'] });
  b.note(STOCK.basicAndReversed(), ['gato', 'cat [sound:meow.mp3]'], { deck: sub });
  b.note(STOCK.optionalReversed(), ['perro', 'dog', 'y'], { deck: top });
  b.note(STOCK.typing(), ['uno', 'one'], { deck: top, card: () => ({ queue: -1 }) });
  b.note(STOCK.cloze(), ['{{c1::Madrid}} is the capital of {{c2::Spain}}', 'geography'], {
    deck: top,
    card: () => ({ type: 2, queue: 2, data: '{"s":12.1,"d":5.61,"dr":0.9}' }),
  });
  b.note(STOCK.imageOcclusion(), [
    '{{c1::image-occlusion:rect:left=.1:top=.1:width=.2:height=.2}}',
    '<img src="pic.png">',
    '',
    '',
    '',
  ]);
  const at = Date.UTC(2025, 5, 1);
  b.review(basic.cardIds[0], at, 3);
  b.review(basic.cardIds[0], at + DAY, 1, { type: 2 });
  b.review(basic.cardIds[0], at + 3 * DAY, 4, { timeMs: 70_000 });
  return b.spec;
}

const MEDIA = [
  { name: 'dot.png', data: COLLECTION_IMAGE },
  { name: 'pic.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
  { name: 'meow.mp3', data: new Uint8Array([0x49, 0x44, 0x33, 4, 5, 6]) },
];

/**
 * A review history Cue exported from another collection, of cards that have none in the template:
 * importing it replays every answer through the scheduler (the template's own history is skipped).
 */
function historyOfOtherCards(): Uint8Array {
  const clock = new TestClock(START - 30 * DAY);
  const other = openTestCollection(clock);
  for (let day = 0; day < 4; day++) {
    for (let cardId = 20; cardId <= 30; cardId++) {
      dispatch(other, 'study.answer', {
        deckId: 1,
        cardId,
        rating: ((cardId * 7 + day) % 4) + 1,
        durationMs: 1000 * cardId,
      });
    }
    clock.advance(DAY + 3_600_000);
  }
  const bytes = other.exportFile({ deckId: 1, format: 'revlog', withHistory: true }).data;
  other.close();
  return bytes;
}

beforeAll(() => {
  template = mkdtempSync(join(tmpdir(), 'cue-import-fuzz-'));
  const clock = new TestClock(START);
  const collection = openTestCollection(clock, { dataDir: join(template, 'data') });
  for (let day = 0; day < 3; day++) {
    for (let cardId = 1; cardId <= 12; cardId++) {
      dispatch(collection, 'study.answer', {
        deckId: 1,
        cardId,
        rating: ((cardId + day) % 4) + 1,
        durationMs: 3000 + cardId,
      });
    }
    clock.advance(DAY);
  }
  dispatch(collection, 'media.add', { name: 'dot.png', dataBase64: Buffer.from(COLLECTION_IMAGE).toString('base64') });
  const html = ankiFixture('anki-apkg-export-output.apkg');
  collection.importFile('anki-apkg-export-output.apkg', html, { dryRun: false });
  const exported = (format: 'cue' | 'csv' | 'apkg' | 'revlog', deckId: number) =>
    collection.exportFile({ deckId, format, withHistory: true }).data;

  const anki = readdirSync(join(FIXTURES, 'anki')).filter((file) => file.endsWith('.apkg'));
  const spec = richCollection();
  sources.apkg = [
    ...anki.map((file) => ({ name: file, bytes: ankiFixture(file) })),
    { name: 'rich-legacy1.apkg', bytes: buildPackage({ layout: 'legacy1', collection: spec, media: MEDIA }) },
    { name: 'rich-legacy2.apkg', bytes: buildPackage({ layout: 'legacy2', collection: spec, media: MEDIA }) },
    { name: 'rich-latest.apkg', bytes: buildPackage({ layout: 'latest', collection: spec, media: MEDIA }) },
    { name: 'cue-export.apkg', bytes: exported('apkg', 1) },
  ];
  sources.colpkg = [
    { name: 'rich-latest.colpkg', bytes: buildPackage({ layout: 'latest', collection: spec, media: MEDIA }) },
    { name: 'anki-empty.colpkg', bytes: ankiFixture('srs-converter-empty-latest.apkg') },
    { name: 'anki-empty-legacy.colpkg', bytes: ankiFixture('srs-converter-empty-legacy-2.apkg') },
    { name: 'cue-export.colpkg', bytes: exported('apkg', 2) },
  ];
  const csvFixtures = readdirSync(join(FIXTURES, 'csv')).map((file) => ({
    name: file,
    bytes: new Uint8Array(readFileSync(join(FIXTURES, 'csv', file))),
  }));
  const commaCsv =
    'Question,Answer,Tags\n"What is 2+2?",4,math\n"A ""quoted"" one","with, a comma",\nPlain,"two\nlines",x y\n';
  sources.csv = [
    ...csvFixtures,
    { name: 'cue-export.txt', bytes: exported('csv', 1) },
    { name: 'cue-export-html.tsv', bytes: exported('csv', 2) },
    { name: 'plain.csv', bytes: new TextEncoder().encode(commaCsv) },
  ];
  sources.cue = [
    { name: 'lead-ml-engineer.md', bytes: new Uint8Array(readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'))) },
    { name: 'cue-export-html.md', bytes: exported('cue', 2) },
  ];
  sources.revlog = [
    { name: 'cue-history.csv', bytes: exported('revlog', 1) },
    { name: 'other-history.csv', bytes: historyOfOtherCards() },
  ];
  collection.close();
});
afterAll(() => rmSync(template, { recursive: true, force: true }));

/** Past this much growth a fresh copy of the template takes over, so digests stay quick to make. */
const MAX_GROWTH_BYTES = 4 * 1024 * 1024;
const DATA_DIR_FILES = new Set([
  'collection.sqlite',
  'collection.sqlite-wal',
  'collection.sqlite-shm',
  'media',
  'backups',
  // the writer's lock and who holds it, there since the collection opened
  'collection.lock',
  'collection.lock.json',
]);
const ESCAPED = 'cue-fuzz-escaped';

/** A copy of the template in `<root>/data`, so a file written outside the data folder shows in root. */
class ImportSubject {
  readonly clock = new TestClock(START + 3 * DAY + 60_000);
  collection!: Collection;
  guard!: UnchangedGuard;
  root = '';
  private size = 0;

  constructor() {
    this.open();
  }

  succeeded(): void {
    if (this.bytes() > this.size + MAX_GROWTH_BYTES) this.open();
    else this.guard.rebase();
  }

  /** Nothing outside the data folder, and nothing in it but Cue's own files. */
  assertNothingElseWritten(what: string): void {
    expect(readdirSync(this.root), `${what}: wrote outside the data folder`).toEqual(['data']);
    const extra = readdirSync(join(this.root, 'data')).filter((file) => !DATA_DIR_FILES.has(file));
    expect(extra, `${what}: wrote into the data folder`).toEqual([]);
    expect(existsSync(join(tmpdir(), ESCAPED)), `${what}: wrote to ${join(tmpdir(), ESCAPED)}`).toBe(false);
  }

  private open(): void {
    this.collection?.close();
    this.root = tempDir('cue-import-fuzz-');
    mkdirSync(join(this.root, 'data'));
    cpSync(join(template, 'data'), join(this.root, 'data'), { recursive: true });
    this.collection = openTestCollection(this.clock, { dataDir: join(this.root, 'data') });
    this.guard = new UnchangedGuard(this.collection);
    this.size = this.bytes();
  }

  private bytes(): number {
    const pages = this.collection.db.pragma('page_count', { simple: true }) as number;
    return pages * (this.collection.db.pragma('page_size', { simple: true }) as number);
  }
}

// What must hold of every case
// ----------------------------------------

/** Text that belongs to Node, SQLite or a JavaScript crash, never to a message for a person. */
const RAW_MESSAGE =
  /\bE(NAMETOOLONG|NOENT|ACCES|EXIST|ISDIR|NOTDIR|NOTEMPTY|PERM|MFILE|NOSPC|INVAL|BUSY|ROFS|LOOP|IO)\b|SQLITE_|Unexpected error|TypeError|RangeError|ReferenceError|\bundefined\b|\[object /;

type Outcome = { summary: ImportSummary } | { error: unknown };

function attempt(what: string, run: () => ImportSummary): Outcome {
  try {
    return { summary: watchdog.run(what, run) };
  } catch (error) {
    return { error };
  }
}

function assertRefusal(outcome: Outcome, fileName: string, what: string): CueError {
  if (!('error' in outcome)) throw new Error(`${what} succeeded`);
  const { error } = outcome;
  if (!(error instanceof CueError)) {
    throw new Error(`${what} threw ${error instanceof Error ? error.stack : String(error)}, not a CueError`);
  }
  expect(error.code, `${what}: ${error.message}`).toBe('invalid_input');
  expect(error.message.startsWith(fileName), `${what}: the message doesn't name the file: ${error.message}`).toBe(true);
  expect(error.message, what).not.toMatch(RAW_MESSAGE);
  return error;
}

interface Tally {
  imported: number;
  refused: number;
  reasons: Map<string, number>;
}

/** Preview, then apply: both succeed with the same summary, or both refuse the same way and change nothing. */
function checkImport(
  subject: ImportSubject,
  fileName: string,
  bytes: Uint8Array,
  options: Omit<ImportOptions, 'dryRun'>,
  recipe: unknown,
  tally: Tally,
): void {
  const what = `import of ${fileName} (${bytes.length} bytes, recipe ${describeCase(recipe)}, options ${describeCase(options)})`;
  const run = (dryRun: boolean) => () => subject.collection.importFile(fileName, bytes.slice(), { ...options, dryRun });
  const preview = attempt(`preview of ${what}`, run(true));
  subject.guard.assertUnchanged(`preview of ${what}`);
  const previewError = 'error' in preview ? assertRefusal(preview, fileName, `preview of ${what}`) : undefined;
  const applied = attempt(what, run(false));
  if (!previewError) {
    if ('error' in applied) {
      const error = applied.error;
      throw new Error(
        `the preview of ${what} passed, but the apply failed: ${error instanceof Error ? error.stack : error}`,
      );
    }
    expect(applied.summary, `${what}: the apply did other than the preview said`).toEqual(
      (preview as { summary: ImportSummary }).summary,
    );
    tally.imported++;
    subject.succeeded();
  } else {
    const error = assertRefusal(applied, fileName, what);
    expect(error.message, `${what}: the apply and the preview disagree`).toBe(previewError.message);
    subject.guard.assertUnchanged(what);
    tally.refused++;
    const reason = error.message.slice(fileName.length).replace(/\d+/g, 'N').slice(0, 60);
    tally.reasons.set(reason, (tally.reasons.get(reason) ?? 0) + 1);
  }
  subject.assertNothingElseWritten(what);
}

function report(label: string, tally: Tally): void {
  const top = [...tally.reasons.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4);
  console.info(
    `[fuzz] ${label}: ${tally.imported} imported, ${tally.refused} refused (most often: ${top.map(([r, n]) => `${n}× "${r.trim()}"`).join('; ')})`,
  );
}

// Options a person may give (as the API passes them)
// ----------------------------------------

const deckName = hostileString.map((name) => name.trim()).filter((name) => name.length >= 1 && name.length <= 200);
const column = fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(2 ** 31, Number.MAX_SAFE_INTEGER));
const mapping = fc.record(
  { question: column, answer: column, tags: column, section: column, key: column },
  { requiredKeys: ['question', 'answer'] },
);

/** Mostly none, as most imports go; else a deck name, and for CSV a column mapping. */
function importOptions(format: Format): fc.Arbitrary<Omit<ImportOptions, 'dryRun'>> {
  const given = format === 'csv' ? fc.record({ deckName, mapping }, { requiredKeys: [] }) : fc.record({ deckName });
  return fc.oneof({ arbitrary: fc.constant({}), weight: 2 }, { arbitrary: given, weight: 1 });
}

// Grammars of the text formats
// ----------------------------------------

/** Huge runs, kept to characters that aren't whitespace (see the deck-format finding below). */
const hugeText: fc.Arbitrary<Text> = fc.record({
  repeat: fc.constantFrom('x', 'é', '😀', 'a,b', 'a\tb', '""', '{{c1::'),
  times: fc.integer({ min: 1000, max: HUGE_REPEATS }),
});

const csvGrammar = (separator: string): TextGrammar => ({
  separator,
  lines: fc.oneof(
    fc.constantFrom(
      '#separator:junk',
      '#separator:',
      '#separator:Pipe',
      '#separator:,',
      '#separator:tab',
      '#separator:space',
      '#html:maybe',
      '#html:TRUE',
      '#html:true',
      '#tags column:0',
      '#tags column:-1',
      '#tags column:99',
      '#tags column:1e9',
      '#deck column:1.5',
      '#deck column:1',
      '#guid column:NaN',
      '#guid column:1',
      '#notetype column:2',
      '#columns:',
      '#columns:Front',
      '#columns:"unclosed',
      '#columns:Back\tFront',
      '#deck:',
      '#deck:::',
      '#deck: a::b::c',
      '#notetype:',
      '#tags:',
      '#cue section:BAD name',
      '#cue section:x ',
      '#cue section:a-1 Dup',
      'tags:x y',
      '#',
      '#:',
      '#:value',
      '# separator : tab',
      '"',
      '""',
      '"a',
      'a"b',
      ',,,,',
      '\t\t\t',
      'q',
      `q${separator}a${separator}extra${separator}more`,
      '"multi\nline',
      ' ',
      '\u0000',
      `cue:deck/card${separator}x`,
    ),
    fc.tuple(hostileString, hostileString).map(([q, a]) => `${q}${separator}${a}`),
    fc.record({
      repeat: fc.constantFrom('#tags:x ', 'x', `a${separator}`),
      times: fc.integer({ min: 1000, max: HUGE_REPEATS }),
    }),
  ),
  fields: fc.oneof(
    hostileString,
    breakingChars,
    hugeText,
    fc.constantFrom('', ' ', '"', '"x', 'x"', '"x""', 'Deck::Sub', '::', 'cue:a/b'),
  ),
});

const cueGrammar: TextGrammar = {
  separator: ' ',
  lines: fc.oneof(
    fc.constantFrom(
      '---',
      'cue-deck: 2',
      'cue-deck: x',
      'id: BAD ID',
      'id:',
      'name:',
      'name: "unterminated',
      'name: "a\\u0000"',
      'version: -1',
      'version: 1e9',
      'version: 99999999999999999999',
      'description: "x',
      'unknown-key: 1',
      'NotAKey',
      '# ',
      '# Name',
      '# Name {#dup}',
      '# {#nameless}',
      '# Name {#UPPER}',
      '# Name {#x .tag}',
      '## ',
      '## Q',
      '## Q {#dup}',
      '## {#q-block}',
      '## Q {#x .t1 .t2}',
      '## Q {#x .}',
      '## Q {#-x}',
      '::: question',
      ':::',
      '```',
      '~~~',
      '````',
      '```cue-html',
      '```cue-markdown',
      '<!-- -->',
      '\t# indented',
      '   ```',
      '####### h',
      '',
    ),
    hostileString.map((text) => `## ${text} {#fuzz-card}`),
    hostileString.map((text) => `# ${text} {#fuzz-section}`),
    hugeText.map((text) => ({ ...(text as { repeat: string; times: number }), tail: ' {#long}' })),
  ),
  fields: fc.oneof(
    hostileString,
    breakingChars,
    fc.constantFrom('{#x}', '{#BAD}', '.tag', '{', '}', '::: question', '```'),
  ),
};

const revlogValue = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '-1',
      '0',
      '1',
      '1.5',
      '1e3',
      'NaN',
      'Infinity',
      '0x10',
      '+3',
      ' 3 ',
      '5',
      '\uff14',
      '999999',
      'abc',
      '"1"',
      '"',
    ),
  },
  // moments: seconds instead of ms, before 1970, past what a Date holds, past any plausible time
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '1000',
      '1700000000',
      '1700000000000',
      '-1700000000000',
      '9007199254740993',
      '253402300800000',
      '8640000000000001',
      '1e20',
      '99999999999999999999',
      '1e300',
    ),
  },
);

const revlogGrammar: TextGrammar = {
  separator: ',',
  lines: fc.oneof(
    fc.constantFrom(
      'card_id,review_time,review_rating,review_state,review_duration',
      'review_time,card_id,review_rating',
      'card_id,review_time',
      'card_id,card_id,review_time,review_rating',
      'CARD_ID,REVIEW_TIME,REVIEW_RATING',
      'card_id\treview_time\treview_rating\treview_state\treview_duration',
      'card_id,review_time,review_rating,review_state,review_duration,extra',
      ' card_id , review_time , review_rating ',
    ),
    fc.array(revlogValue, { minLength: 1, maxLength: 7 }).map((values) => values.join(',')),
    // a well-formed row for a card of the collection (from card 13 on, one with no history in the
    // template, whose answers are replayed) but for one value
    {
      weight: 6,
      arbitrary: fc
        .tuple(fc.integer({ min: 5, max: 60 }), fc.nat({ max: 4 }), revlogValue)
        .map(([card, column, value]) => {
          const row = [String(card), String(START - 40 * DAY + card * 1000), '3', '2', '1000'];
          row[column] = value;
          return row.join(',');
        }),
    },
  ),
  fields: fc.oneof({ arbitrary: revlogValue, weight: 3 }, hostileString, breakingChars),
};

function grammarFor(format: Format, source: Source): TextGrammar {
  if (format === 'cue') return cueGrammar;
  if (format === 'revlog') return revlogGrammar;
  return csvGrammar(new TextDecoder().decode(source.bytes).includes('\t') ? '\t' : ',');
}

// The properties
// ----------------------------------------

const RUNS = {
  bytes: { quick: 100, long: 2000 },
  structure: { quick: 150, long: 3000 },
};

function fuzz<R>(
  label: string,
  runs: { quick: number; long: number },
  cases: fc.Arbitrary<R>,
  make: (recipe: R) => {
    source: Source;
    bytes: Uint8Array;
    options: Omit<ImportOptions, 'dryRun'>;
  },
) {
  const subject = new ImportSubject();
  const tally: Tally = { imported: 0, refused: 0, reasons: new Map() };
  fc.assert(
    fc.property(cases, (recipe) => {
      subject.clock.advance(1);
      const { source, bytes, options } = make(recipe);
      checkImport(subject, source.name, bytes, options, recipe, tally);
    }),
    fuzzParameters(label, runs),
  );
  report(label, tally);
  // both outcomes happen: the mutations neither break everything nor nothing
  expect(tally.refused).toBeGreaterThan(0);
  return tally;
}

const sourceIndex = fc.nat({ max: 1000 });
const pick = (format: Format, index: number) => sources[format][index % sources[format].length];

describe('imports of mutated real files', () => {
  for (const format of ['apkg', 'colpkg', 'csv', 'cue', 'revlog'] as Format[]) {
    it(
      `${format}: byte flips, truncations, insertions and duplicated ranges`,
      () => {
        const cases = fc.record({ source: sourceIndex, mutations: byteMutations, options: importOptions(format) });
        fuzz(`${format} bytes`, RUNS.bytes, cases, ({ source, mutations, options }) => {
          const file = pick(format, source);
          return { source: file, bytes: applyByteMutations(file.bytes, mutations as ByteMutation[]), options };
        });
      },
      FUZZ_TEST_TIMEOUT,
    );
  }

  for (const format of ['apkg', 'colpkg'] as Format[]) {
    it(
      `${format}: a valid zip around a mutated collection, media map, entries, sizes and names`,
      () => {
        const cases = fc.record({ source: sourceIndex, mutations: packageMutations, options: importOptions(format) });
        const tally = fuzz(`${format} inside`, RUNS.structure, cases, ({ source, mutations, options }) => {
          const file = pick(format, source);
          return { source: file, bytes: applyPackageMutations(file.bytes, mutations as PackageMutation[]), options };
        });
        expect(tally.imported).toBeGreaterThan(0);
      },
      FUZZ_TEST_TIMEOUT,
    );
  }

  for (const format of ['csv', 'cue', 'revlog'] as Format[]) {
    it(
      `${format}: grammar-aware mutations (quoting, fields, headers, encodings)`,
      () => {
        const cases = fc.nat({ max: 1000 }).chain((source) => {
          const file = pick(format, source);
          const grammar = grammarFor(format, file);
          return fc.record({
            source: fc.constant(source),
            recipe: textRecipe(grammar),
            options: importOptions(format),
          });
        });
        const tally = fuzz(`${format} grammar`, RUNS.structure, cases, ({ source, recipe, options }) => {
          const file = pick(format, source);
          const text = new TextDecoder().decode(file.bytes);
          return {
            source: file,
            bytes: applyTextRecipe(text, recipe as TextRecipe, grammarFor(format, file)),
            options,
          };
        });
        expect(tally.imported).toBeGreaterThan(0);
      },
      FUZZ_TEST_TIMEOUT,
    );
  }
});

describe('findings recorded for the code that owns them', () => {
  /** A small Anki package whose media map names these files. */
  function packageWithMedia(names: string[]): Uint8Array {
    const b = new CollectionBuilder();
    b.note(STOCK.basic(), ['front <img src="ok.png">', 'back'], { deck: b.deck('Media') });
    const media = names.map((name, i) => ({ name, data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, i]) }));
    return buildPackage({ layout: 'legacy1', collection: b.spec, media });
  }

  // A media file whose name the file system can't hold once passed the preview, then failed the apply
  // with a raw ENAMETOOLONG after committing the cards: names are now kept to 120 bytes, as in Anki.
  it('imports a package naming a 5,000-character media file as the preview said, or refuses it', () => {
    const subject = new ImportSubject();
    const tally: Tally = { imported: 0, refused: 0, reasons: new Map() };
    const bytes = packageWithMedia(['ok.png', `${'a'.repeat(5000)}.png`]);
    checkImport(subject, 'long-media-name.apkg', bytes, {}, 'a 5,000-character media name', tally);
  });

  // The same for names under the 255-byte limit of a file name, which the temporary name once passed.
  it('imports a package naming a 250-byte media file as the preview said, or refuses it', () => {
    const subject = new ImportSubject();
    const tally: Tally = { imported: 0, refused: 0, reasons: new Map() };
    const bytes = packageWithMedia([`${'\u00e9'.repeat(123)}.png`]);
    checkImport(subject, 'media-name-250-bytes.apkg', bytes, {}, 'a 250-byte media name', tally);
  });

  // Its heading patterns once backtracked quadratically on a long run of spaces: 50,000 took 6 s.
  it('parses a Cue deck whose heading holds 200,000 spaces at once', () => {
    const text = `---\ncue-deck: 1\nid: d\nname: D\nversion: 1\n---\n# S {#s}\n## a${' '.repeat(200_000)}b {#c}\n\nAn answer.\n`;
    // with the old patterns this took minutes, far past the test's timeout
    expect(parseDeck(text).sections[0].cards[0].key).toBe('c');
  });
});
