/**
 * Mutations of an Anki package below the zip level, as data: a valid zip around a collection edited
 * with SQL (hostile field text, templates, ids, JSON and protobuf configs, dropped tables), a mutated
 * media map (JSON or protobuf, unsafe names, missing entries), entries removed, replaced, duplicated or
 * added under zip-slip names, a junk `meta`, declared sizes that lie and compression methods nobody
 * supports. `applyPackageMutations` turns a real package and a recipe into the bytes to import.
 */
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import { decompress } from 'fzstd';
import {
  mediaEntriesBytes,
  metaBytes,
  rawZip,
  setCollation,
  templateConfig,
  withDeclaredSize,
  zstdStore,
} from './anki-packages';
import { applyByteMutations, type ByteMutation, byteMutations } from './byte-mutations';
import { HUGE_REPEATS } from './fuzz';
import { hostileString } from './schema-arbitraries';

/** Text that may be huge, kept short in a recipe: `repeat` × `times`, then `tail`. */
export type Text = string | { repeat: string; times: number; tail?: string };

export function expandText(text: Text): string {
  return typeof text === 'string' ? text : text.repeat.repeat(text.times) + (text.tail ?? '');
}

/** What a field of a note, a template or a name may hold: hostile text, template syntax, sheer size. */
export const hostileText: fc.Arbitrary<Text> = fc.oneof(
  hostileString,
  fc.constantFrom(
    '',
    '{{',
    '}}',
    '{{#Front}}',
    '{{/Front}}',
    '{{^Back}}x',
    '{{#Front}}{{/Back}}',
    '{{c1::x}}',
    '{{c1::',
    '{{c0::x}}',
    '{{c99999999999::x}}',
    '{{c1::a{{c2::b}}c}}',
    '{{c1::x::hint}}',
    '{{cloze:Text}}',
    '{{cloze:}}',
    '{{type:Back}}',
    '{{hint:}}',
    '{{furigana:Front}}',
    '{{text:}}',
    '{{FrontSide}}',
    '{{=<% %>=}}<%Front%>',
    '<!--',
    '<!-- {{Front}} -->',
    '[sound:../../x.mp3]',
    '<img src="../../etc/passwd">',
    '<img src="dot.png">',
    '<script>alert(1)</script>',
    '\x1f',
    'a\x1fb\x1fc\x1fd',
  ),
  fc.record({
    repeat: fc.constantFrom('{{#Front}}', '{{^Front}}', '{{c1::', '<!--{{x}}', '{{Front}}', 'x', '\x1f', '<div>', '{{'),
    times: fc.integer({ min: 100, max: 20_000 }),
    tail: fc.constantFrom('', '{{/Front}}', '}}', '-->'),
  }),
  fc.record({ repeat: fc.constantFrom('x', 'é', '😀 '), times: fc.integer({ min: 1000, max: HUGE_REPEATS }) }),
);

const sqlValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileText, weight: 4 },
  fc.integer(),
  fc.constantFrom(-1, 0, 1, 2, 3, 4, 5, 2 ** 31, 2 ** 53, -(2 ** 53), 1.5, 1e308, null),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({ blob: [...bytes] })),
);

/** Which row an edit touches: the n-th, in key order (no row when there are fewer). */
const nth = fc.nat({ max: 4 });

/** JSON for col.models/col.decks edits, set with json_set (as JSON, not a JSON string). */
const jsonJunk = fc.oneof(
  fc.constantFrom('null', '[]', '{}', '"x"', '5', '-1', '1.5', '[{"qfmt":5}]', '[{"name":null}]', '{"a":{"b":{}}}'),
  fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)),
);

type SqlParam = unknown;

export interface SqlEdit {
  sql: string;
  params: SqlParam[];
}

const edit = (sql: string, params: fc.Arbitrary<SqlParam>[] = []): fc.Arbitrary<SqlEdit> =>
  fc.tuple(...params).map((values) => ({ sql, params: values }));

const firstModel = '(SELECT key FROM json_each(col.models) ORDER BY key LIMIT 1 OFFSET ?)';
const firstDeck = '(SELECT key FROM json_each(col.decks) ORDER BY key LIMIT 1 OFFSET ?)';
const modelPath = (tail: string) => `'$."' || ${firstModel} || '".${tail}'`;
const deckPath = (tail: string) => `'$."' || ${firstDeck} || '".${tail}'`;

/** Edits of a collection database, in both schemas (an edit naming what a schema lacks is skipped). */
export const sqlEdit: fc.Arbitrary<SqlEdit> = fc.oneof(
  edit('UPDATE notes SET flds = ? WHERE rowid IN (SELECT rowid FROM notes ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE notes SET guid = ? WHERE rowid IN (SELECT rowid FROM notes ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE notes SET guid = (SELECT guid FROM notes ORDER BY rowid LIMIT 1)'),
  edit('UPDATE notes SET mid = ? WHERE rowid IN (SELECT rowid FROM notes ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE notes SET tags = ? WHERE rowid IN (SELECT rowid FROM notes ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE notes SET id = ? WHERE rowid IN (SELECT rowid FROM notes ORDER BY rowid LIMIT 1 OFFSET ?)', [
    fc.integer(),
    nth,
  ]),
  edit('UPDATE cards SET ord = ? WHERE rowid IN (SELECT rowid FROM cards ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE cards SET nid = ? WHERE rowid IN (SELECT rowid FROM cards ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE cards SET did = ?, odid = ? WHERE rowid IN (SELECT rowid FROM cards ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    sqlValue,
    nth,
  ]),
  edit(
    'UPDATE cards SET queue = ?, type = ? WHERE rowid IN (SELECT rowid FROM cards ORDER BY rowid LIMIT 1 OFFSET ?)',
    [sqlValue, sqlValue, nth],
  ),
  edit('UPDATE cards SET data = ? WHERE rowid IN (SELECT rowid FROM cards ORDER BY rowid LIMIT 1 OFFSET ?)', [
    fc.oneof(
      fc.constantFrom(
        '{"s":"x","d":5}',
        '{"s":1e999,"d":5}',
        '{"s":-1,"d":5}',
        '{"s":1,"d":0}',
        '{',
        '[]',
        '{"s":1e-320,"d":1e308}',
      ),
      sqlValue,
    ),
    nth,
  ]),
  edit('UPDATE cards SET flags = ? WHERE rowid IN (SELECT rowid FROM cards ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE cards SET id = ? WHERE rowid IN (SELECT rowid FROM cards ORDER BY rowid LIMIT 1 OFFSET ?)', [
    fc.integer(),
    nth,
  ]),
  edit(
    'INSERT OR REPLACE INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type) VALUES (?, (SELECT id FROM cards ORDER BY id LIMIT 1), 0, ?, 0, 0, ?, ?, ?)',
    [
      fc.oneof(fc.integer(), fc.constantFrom(0, -1, 1, 2 ** 53, 8.64e15, 8.64e15 + 1, 1e18)),
      sqlValue,
      sqlValue,
      sqlValue,
      sqlValue,
    ],
  ),
  edit(
    'UPDATE revlog SET cid = ?, ease = ?, time = ? WHERE rowid IN (SELECT rowid FROM revlog ORDER BY rowid LIMIT 1 OFFSET ?)',
    [sqlValue, sqlValue, sqlValue, nth],
  ),
  edit('UPDATE col SET models = ?', [sqlValue]),
  edit('UPDATE col SET decks = ?', [sqlValue]),
  edit('UPDATE col SET ver = ?', [sqlValue]),
  edit(`UPDATE col SET models = json_set(models, ${modelPath('tmpls[0].qfmt')}, ?)`, [
    nth,
    hostileText.map(expandText),
  ]),
  edit(`UPDATE col SET models = json_set(models, ${modelPath('tmpls[0].afmt')}, ?)`, [
    nth,
    hostileText.map(expandText),
  ]),
  edit(`UPDATE col SET models = json_set(models, ${modelPath('tmpls')}, json(?))`, [nth, jsonJunk]),
  edit(`UPDATE col SET models = json_set(models, ${modelPath('flds')}, json(?))`, [nth, jsonJunk]),
  edit(`UPDATE col SET models = json_set(models, ${modelPath('flds[0].name')}, ?)`, [nth, hostileText.map(expandText)]),
  edit(`UPDATE col SET models = json_set(models, ${modelPath('type')}, json(?))`, [nth, jsonJunk]),
  edit(`UPDATE col SET models = json_set(models, ${modelPath('tmpls[0].ord')}, json(?))`, [nth, jsonJunk]),
  edit(`UPDATE col SET decks = json_set(decks, ${deckPath('name')}, ?)`, [nth, hostileText.map(expandText)]),
  edit(`UPDATE col SET decks = json_set(decks, ${deckPath('desc')}, json(?))`, [nth, jsonJunk]),
  edit('UPDATE notetypes SET config = ? WHERE rowid IN (SELECT rowid FROM notetypes ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  edit('UPDATE notetypes SET config = ? WHERE rowid IN (SELECT rowid FROM notetypes ORDER BY rowid LIMIT 1 OFFSET ?)', [
    fc.constantFrom({ blob: [8, 1] }, { blob: [8, 0xff, 0xff, 0xff, 0xff, 0x0f] }, { blob: [0x1a, 0x7f] }),
    nth,
  ]),
  edit(
    'UPDATE templates SET config = ? WHERE (ntid, ord) IN (SELECT ntid, ord FROM templates ORDER BY ntid, ord LIMIT 1 OFFSET ?)',
    [
      fc.oneof(
        fc
          .tuple(hostileText, hostileText)
          .map(([q, a]) => ({ blob: [...templateConfig(expandText(q), expandText(a))] })),
        sqlValue,
      ),
      nth,
    ],
  ),
  edit(
    'UPDATE templates SET ord = ? WHERE (ntid, ord) IN (SELECT ntid, ord FROM templates ORDER BY ntid, ord LIMIT 1 OFFSET ?)',
    [sqlValue, nth],
  ),
  edit(
    'UPDATE fields SET name = ? WHERE (ntid, ord) IN (SELECT ntid, ord FROM fields ORDER BY ntid, ord LIMIT 1 OFFSET ?)',
    [sqlValue, nth],
  ),
  edit('UPDATE decks SET name = ? WHERE rowid IN (SELECT rowid FROM decks ORDER BY rowid LIMIT 1 OFFSET ?)', [
    fc.oneof(sqlValue, fc.constantFrom('\x1f', '\x1f\x1f', 'a\x1f', '\x1fb', ' \x1f ')),
    nth,
  ]),
  edit('UPDATE decks SET kind = ? WHERE rowid IN (SELECT rowid FROM decks ORDER BY rowid LIMIT 1 OFFSET ?)', [
    sqlValue,
    nth,
  ]),
  fc
    .constantFrom('notes', 'cards', 'revlog', 'col', 'notetypes', 'fields', 'templates', 'decks')
    .chain((table) => fc.constantFrom(`DELETE FROM ${table}`, `DROP TABLE ${table}`))
    .map((sql) => ({ sql, params: [] })),
  fc
    .constantFrom(
      'ALTER TABLE cards RENAME COLUMN ord TO ord2',
      'ALTER TABLE notes DROP COLUMN tags',
      'ALTER TABLE notes RENAME TO notes2',
      'CREATE TABLE Notes2 (x)',
      'CREATE TRIGGER t AFTER INSERT ON notes BEGIN SELECT 1; END',
      'CREATE VIEW v AS SELECT * FROM notes',
    )
    .map((sql) => ({ sql, params: [] })),
);

function bindable(value: SqlParam): unknown {
  if (value && typeof value === 'object' && 'blob' in value) return Buffer.from((value as { blob: number[] }).blob);
  if (value !== null && typeof value === 'object') return expandText(value as Text);
  return value;
}

/**
 * Runs the edits on a copy of a collection database; edits a schema can't take are left out, and bytes
 * that are no database (a mutation made them so) come back as they were.
 */
export function editCollection(bytes: Uint8Array, edits: SqlEdit[]): Uint8Array {
  const copy = new Uint8Array(bytes);
  const wal = copy[18] === 2;
  copy[18] = 1;
  copy[19] = 1;
  let db: Database.Database | undefined;
  try {
    db = new Database(Buffer.from(copy));
    // Anki's `unicase` collation isn't available here; NOCASE stands in while rows change
    const unicase = db.prepare("SELECT count(*) FROM sqlite_master WHERE sql LIKE '%unicase%'").pluck().get() as number;
    if (unicase) setCollation(db, /COLLATE unicase/gi, 'COLLATE NOCASE');
    for (const { sql, params } of edits) {
      try {
        db.prepare(sql).run(...params.map(bindable));
      } catch {
        // the statement names a table or column this schema lacks, or breaks a constraint
      }
    }
    if (unicase) setCollation(db, /COLLATE NOCASE/g, 'COLLATE unicase');
    const serialized = db.serialize();
    if (serialized.length === 0) return bytes;
    const out = new Uint8Array(serialized);
    if (wal) {
      out[18] = 2;
      out[19] = 2;
    }
    return out;
  } catch {
    return bytes;
  } finally {
    db?.close();
  }
}

// Media maps
// ----------------------------------------

/**
 * Media names kept to 50 characters: longer ones (past what a file name may hold once Cue adds its
 * temporary suffix) fail the apply after the preview passed, a known problem of the apply step (see
 * the recorded test in import-fuzz.test.ts).
 */
export const mediaName: fc.Arbitrary<string> = fc.oneof(
  hostileString.filter((name) => name.length <= 50),
  fc.constantFrom(
    'dot.png',
    'foo.wav',
    'a.mp3',
    '../x.png',
    '../../cue-fuzz-escaped',
    '/tmp/cue-fuzz-escaped',
    'C:x.png',
    'a/b.png',
    'a\\b.png',
    '',
    '.',
    '..',
    ' ',
    'x\u0000.png',
    'x\u0085.png',
    '.hidden',
    '.dot.png.writing',
    'CON',
    'nul.txt',
    '\u00e9.png',
    'e\u0301.png',
    'x'.repeat(50),
  ),
);

export interface MediaRecipe {
  /** [zip entry, name] pairs, duplicates allowed; a name may be no string at all (legacy JSON). */
  entries: [string, unknown][];
  /** Bytes for the zip entries the map names (by position; missing ones are left out of the zip). */
  files: (number[] | 'same-as-collection' | null)[];
  /** Protobuf and JSON maps alike may be replaced by junk bytes. */
  junk: number[] | null;
}

const mediaRecipe: fc.Arbitrary<MediaRecipe> = fc.record({
  entries: fc.array(
    fc.tuple(
      fc.oneof(fc.nat({ max: 6 }).map(String), fc.constantFrom('-1', '01', 'a', '', '999999', '1e3', '__proto__')),
      fc.oneof({ arbitrary: mediaName, weight: 5 }, fc.constantFrom(5, null, true, ['x'], { a: 1 })),
    ),
    { maxLength: 6 },
  ),
  files: fc.array(
    fc.oneof(
      fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }),
      fc.constantFrom('same-as-collection' as const, null),
    ),
    { maxLength: 6 },
  ),
  junk: fc.option(fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }), { freq: 5 }),
});

/** The bytes of the image every fuzzed collection already has (dot.png), to collide with. */
export const COLLECTION_IMAGE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

function legacyMap(entries: [string, unknown][]): Uint8Array {
  const body = entries.map(([key, name]) => `${JSON.stringify(key)}:${JSON.stringify(name)}`).join(',');
  return new TextEncoder().encode(`{${body}}`);
}

// Recipes
// ----------------------------------------

export type PackageMutation =
  | { kind: 'remove'; entry: number }
  | { kind: 'replace'; entry: number; data: number[] }
  | { kind: 'entryBytes'; entry: number; raw: boolean; mutations: ByteMutation[] }
  | { kind: 'sql'; edits: SqlEdit[] }
  | { kind: 'media'; recipe: MediaRecipe }
  | { kind: 'meta'; data: number[] }
  | { kind: 'add'; name: string; data: number[] }
  | { kind: 'duplicate'; entry: number; mutations: ByteMutation[] }
  | { kind: 'method'; entry: number; method: number }
  | { kind: 'declaredSize'; entry: number; size: number }
  | { kind: 'zstdSize'; entry: number; size: number };

const entryIndex = fc.nat({ max: 1000 });
const junkBytes = fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 128 });

const metaData = fc.oneof(
  fc.constantFrom(0, 1, 2, 3, 4, 99, 2 ** 31, 2 ** 32 - 1).map((version) => [...metaBytes(version)]),
  fc.constantFrom(
    [0x08, 0xff],
    [0x08, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
    [0x0a, 0x05, 1],
    [0x00, 0x03],
    [],
  ),
  junkBytes,
);

const zipSlipName = fc.constantFrom(
  '../cue-fuzz-escaped',
  '../../cue-fuzz-escaped',
  '/tmp/cue-fuzz-escaped',
  'C:\\cue-fuzz-escaped',
  'media/../../cue-fuzz-escaped',
  '0/../../cue-fuzz-escaped',
  '\u0000',
  '',
  'x'.repeat(1000),
  'collection.anki2/',
  'COLLECTION.ANKI2',
);

export const packageMutation: fc.Arbitrary<PackageMutation> = fc.oneof(
  fc.record({ kind: fc.constant('remove'), entry: entryIndex }),
  fc.record({ kind: fc.constant('replace'), entry: entryIndex, data: junkBytes }),
  {
    arbitrary: fc.record({
      kind: fc.constant('entryBytes'),
      entry: entryIndex,
      raw: fc.boolean(),
      mutations: byteMutations,
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('sql'), edits: fc.array(sqlEdit, { minLength: 1, maxLength: 3 }) }),
    weight: 6,
  },
  { arbitrary: fc.record({ kind: fc.constant('media'), recipe: mediaRecipe }), weight: 3 },
  fc.record({ kind: fc.constant('meta'), data: metaData }),
  fc.record({ kind: fc.constant('add'), name: fc.oneof(zipSlipName, fc.nat({ max: 8 }).map(String)), data: junkBytes }),
  fc.record({ kind: fc.constant('duplicate'), entry: entryIndex, mutations: byteMutations }),
  fc.record({
    kind: fc.constant('method'),
    entry: entryIndex,
    method: fc.constantFrom(1, 6, 9, 12, 14, 93, 95, 99, 0xffff),
  }),
  fc.record({
    kind: fc.constant('declaredSize'),
    entry: entryIndex,
    size: fc.oneof(fc.constantFrom(0, 1, 2 ** 20, 2 ** 30, 1.9e9, 2 ** 31, 2 ** 32 - 1), fc.nat()),
  }),
  fc.record({
    kind: fc.constant('zstdSize'),
    entry: entryIndex,
    size: fc.constantFrom(0, 1, 2 ** 24, 2 ** 31, 2 ** 40),
  }),
) as fc.Arbitrary<PackageMutation>;

export const packageMutations = fc.array(packageMutation, { minLength: 1, maxLength: 3 });

type Entry = { name: string; data: Uint8Array; method?: number };

const isZstdFrame = (data: Uint8Array) =>
  data.length >= 4 && data[0] === 0x28 && data[1] === 0xb5 && data[2] === 0x2f && data[3] === 0xfd;

/** The collection a reader takes from these entries (the newest format present). */
function collectionEntry(entries: Entry[]): Entry | undefined {
  for (const name of ['collection.anki21b', 'collection.anki21', 'collection.anki2']) {
    const found = entries.find((entry) => entry.name === name);
    if (found) return found;
  }
  return undefined;
}

/** Runs `change` on an entry's content, unpacking and repacking zstd around it. */
function editContent(data: Uint8Array, change: (content: Uint8Array) => Uint8Array): Uint8Array {
  if (!isZstdFrame(data)) return change(data);
  let content: Uint8Array;
  try {
    content = decompress(data).slice();
  } catch {
    // not a frame fzstd can read (a mutation made it so): the bytes as they are
    return change(data);
  }
  return zstdStore(change(content));
}

/** A zstd frame that declares `size` bytes of content it doesn't have. */
function zstdDeclaring(size: number): Uint8Array {
  // single segment, 8-byte content size, then one empty raw last block
  const header = [0x28, 0xb5, 0x2f, 0xfd, 0xe0];
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(size), true);
  return new Uint8Array([...header, ...bytes, 0x01, 0x00, 0x00]);
}

function applyEntryMutation(entries: Entry[], mutation: PackageMutation, version3: boolean): Entry[] {
  const pick = (index: number) => (entries.length ? entries[index % entries.length] : undefined);
  switch (mutation.kind) {
    case 'remove': {
      const target = pick(mutation.entry);
      return entries.filter((entry) => entry !== target);
    }
    case 'replace': {
      const target = pick(mutation.entry);
      return entries.map((entry) => (entry === target ? { ...entry, data: new Uint8Array(mutation.data) } : entry));
    }
    case 'entryBytes': {
      const target = pick(mutation.entry);
      return entries.map((entry) => {
        if (entry !== target) return entry;
        const mutate = (content: Uint8Array) => applyByteMutations(content, mutation.mutations);
        return { ...entry, data: mutation.raw ? mutate(entry.data) : editContent(entry.data, mutate) };
      });
    }
    case 'sql': {
      const target = collectionEntry(entries);
      return entries.map((entry) =>
        entry === target
          ? { ...entry, data: editContent(entry.data, (db) => editCollection(db, mutation.edits)) }
          : entry,
      );
    }
    case 'media':
      return withMedia(entries, mutation.recipe, version3);
    case 'meta':
      return [
        ...entries.filter((entry) => entry.name !== 'meta'),
        { name: 'meta', data: new Uint8Array(mutation.data) },
      ];
    case 'add':
      return [...entries, { name: mutation.name, data: new Uint8Array(mutation.data) }];
    case 'duplicate': {
      const target = pick(mutation.entry);
      if (!target) return entries;
      return [
        ...entries,
        { ...target, data: editContent(target.data, (c) => applyByteMutations(c, mutation.mutations)) },
      ];
    }
    case 'method': {
      const target = pick(mutation.entry);
      return entries.map((entry) => (entry === target ? { ...entry, method: mutation.method } : entry));
    }
    case 'zstdSize': {
      const target = pick(mutation.entry);
      return entries.map((entry) => (entry === target ? { ...entry, data: zstdDeclaring(mutation.size) } : entry));
    }
    case 'declaredSize':
      return entries;
  }
}

function withMedia(entries: Entry[], recipe: MediaRecipe, version3: boolean): Entry[] {
  const kept = entries.filter((entry) => entry.name !== 'media' && !/^\d+$/.test(entry.name));
  const wrap = (data: Uint8Array) => (version3 ? zstdStore(data) : data);
  let map: Uint8Array;
  if (recipe.junk) map = new Uint8Array(recipe.junk);
  else if (version3) {
    const named = recipe.entries.map(([, name]) => ({
      name: typeof name === 'string' ? name : String(name),
      data: new Uint8Array(0),
    }));
    map = mediaEntriesBytes(named);
  } else map = legacyMap(recipe.entries);
  const files: Entry[] = [];
  recipe.files.forEach((file, i) => {
    if (file === null) return;
    const data = file === 'same-as-collection' ? COLLECTION_IMAGE : new Uint8Array(file);
    const zipName = version3 ? String(i) : (recipe.entries[i]?.[0] ?? String(i));
    files.push({ name: zipName, data: wrap(data) });
  });
  return [...kept, { name: 'media', data: wrap(map) }, ...files];
}

/** Reads a package's entries in their zip order. */
export function packageEntryList(bytes: Uint8Array): Entry[] {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => ({ name, data }));
}

/** The package, mutated as the recipe says, zipped again (stored when fflate can't write what it needs). */
export function applyPackageMutations(source: Uint8Array, mutations: PackageMutation[]): Uint8Array {
  let entries = packageEntryList(source);
  const version3 = entries.some((entry) => entry.name === 'collection.anki21b');
  for (const mutation of mutations) entries = applyEntryMutation(entries, mutation, version3);
  // fflate writes neither duplicate names, unknown methods nor odd names ("__proto__", "a/../b")
  const needsRaw =
    mutations.some((m) => m.kind === 'add' || m.kind === 'duplicate' || m.kind === 'method') ||
    entries.some((entry) => !/^[\w-][\w.-]*$/.test(entry.name) || entry.name in Object.prototype);
  let zipped = needsRaw
    ? rawZip(entries)
    : // large entries (the collection) stored, to keep cases quick; the byte-level fuzz reads deflated ones
      zipSync(Object.fromEntries(entries.map((e) => [e.name, [e.data, { level: e.data.length > 16_384 ? 0 : 6 }]])));
  for (const mutation of mutations) {
    if (mutation.kind !== 'declaredSize' || entries.length === 0) continue;
    const target = entries[mutation.entry % entries.length];
    try {
      zipped = withDeclaredSize(zipped, target.name, mutation.size);
    } catch {
      // the entry's name isn't in the directory as written (fflate normalises some names)
    }
  }
  return zipped;
}
