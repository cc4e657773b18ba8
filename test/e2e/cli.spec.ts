/** The `cue` command and the web host as processes: output shapes, crash safety, refusals. */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { CUE_APPLICATION_ID } from '../../electron/core/database';
import type { DeckSummary, StudyNext } from '../../shared/domain';
import { DEFAULT_PRESET_OPTIONS, type Preset } from '../../shared/presets';
import type { DeckStats } from '../../shared/stats';
import { clozeNotePackage } from '../helpers/anki-packages';
import { callHost, runCue, startHost } from '../helpers/cue-process';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cue-cli-'));
  made.push(dir);
  return dir;
};
test.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('cue decks --json lists decks with their sections and card counts', () => {
  const { code, stdout } = runCue(['decks', '--json', '--data-dir', freshDir()]);
  expect(code).toBe(0);
  const decks = JSON.parse(stdout);
  expect(decks).toHaveLength(1);
  expect(Object.keys(decks[0]).sort()).toEqual(['cards', 'id', 'name', 'sections']);
  expect(decks[0]).toMatchObject({
    name: 'Lead Machine Learning Engineer: Interview Questions and Answers',
    cards: 50,
  });
  expect(decks[0].sections.map((s: { name: string; cards: number }) => [s.name, s.cards])).toEqual([
    ['Core Concepts', 10],
    ['Data Structures and Algorithms', 10],
    ['System Design', 10],
    ['Coding and Debugging', 10],
    ['Behavioral Questions', 10],
  ]);
  expect(Object.keys(decks[0].sections[0]).sort()).toEqual(['cards', 'id', 'name']);
});

test('CUE_DATA_DIR chooses the collection, and the table output is readable', () => {
  const dir = freshDir();
  const { code, stdout } = runCue(['decks'], { CUE_DATA_DIR: dir });
  expect(code).toBe(0);
  expect(stdout).toMatch(/Core Concepts\s+10 cards\s+10 new, 0 learning, 0 review/);
  expect(readFileSync(join(dir, 'collection.sqlite')).subarray(0, 15).toString()).toBe('SQLite format 3');
});

test('bad usage gets a clear message and a non-zero exit', () => {
  expect(runCue(['explode']).stderr).toContain('Unknown command "explode"');
  const port = runCue(['serve', '--port', 'eighty', '--data-dir', freshDir()]);
  expect(port.code).toBe(1);
  expect(port.stderr).toContain('--port must be a number');
});

test('a collection from a newer Cue is refused with a clear message and left untouched', () => {
  const dir = freshDir();
  const path = join(dir, 'collection.sqlite');
  const db = new Database(path);
  db.pragma(`application_id = ${CUE_APPLICATION_ID}`);
  db.pragma('user_version = 99');
  db.close();
  const before = sha256(path);
  const { code, stderr } = runCue(['decks', '--data-dir', dir]);
  expect(code).toBe(2);
  expect(stderr).toContain('was written by a newer version of Cue (schema 99');
  expect(sha256(path)).toBe(before);
});

test('a collection file that is not a database is moved aside whole, and Cue says where', async () => {
  const dir = freshDir();
  const path = join(dir, 'collection.sqlite');
  writeFileSync(path, 'my thesis draft\n'.repeat(1000));
  const before = sha256(path);
  const { code, stderr } = runCue(['decks', '--data-dir', dir]);
  expect(code).toBe(0);
  expect(stderr).toContain('Cue found its collection damaged: the file does not start with an SQLite header.');
  expect(stderr).toContain('No backup could be restored, so Cue started a new, empty collection.');
  const movedTo = /The damaged file was kept in (\S+)\./.exec(stderr)?.[1] ?? '';
  expect(sha256(join(movedTo, 'collection.sqlite'))).toBe(before);
});

test('an answer survives the host being killed right after it returns', async () => {
  const dir = freshDir();
  const host = await startHost(dir);
  const first = await callHost<StudyNext>(host, 'study.next', { deckId: 1 });
  await callHost(host, 'study.answer', { deckId: 1, cardId: first.card?.id, rating: 4, durationMs: 3000 });
  await host.stop('SIGKILL');
  const again = await startHost(dir);
  try {
    const [deck] = await callHost<DeckSummary[]>(again, 'decks.list');
    expect(deck.reviewedToday).toBe(1);
    expect(deck.newLeftToday).toBe(19);
    const next = await callHost<StudyNext>(again, 'study.next', { deckId: 1 });
    expect(next.card?.key).toBe('core-02');
  } finally {
    await again.stop();
  }
});

test('cue stats prints the statistics as JSON and as a table, and names a bad date', async () => {
  const dir = freshDir();
  const host = await startHost(dir);
  const first = await callHost<StudyNext>(host, 'study.next', { deckId: 1 });
  await callHost(host, 'study.answer', { deckId: 1, cardId: first.card?.id, rating: 4, durationMs: 3000 });
  await host.stop();

  const json = runCue(['stats', '--json', '--data-dir', dir]);
  expect(json.code).toBe(0);
  const stats = JSON.parse(json.stdout) as DeckStats;
  expect(stats.sections.map((s) => s.name)).toHaveLength(5);
  expect(stats.total.cards).toMatchObject({ total: 50, new: 49, review: 1 });
  expect(stats.total.reviews.total).toBe(1);
  expect(stats.calendar.days.at(-1)?.reviews).toBe(1);
  expect(stats.forecast).toHaveLength(30);

  const section = JSON.parse(runCue(['stats', '--json', '--section', '2', '--data-dir', dir]).stdout) as DeckStats;
  expect(section.sections.map((s) => s.name)).toEqual(['Data Structures and Algorithms']);

  const table = runCue(['stats', '--data-dir', dir]);
  expect(table.stdout).toMatch(/Core Concepts\s+9\s+0\s+1\s+0\s+0 0%/);
  expect(table.stdout).toContain('All sections');

  const future = runCue(['stats', '--at', '2999-01-01', '--data-dir', dir]);
  expect(future.code).toBe(1);
  expect(future.stderr).toContain('2999-01-01 is in the future');
  const nonsense = runCue(['stats', '--at', '2026-02-31', '--data-dir', dir]);
  expect(nonsense.code).toBe(1);
  expect(nonsense.stderr).toContain('Invalid input for stats');
});

test('cue search prints the matching cards as JSON, and says what is wrong with a bad query', () => {
  const dir = freshDir();
  const { code, stdout } = runCue([
    'search',
    'section:"System Design"',
    'cach',
    '--limit',
    '5',
    '--json',
    '--data-dir',
    dir,
  ]);
  expect(code).toBe(0);
  const cards = JSON.parse(stdout);
  expect(cards.map((c: { question: string }) => c.question)).toContain('Design a distributed caching system');
  expect(Object.keys(cards[0]).sort()).toEqual(
    [
      'deck',
      'difficulty',
      'due',
      'id',
      'lapses',
      'preview',
      'question',
      'retrievability',
      'reviews',
      'section',
      'stability',
      'state',
      'tags',
    ].sort(),
  );
  expect(cards.every((c: { section: string }) => c.section === 'System Design')).toBe(true);
  const bad = runCue(['search', 'is:dormant', '--data-dir', dir]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('"is:dormant" is not one of');

  const sorted = runCue(['search', 'section:behavioral', '--sort', 'question:desc', '--json', '--data-dir', dir]);
  const questions = JSON.parse(sorted.stdout).map((c: { question: string }) => c.question);
  expect(questions).toHaveLength(10);
  expect(questions).toEqual([...questions].sort().reverse());
  const badSort = runCue(['search', 'cache', '--sort', 'colour', '--data-dir', dir]);
  expect(badSort.code).toBe(1);
  expect(badSort.stderr).toContain('sort.column');
});

test('cue search pages with --offset, takes every operator, and refuses a bad offset', () => {
  const dir = freshDir();
  const page = (offset: number) =>
    JSON.parse(
      runCue([
        'search',
        '(section:behavioral or section:core) -is:suspended',
        '--limit',
        '8',
        '--offset',
        String(offset),
        '--json',
        '--data-dir',
        dir,
      ]).stdout,
    ).map((c: { id: number }) => c.id);
  const pages = [page(0), page(8), page(16), page(24)];
  expect(pages.map((ids) => ids.length)).toEqual([8, 8, 4, 0]);
  expect(new Set(pages.flat()).size).toBe(20);
  const text = runCue(['search', 'deck:lead*', '--limit', '10', '--offset', '40', '--data-dir', dir]);
  expect(text.stdout).toContain('41-50 of 50 cards');
  const bad = runCue(['search', 'cache', '--offset', 'ten', '--data-dir', dir]);
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('--offset takes a number, not "ten"');
});

test('cue search lists an imported cloze as its text; --json keeps its HTML in question, its text in preview', () => {
  const dir = freshDir();
  const file = join(dir, 'cloze.apkg');
  writeFileSync(file, clozeNotePackage());
  expect(runCue(['import', file, '--data-dir', dir]).code).toBe(0);
  const listed = runCue(['search', 'cloze', '--data-dir', dir]);
  expect(listed.code).toBe(0);
  const lines = listed.stdout.trimEnd().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^ +\d+ {2}.+: In a cloze, some \[\.\.\.\] is hidden$/);
  expect(lines[1]).toBe('1 of 1 cards');
  const [card] = JSON.parse(runCue(['search', 'cloze', '--json', '--data-dir', dir]).stdout);
  expect(card.question).toContain('<span class="cloze" data-cloze="text" data-ordinal="1">[...]</span>');
  expect(card.preview).toBe('In a cloze, some [...] is hidden');
});

test('cue notetypes lists the note types with fields, templates and note counts; cue card --json names the note', () => {
  const dir = freshDir();
  const file = join(dir, 'cloze.apkg');
  writeFileSync(file, clozeNotePackage());
  expect(runCue(['import', file, '--data-dir', dir]).code).toBe(0);
  const json = runCue(['notetypes', '--json', '--data-dir', dir]);
  expect(json.code).toBe(0);
  const types = JSON.parse(json.stdout) as {
    name: string;
    kind: string;
    fields: string[];
    templates: { name: string }[];
    notes: number;
  }[];
  expect(types.map((t) => [t.name, t.notes])).toEqual([
    ['Basic', 50],
    ['Basic (and reversed card)', 0],
    ['Basic (optional reversed card)', 0],
    ['Cloze', 0],
    ['Basic (type in the answer)', 0],
    ['Basic (HTML)', 0],
    ['Cloze', 1],
  ]);
  expect(types[6]).toMatchObject({ kind: 'cloze', fields: ['Text', 'Back Extra'], templates: [{ name: 'Cloze' }] });
  const table = runCue(['notetypes', '--data-dir', dir]);
  expect(table.stdout).toMatch(/^1 {2}Basic \(markdown\) · 50 notes\n {4}fields: Front, Back\n {4}cards: Card 1\n/);
  expect(table.stdout).toMatch(/Cloze \(html · cloze\) · 1 note\n {4}fields: Text, Back Extra\n {4}cards: Cloze/);

  const [found] = JSON.parse(runCue(['search', 'cloze', '--json', '--data-dir', dir]).stdout);
  const card = JSON.parse(runCue(['card', String(found.id), '--json', '--data-dir', dir]).stdout).card;
  expect(card.noteType).toMatchObject({ name: 'Cloze', kind: 'cloze' });
  expect(card.noteId).toEqual(expect.any(Number));
  expect(card.fields.Text).toContain('{{c1::text}}');
  expect(Object.keys(card.fields)).toEqual(['Text', 'Back Extra']);
});

test('cue presets lists each preset with its values and decks, as JSON and as a list', async () => {
  const dir = freshDir();
  const host = await startHost(dir);
  const exam = await callHost<Preset>(host, 'presets.create', { name: 'Exam week', from: 1 });
  await callHost(host, 'presets.update', {
    presetId: exam.id,
    options: { desiredRetention: 0.95, learningSteps: '10m 1h', leechAction: 'suspend' },
  });
  await callHost(host, 'presets.assign', { deckId: 1, presetId: exam.id });
  await host.stop();

  const json = runCue(['presets', '--json', '--data-dir', dir]);
  expect(json.code).toBe(0);
  const listing = JSON.parse(json.stdout) as (Preset & { decks: { id: number; name: string }[] })[];
  expect(listing.map((p) => [p.name, p.isDefault, p.decks])).toEqual([
    ['Default', true, []],
    ['Exam week', false, [{ id: 1, name: 'Lead Machine Learning Engineer: Interview Questions and Answers' }]],
  ]);
  expect(listing[1].options).toMatchObject({ desiredRetention: 0.95, learningSteps: '10m 1h', leechAction: 'suspend' });
  expect(listing[1].deckIds).toEqual([1]);
  // every option, with the ones a preset leaves at Cue's defaults
  expect(Object.keys(listing[0].options).sort()).toEqual(Object.keys(DEFAULT_PRESET_OPTIONS).sort());

  const table = runCue(['presets', '--data-dir', dir]);
  expect(table.code).toBe(0);
  expect(table.stdout).toMatch(/^1 {2}Default {2}\(default: decks fall back to it\)\n {4}Decks +\(none\)/);
  expect(table.stdout).toMatch(/\n2 {2}Exam week\n {4}Decks +1 Lead Machine Learning Engineer/);
  expect(table.stdout).toMatch(/Desired retention +95%/);
  expect(table.stdout).toMatch(/Leech threshold +8 lapses, then tag and suspend/);
  expect(table.stdout).toMatch(/FSRS parameters +default/);

  const extra = runCue(['presets', 'everything', '--data-dir', dir]);
  expect(extra.code).toBe(1);
  expect(extra.stderr).toContain('Unexpected argument "everything"');
});
