/**
 * Every method of the API table, called through dispatch (what every transport calls) with inputs
 * generated from its own schema: malformed ones (wrong types, missing and extra fields, values past the
 * limits, junk that is no object) and well-formed hostile ones (control characters, strings at their
 * limit, ids that name nothing). Each call either succeeds or is refused with a typed CueError (never
 * `internal` or `database`), and a refused call leaves the database and the media folder as they were.
 * Seeds are fixed and printed; CUE_LONG=1 runs thousands of cases per method.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { dispatch } from '../../electron/core/dispatch';
import { api, MAX_IMAGE_BASE64, type MethodName, methodNames } from '../../shared/api';
import { CueError, type CueErrorCode } from '../../shared/errors';
import type { BackupInfo, RestoreResult, UploadedFile } from '../../shared/io';
import { FIXTURES, openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { describeCase, FUZZ_TEST_TIMEOUT, fuzzParameters, UnchangedGuard, watchdogForThisFile } from '../helpers/fuzz';
import {
  hostileString,
  jsonSchemaOf,
  type KnownValues,
  malformedValue,
  validValue,
} from '../helpers/schema-arbitraries';

const START = Date.UTC(2026, 2, 2, 10, 0);
const DAY = 86_400_000;
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]).toString('base64');
/** A spoken answer recorded by Chromium, so recordings.save and recordings.delete can succeed too. */
const WEBM = readFileSync(join(FIXTURES, 'recordings', 'answer.webm'));

/** How a well-formed call may be refused: it names something that isn't there, or isn't allowed now. */
const WELL_FORMED_REFUSALS: CueErrorCode[] = ['invalid_input', 'not_found', 'conflict', 'nothing_to_undo'];

const watchdog = watchdogForThisFile();

/**
 * The bundled deck with answers over two days, a suspended card, a deleted one, an image, a recording and a backup:
 * made once, then copied for each method (opening a copy is much quicker than making it again).
 */
let template = '';
let backupFile = '';
beforeAll(() => {
  template = mkdtempSync(join(tmpdir(), 'cue-api-fuzz-'));
  const clock = new TestClock(START);
  const collection = openTestCollection(clock, { dataDir: template });
  const answer = (cardId: number, rating: number) =>
    dispatch(collection, 'study.answer', { deckId: 1, cardId, rating, durationMs: 4000 });
  for (let cardId = 1; cardId <= 8; cardId++) answer(cardId, (cardId % 4) + 1);
  clock.advance(DAY);
  for (let cardId = 1; cardId <= 4; cardId++) answer(cardId, 3);
  dispatch(collection, 'cards.suspend', { cardId: 9 });
  dispatch(collection, 'cards.delete', { cardIds: [10] });
  dispatch(collection, 'media.add', { name: 'dot.png', dataBase64: PNG });
  const recorded = dispatch(collection, 'files.upload', { name: 'a.webm', dataBase64: WEBM.toString('base64') });
  const { upload } = recorded as UploadedFile;
  dispatch(collection, 'recordings.save', { cardId: 2, upload, mimeType: 'audio/webm', durationMs: 1200 });
  backupFile = (dispatch(collection, 'backups.create', {}) as BackupInfo).file;
  collection.close();
});
afterAll(() => rmSync(template, { recursive: true, force: true }));

/** The sync folders well-formed calls name: real folders of this test's own, never a path made up at random. */
const syncRoot = mkdtempSync(join(tmpdir(), 'cue-api-fuzz-sync-'));
afterAll(() => rmSync(syncRoot, { recursive: true, force: true }));

/** Past this much growth a fresh copy of the template takes over, so digests stay quick to make. */
const MAX_GROWTH_BYTES = 2 * 1024 * 1024;

/**
 * What one method's calls run on: a copy of the template with four uploaded files waiting to be
 * imported. Calls that succeed may grow it (cards of 100,000 characters); once it has grown by a few MB
 * a fresh copy replaces it.
 */
class FuzzSubject {
  readonly clock = new TestClock(START + DAY + 60_000);
  collection!: Collection;
  guard!: UnchangedGuard;
  uploads: string[] = [];
  private size = 0;

  constructor() {
    this.open();
  }

  /** Values for fields that name things the collection has, by field name. */
  readonly known: KnownValues = {
    // the bundled deck, its sections and cards, and the batch the template's delete made
    deckId: fc.constant(1),
    sectionId: fc.integer({ min: 1, max: 5 }),
    cardId: fc.integer({ min: 1, max: 50 }),
    batch: fc.constant(1),
    upload: fc.nat({ max: 3 }).map((i) => this.uploads[i]),
    recordingId: fc.constant(1),
    file: fc.constant(backupFile),
    name: fc
      .tuple(hostileString, fc.constantFrom('.png', '.JPG', '.svg', '.webp', '.png.exe', ''))
      .map(([stem, extension]) => `${stem}${extension}`),
    dataBase64: fc.constant(PNG),
    folder: fc.constantFrom(join(syncRoot, 'one'), join(syncRoot, 'two', 'nested')),
  };

  /** After a call that succeeded: its state is the one to keep. */
  succeeded(): void {
    if (this.bytes() > this.size + MAX_GROWTH_BYTES) this.open();
    else this.guard.rebase();
  }

  private open(): void {
    this.collection?.close();
    const dataDir = tempDir();
    cpSync(template, dataDir, { recursive: true });
    this.collection = openTestCollection(this.clock, { dataDir });
    const upload = (name: string, data: Uint8Array) =>
      (
        dispatch(this.collection, 'files.upload', {
          name,
          dataBase64: Buffer.from(data).toString('base64'),
        }) as UploadedFile
      ).upload;
    this.uploads = [
      upload('notes.txt', readFileSync(join(FIXTURES, 'csv', 'anki-notes-full.txt'))),
      upload('media.apkg', readFileSync(join(FIXTURES, 'anki', 'anki-tests-media.apkg'))),
      upload('exported.md', this.collection.exportFile({ deckId: 1, format: 'cue', withHistory: false }).data),
      upload('answer.webm', WEBM),
    ];
    // answers of this run of Cue, for undo to take back (the undo stack isn't in the file)
    for (const cardId of [11, 12, 13])
      dispatch(this.collection, 'study.answer', { deckId: 1, cardId, rating: 3, durationMs: 2000 });
    this.guard = new UnchangedGuard(this.collection);
    this.size = this.bytes();
  }

  private bytes(): number {
    const pages = this.collection.db.pragma('page_count', { simple: true }) as number;
    return pages * (this.collection.db.pragma('page_size', { simple: true }) as number);
  }
}

interface Tally {
  refusedBySchema: number;
  refused: Partial<Record<CueErrorCode, number>>;
  done: number;
}

/** One call, and what must hold of it. */
function checkCall(subject: FuzzSubject, name: MethodName, input: unknown, tally: Tally, later: Promise<void>[] = []) {
  const accepted = api[name].input.safeParse(input ?? {}).success;
  const what = `${name}(${describeCase(input)})`;
  let error: unknown;
  let result: unknown;
  try {
    result = watchdog.run(what, () => dispatch(subject.collection, name, input));
  } catch (caught) {
    error = caught;
  }
  if (error === undefined) {
    expect(accepted, `${what} succeeded although its schema refuses it`).toBe(true);
    tally.done++;
    subject.succeeded();
    // a method that works in the background answers later: its refusal must be typed too
    if (result instanceof Promise)
      later.push(
        result.then(
          () => undefined,
          (late) => checkLateRefusal(what, late),
        ),
      );
    return;
  }
  if (!(error instanceof CueError)) {
    throw new Error(`${what} threw ${error instanceof Error ? error.stack : String(error)}, not a CueError`);
  }
  if (accepted) {
    expect(WELL_FORMED_REFUSALS, `${what} was refused with ${error.code}: ${error.message}`).toContain(error.code);
    tally.refused[error.code] = (tally.refused[error.code] ?? 0) + 1;
  } else {
    expect(error.code, `${what}: ${error.message}`).toBe('invalid_input');
    expect(error.message).toContain(`Invalid input for ${name}`);
    expect((error.details as { issues: unknown[] }).issues.length).toBeGreaterThan(0);
    tally.refusedBySchema++;
  }
  subject.guard.assertUnchanged(what);
}

function checkLateRefusal(what: string, error: unknown): void {
  expect(error, `${what} failed later with ${String(error)}`).toBeInstanceOf(CueError);
  expect(WELL_FORMED_REFUSALS, `${what} failed later with ${(error as CueError).code}`).toContain(
    (error as CueError).code,
  );
}

function summary(name: string, tally: Tally): string {
  const refused = Object.entries(tally.refused).map(([code, n]) => `${code} ${n}`);
  return `[fuzz] ${name}: ${tally.refusedBySchema} refused by the schema, ${refused.length ? refused.join(', ') : 'none refused'} by the collection, ${tally.done} done`;
}

describe('every API method, fuzzed', () => {
  for (const name of methodNames) {
    it(
      `${name}: refuses malformed input with invalid_input and changes nothing; hostile input is a typed outcome`,
      async () => {
        const schema = jsonSchemaOf(api[name].input);
        const hasFields = Object.keys(schema.properties ?? {}).length > 0;
        const subject = new FuzzSubject();
        const inputs = hasFields
          ? fc.oneof(
              { arbitrary: malformedValue(schema, subject.known), weight: 2 },
              { arbitrary: validValue(schema, subject.known), weight: 1 },
            )
          : malformedValue(schema, subject.known);
        const tally: Tally = { refusedBySchema: 0, refused: {}, done: 0 };
        const later: Promise<void>[] = [];
        fc.assert(
          fc.property(inputs, (input) => {
            // time moves on between calls, as it does for a person (a restore names what it replaces
            // after the moment; see the restore test below)
            subject.clock.advance(1);
            checkCall(subject, name, input, tally, later);
          }),
          fuzzParameters(name, { quick: 150, long: 3000 }),
        );
        await Promise.all(later);
        console.info(summary(name, tally));
        expect(tally.refusedBySchema).toBeGreaterThan(0);
        // the generated well-formed inputs really reach the collection
        if (hasFields) expect(tally.done + Object.values(tally.refused).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      },
      FUZZ_TEST_TIMEOUT,
    );
  }
});

describe('inputs past the limits too large to build for every fuzz case', () => {
  it('refuses an image one base64 block over its limit, and keeps the media folder as it was', () => {
    const tally: Tally = { refusedBySchema: 0, refused: {}, done: 0 };
    const input = { name: 'big.png', dataBase64: 'A'.repeat(MAX_IMAGE_BASE64 + 4) };
    checkCall(new FuzzSubject(), 'media.add', input, tally);
    expect(tally.refusedBySchema).toBe(1);
  });
});

describe('findings of the fuzz, kept as examples', () => {
  it('answers a search for control characters with a typed refusal, not a database error', () => {
    const { collection } = new FuzzSubject();
    expect(() => dispatch(collection, 'cards.search', { query: '\u0000\u0001\u0002' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  // Two restores in the same millisecond once put the replaced collections in one folder.
  it('restores the same backup twice within one millisecond, keeping both replaced collections', () => {
    const { collection } = new FuzzSubject();
    const first = dispatch(collection, 'backups.restore', { file: backupFile }) as RestoreResult;
    const second = dispatch(collection, 'backups.restore', { file: backupFile }) as RestoreResult;
    expect(second.replacedKeptIn).not.toBe(first.replacedKeptIn);
    expect((dispatch(collection, 'decks.list', {}) as unknown[]).length).toBe(1);
  });
});
