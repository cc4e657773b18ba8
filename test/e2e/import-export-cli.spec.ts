/** `cue import` and `cue export` as a person runs them, on real files and real collections. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { REPO_ROOT, runCue } from '../helpers/cue-process';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cue-io-'));
  made.push(dir);
  return dir;
};
test.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const fixture = (name: string) => join(REPO_ROOT, 'test', 'fixtures', 'anki', name);

/** decks, sections, cards and reviews of a collection, hashed in id order. */
function checksum(dataDir: string): string {
  const db = new Database(join(dataDir, 'collection.sqlite'), { readonly: true });
  const hash = createHash('sha256');
  for (const table of ['decks', 'sections', 'cards', 'reviews']) {
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).raw().iterate())
      hash.update(JSON.stringify(row));
  }
  db.close();
  return hash.digest('hex');
}

function json<T>(args: string[]): T {
  const result = runCue(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

test('an Anki package: a dry run says what would come in and changes nothing, then the import does it', () => {
  const dir = freshDir();
  runCue(['decks', '--data-dir', dir]);
  const before = checksum(dir);
  const preview = json<Record<string, unknown>>([
    'import',
    fixture('anki-tests-media.apkg'),
    '--dry-run',
    '--json',
    '--data-dir',
    dir,
  ]);
  expect(Object.keys(preview).sort()).toEqual([
    'cards',
    'decks',
    'importedDecks',
    'media',
    'notes',
    'presets',
    'reviews',
    'sections',
    'skipped',
    'updated',
  ]);
  expect(preview).toMatchObject({ decks: 1, notes: 1, cards: 1, media: 1, updated: { notes: 0, cards: 0 } });
  // its Anki options (100 reviews a day, leeches suspended) are not Cue's Default: a preset of their own
  expect(preview.presets).toEqual([expect.objectContaining({ presetId: 2, name: 'Default (2)', created: true })]);
  expect(checksum(dir)).toBe(before);
  expect(json(['import', fixture('anki-tests-media.apkg'), '--json', '--data-dir', dir])).toEqual(preview);
  expect(readFileSync(join(dir, 'media', 'foo.wav')).length).toBeGreaterThan(0);
  const decks = json<{ name: string; cards: number }[]>(['decks', '--json', '--data-dir', dir]);
  expect(decks.map((d) => d.cards).sort()).toEqual([1, 50]);
});

test('a bad package is refused with the file named, and the collection stays as it was', () => {
  const dir = freshDir();
  runCue(['decks', '--data-dir', dir]);
  const before = checksum(dir);
  const bogus = join(dir, 'bogus.apkg');
  writeFileSync(bogus, 'this is not a zip');
  const result = runCue(['import', bogus, '--data-dir', dir]);
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('bogus.apkg');
  expect(result.stderr).toMatch(/not a zip/i);
  expect(checksum(dir)).toBe(before);
});

test('a Cue deck exported, edited and imported again updates its cards and keeps their history', () => {
  const dir = freshDir();
  runCue(['decks', '--data-dir', dir]);
  const file = join(dir, 'deck.md');
  expect(runCue(['export', file, '--format', 'cue', '--data-dir', dir]).code).toBe(0);
  const edited = readFileSync(file, 'utf8').replace('Key Components of a Production', 'Key parts of a production');
  writeFileSync(file, edited);
  const summary = json<{ cards: number; updated: { cards: number } }>(['import', file, '--json', '--data-dir', dir]);
  expect(summary).toMatchObject({ cards: 0, decks: 0, updated: { cards: 1 } });
  const card = json<{ card: { answer: string } }>(['card', '1', '--json', '--data-dir', dir]);
  expect(card.card.answer).toContain('Key parts of a production');
});

test('the bundled deck goes to an Anki package and back with its content and history', async () => {
  const from = freshDir();
  // some history first, through the study API
  const { startHost, callHost } = await import('../helpers/cue-process');
  const host = await startHost(from);
  for (let i = 0; i < 3; i++) {
    const next = await callHost<{ card: { id: number } }>(host, 'study.next', { deckId: 1 });
    await callHost(host, 'study.answer', { deckId: 1, cardId: next.card.id, rating: 4, durationMs: 2000 });
  }
  await host.stop();
  const apkg = join(from, 'deck.apkg');
  expect(runCue(['export', apkg, '--format', 'apkg', '--with-history', '--data-dir', from]).code).toBe(0);
  const to = freshDir();
  const summary = json<{ decks: number; cards: number; reviews: number }>([
    'import',
    apkg,
    '--deck',
    'Interview (from Anki)',
    '--json',
    '--data-dir',
    to,
  ]);
  expect(summary).toMatchObject({ decks: 1, cards: 50, reviews: 3 });
  const decks = json<{ name: string; cards: number; sections: { name: string; cards: number }[] }[]>([
    'decks',
    '--json',
    '--data-dir',
    to,
  ]);
  const imported = decks.find((d) => d.name === 'Interview (from Anki)');
  expect(imported?.sections.map((s) => [s.name, s.cards])).toEqual([
    ['Core Concepts', 10],
    ['Data Structures and Algorithms', 10],
    ['System Design', 10],
    ['Coding and Debugging', 10],
    ['Behavioral Questions', 10],
  ]);
  // the studied cards come back as they were scheduled (to the second), not rescheduled by the import
  const studied = (dataDir: string, deck: string) => {
    const db = new Database(join(dataDir, 'collection.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          `SELECT c.question, c.state, c.due / 1000 AS due, c.scheduled_days FROM cards c JOIN decks d ON d.id = c.deck_id
           WHERE d.name = ? AND c.reps > 0 ORDER BY c.question`,
        )
        .all(deck);
    } finally {
      db.close();
    }
  };
  const original = studied(from, 'Lead Machine Learning Engineer: Interview Questions and Answers');
  expect(original).toHaveLength(3);
  expect(studied(to, 'Interview (from Anki)')).toEqual(original);
  // --reschedule-from-history replays the history instead: the memory state the package carries is logged,
  // no kept schedule
  const args = ['import', apkg, '--deck', 'Interview (replayed)', '--reschedule-from-history', '--json'];
  expect(json<{ reviews: number }>([...args, '--data-dir', to])).toMatchObject({ reviews: 3 });
  const db = new Database(join(to, 'collection.sqlite'), { readonly: true });
  const kinds = db
    .prepare(
      `SELECT d.name, e.kind FROM card_events e JOIN cards c ON c.id = e.card_id JOIN decks d ON d.id = c.deck_id
       ORDER BY d.name, e.kind`,
    )
    .all();
  db.close();
  expect(kinds).toEqual([
    ...Array.from({ length: 3 }, () => ({ name: 'Interview (from Anki)', kind: 'kept_schedule' })),
    ...Array.from({ length: 3 }, () => ({ name: 'Interview (replayed)', kind: 'memory' })),
  ]);
});

test('review history goes out and comes back in the FSRS optimizer format', async () => {
  const dir = freshDir();
  const { startHost, callHost } = await import('../helpers/cue-process');
  const host = await startHost(dir);
  const next = await callHost<{ card: { id: number } }>(host, 'study.next', { deckId: 1 });
  await callHost(host, 'study.answer', { deckId: 1, cardId: next.card.id, rating: 3, durationMs: 2500 });
  await host.stop();
  const file = join(dir, 'revlog.csv');
  expect(runCue(['export', file, '--format', 'revlog', '--data-dir', dir]).code).toBe(0);
  const lines = readFileSync(file, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('card_id,review_time,review_rating,review_state,review_duration');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toMatch(new RegExp(`^${next.card.id},\\d{13},3,0,2500$`));
  // into another collection, the history attaches to the same cards
  const other = freshDir();
  runCue(['decks', '--data-dir', other]);
  const summary = json<{ reviews: number; cards: number }>(['import', file, '--json', '--data-dir', other]);
  expect(summary).toMatchObject({ reviews: 1, cards: 0 });
});
