/**
 * The .apkg writer, read back by an independent reader written here: fflate for the zip, raw SQL on the
 * collection, Anki's own rules (re-implemented below) for the sort field and checksum.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import markdownItKatexModule from '@vscode/markdown-it-katex';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../electron/core/deck-format';
import { cardFieldHtml, writeAnkiPackage } from '../../electron/core/io/anki/write-package';
import type { ExportCard, ExportDeck, ExportReview } from '../../electron/core/io/export-data';
import { BUNDLED_DECK_DIR } from '../helpers/collections';
import { exportDeckOf, exportCard as newExportCard } from '../helpers/export-decks';

const NOW = Date.UTC(2026, 5, 1, 10, 0);
const DAY = 86_400_000;
const MINUTE = 60_000;
const bundled = parseDeck(readFileSync(join(BUNDLED_DECK_DIR, 'lead-ml-engineer.md'), 'utf8'));
const questionsOfDeck = bundled.sections.flatMap((section) => section.cards.map((card) => card.question));

function exportCard(fields: Partial<ExportCard> & Pick<ExportCard, 'key' | 'question' | 'answer'>): ExportCard {
  return newExportCard({ due: NOW, createdAt: NOW - 30 * DAY, updatedAt: NOW - 30 * DAY, ...fields });
}

/** The bundled deck as the collection would hand it to an exporter: every card new. */
const bundledExportDeck = () =>
  exportDeckOf(bundled, { due: NOW, createdAt: NOW - 30 * DAY, updatedAt: NOW - 30 * DAY });

/** 4 am local, `days` study days after the one `ms` falls in: when a Cue review card on this machine's
 * time zone falls due. */
function studyDayStart(ms: number, days = 0): number {
  const date = new Date(ms);
  if (date.getHours() < 4) date.setDate(date.getDate() - 1);
  date.setDate(date.getDate() + days);
  date.setHours(4, 0, 0, 0);
  return date.getTime();
}

function smallDeck(cards: ExportCard[], media = new Map<string, Uint8Array>()): ExportDeck {
  return {
    key: 'small',
    name: 'Small',
    description: '',
    version: 1,
    media,
    sections: [{ key: 'only', name: 'Only', description: '', cards }],
  };
}

// --- the independent reader ------------------------------------------------------------------------

interface Package {
  files: Record<string, Uint8Array>;
  db: Database.Database;
  col: { crt: number; ver: number; conf: string; models: string; decks: string; dconf: string; tags: string };
}

const openDbs: Database.Database[] = [];

function readPackage(bytes: Uint8Array): Package {
  const files = unzipSync(bytes);
  const db = new Database(Buffer.from(files['collection.anki21']));
  openDbs.push(db);
  const col = db.prepare('SELECT crt, ver, conf, models, decks, dconf, tags FROM col').get() as Package['col'];
  return { files, db, col };
}

function decksByName(pkg: Package): Map<string, number> {
  const decks = JSON.parse(pkg.col.decks) as Record<string, { id: number; name: string }>;
  return new Map(Object.values(decks).map((deck) => [deck.name, deck.id]));
}

/** Anki's strip_html_preserving_media_filenames for what these decks contain: tags out, entities decoded. */
function stripHtml(html: string): string {
  const text = html
    .replace(/<img[^>]*\ssrc="([^"]+)"[^>]*>/gi, ' $1 ')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]*>/g, '');
  if (!text.includes('&')) return text;
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&');
}

function checksum(text: string): number {
  return Number.parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);
}

interface NoteRow {
  id: number;
  guid: string;
  mid: number;
  tags: string;
  flds: string;
  sfld: string;
  csum: number;
}
interface CardRow {
  id: number;
  nid: number;
  did: number;
  ord: number;
  type: number;
  queue: number;
  due: number;
  ivl: number;
  factor: number;
  reps: number;
  lapses: number;
  left: number;
  data: string;
}

const plainMarkdown = new MarkdownIt({ html: false, linkify: false, typographer: false });

/** Cue's renderer's parser (markdown-it + @vscode/markdown-it-katex) with the writer's math output. */
function pluginMarkdown(): MarkdownIt {
  const katexPlugin =
    (markdownItKatexModule as unknown as { default?: typeof markdownItKatexModule }).default ?? markdownItKatexModule;
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false }).use(katexPlugin);
  const esc = md.utils.escapeHtml;
  md.renderer.rules.math_inline = (tokens, idx) => {
    const content = tokens[idx].content;
    const tex = content.length > 2 && content.startsWith('`') && content.endsWith('`') ? content.slice(1, -1) : content;
    return /\\begin\{(align|equation|gather|cd|alignat)\}/i.test(tex) ? `\\[${esc(tex)}\\]` : `\\(${esc(tex)}\\)`;
  };
  md.renderer.rules.math_block = (tokens, idx) =>
    tokens[idx].map ? `<p>\\[${esc(tokens[idx].content)}\\]</p>\n` : `\\[${esc(tokens[idx].content)}\\]`;
  md.renderer.rules.math_inline_block = md.renderer.rules.math_block;
  return md;
}

describe('Anki package export', () => {
  it('writes the bundled deck as a schema-11 package current Anki imports', () => {
    const deck = bundledExportDeck();
    const pkg = readPackage(writeAnkiPackage(deck, { withHistory: false, now: NOW }));
    try {
      expect(Object.keys(pkg.files).sort()).toEqual(['collection.anki2', 'collection.anki21', 'media', 'meta']);
      expect([...pkg.files.meta]).toEqual([0x08, 0x02]);
      expect(JSON.parse(strFromU8(pkg.files.media))).toEqual({});

      // schema 11
      expect(pkg.col.ver).toBe(11);
      const tables = pkg.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
      expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
      const cardColumns = pkg.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('cards');
      expect(cardColumns).toEqual([
        'id',
        'nid',
        'did',
        'ord',
        'mod',
        'usn',
        'type',
        'queue',
        'due',
        'ivl',
        'factor',
        'reps',
        'lapses',
        'left',
        'odue',
        'odid',
        'flags',
        'data',
      ]);

      // decks: the deck and one subdeck per section
      const decks = decksByName(pkg);
      const sectionNames = bundled.sections.map((s) => `${bundled.name}::${s.name}`);
      expect([...decks.keys()].sort()).toEqual(['Default', bundled.name, ...sectionNames].sort());
      expect(sectionNames[0]).toBe('Lead Machine Learning Engineer: Interview Questions and Answers::Core Concepts');

      // one note type: Cue's built-in Basic, its two fields and then their Markdown sources
      const models = Object.values(JSON.parse(pkg.col.models)) as {
        id: number;
        name: string;
        flds: { name: string }[];
        tmpls: { qfmt: string; afmt: string }[];
      }[];
      expect(models).toHaveLength(1);
      expect(models[0].name).toBe('Basic');
      expect(models[0].flds.map((f) => f.name)).toEqual([
        'Front',
        'Back',
        'Front (Cue Markdown)',
        'Back (Cue Markdown)',
      ]);
      expect(models[0].tmpls[0].qfmt).toBe('{{Front}}');
      expect(models[0].tmpls[0].afmt).toContain('{{FrontSide}}');
      expect(models[0].tmpls[0].afmt).toContain('<hr id=answer>');

      const notes = pkg.db.prepare('SELECT * FROM notes ORDER BY id').all() as NoteRow[];
      const cards = pkg.db.prepare('SELECT * FROM cards').all() as CardRow[];
      expect(notes).toHaveLength(50);
      expect(cards).toHaveLength(50);
      expect(pkg.db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(0);

      const noteByQuestion = new Map<string, NoteRow>();
      for (const note of notes) {
        const [front, back, ...sources] = note.flds.split('\x1f');
        // the Markdown source rides along in two fields no template shows
        expect(sources).toHaveLength(2);
        expect(questionsOfDeck).toContain(sources[0]);
        expect(back).toBeDefined();
        expect(note.mid).toBe(models[0].id);
        expect(note.sfld).toBe(stripHtml(front));
        expect(note.csum).toBe(checksum(stripHtml(front)));
        noteByQuestion.set(front, note);
      }
      expect(new Set(notes.map((n) => n.guid)).size).toBe(50);

      const cardByNote = new Map(cards.map((c) => [c.nid, c]));
      let position = 0;
      let plainCompared = 0;
      for (const section of bundled.sections) {
        for (const card of section.cards) {
          position++;
          const front = cardFieldHtml(card.question, 'markdown');
          const note = noteByQuestion.get(front);
          expect(note, card.question).toBeDefined();
          if (!note) continue;
          const sources = `\x1f${card.question}\x1f${card.answer}`;
          expect(note.flds).toBe(`${front}\x1f${cardFieldHtml(card.answer, 'markdown')}${sources}`);
          // without math, the field is exactly what plain markdown-it makes of the card
          if (!card.question.includes('$') && !card.answer.includes('$')) {
            expect(note.flds).toBe(
              `${plainMarkdown.render(card.question).trimEnd()}\x1f${plainMarkdown.render(card.answer).trimEnd()}${sources}`,
            );
            plainCompared++;
          }
          expect(note.tags).toBe(card.tags.length ? ` ${card.tags.join(' ')} ` : '');
          const ankiCard = cardByNote.get(note.id);
          expect(ankiCard?.did).toBe(decks.get(`${bundled.name}::${section.name}`));
          expect(ankiCard).toMatchObject({ ord: 0, type: 0, queue: 0, due: position, ivl: 0, reps: 0, lapses: 0 });
        }
      }
      expect(plainCompared).toBeGreaterThan(40);

      // math goes to Anki's MathJax, code blocks stay code blocks
      const lru = notes.find((n) => n.sfld.includes('LRU'));
      expect(lru?.flds.split('\x1f')[0]).toContain('with a complexity of \\(O(1)\\) for both');
      expect(lru?.sfld).toContain('\\(O(1)\\)');
      const twoTower = notes.find((n) => n.flds.includes('two_tower_model'));
      expect(twoTower?.flds).toContain('<pre><code class="language-python">def two_tower_model(');
    } finally {
      for (const db of openDbs.splice(0)) db.close();
    }
  });

  it('keeps the JSON in col parseable by Anki: every key its schema-11 readers require', () => {
    const pkg = readPackage(writeAnkiPackage(bundledExportDeck(), { withHistory: false, now: NOW }));
    try {
      const conf = JSON.parse(pkg.col.conf);
      expect(conf.schedVer).toBe(2);
      expect(conf.creationOffset).toBeUndefined();
      for (const model of Object.values(JSON.parse(pkg.col.models)) as Record<string, unknown>[]) {
        for (const key of ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css']) {
          expect(model, key).toHaveProperty(key);
        }
        for (const field of model.flds as Record<string, unknown>[]) {
          for (const key of ['name', 'ord', 'sticky', 'rtl', 'font', 'size']) expect(field, key).toHaveProperty(key);
        }
        for (const template of model.tmpls as Record<string, unknown>[]) {
          for (const key of ['name', 'ord', 'qfmt', 'afmt']) expect(template, key).toHaveProperty(key);
        }
      }
      for (const deck of Object.values(JSON.parse(pkg.col.decks)) as Record<string, unknown>[]) {
        for (const key of ['id', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'dyn']) {
          expect(deck, key).toHaveProperty(key);
        }
        expect(deck.dyn).toBe(0);
        expect(deck.conf).toBe(1);
      }
      const dconf = JSON.parse(pkg.col.dconf) as Record<string, Record<string, Record<string, unknown>>>;
      expect(Object.keys(dconf)).toEqual(['1']);
      for (const key of ['id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'new', 'rev', 'lapse']) {
        expect(dconf['1'], key).toHaveProperty(key);
      }
      for (const key of ['delays', 'initialFactor', 'ints', 'order', 'perDay'])
        expect(dconf['1'].new).toHaveProperty(key);
      for (const key of ['ease4', 'ivlFct', 'maxIvl', 'perDay']) expect(dconf['1'].rev).toHaveProperty(key);
      for (const key of ['delays', 'leechAction', 'leechFails', 'minInt', 'mult'])
        expect(dconf['1'].lapse).toHaveProperty(key);
      expect(typeof JSON.parse(pkg.col.tags)).toBe('object');

      // the dummy collection.anki2 for clients that only know the oldest format
      const dummy = new Database(Buffer.from(pkg.files['collection.anki2']));
      openDbs.push(dummy);
      expect(dummy.prepare('SELECT ver FROM col').pluck().get()).toBe(11);
      const dummyNotes = dummy.prepare('SELECT flds FROM notes').pluck().all() as string[];
      expect(dummyNotes).toHaveLength(1);
      expect(dummyNotes[0]).toContain('Please update to the latest Anki version');
      expect(dummy.prepare('SELECT count(*) FROM cards WHERE did = 1').pluck().get()).toBe(1);
    } finally {
      for (const db of openDbs.splice(0)) db.close();
    }
  });

  it('gives notes the same guids on every export, and the same ids to its decks', () => {
    const first = readPackage(writeAnkiPackage(bundledExportDeck(), { withHistory: false, now: NOW }));
    const second = readPackage(writeAnkiPackage(bundledExportDeck(), { withHistory: true, now: NOW + 3 * DAY }));
    try {
      const guids = (pkg: Package) =>
        Object.fromEntries(
          (pkg.db.prepare('SELECT sfld, guid FROM notes').all() as { sfld: string; guid: string }[]).map((n) => [
            n.sfld,
            n.guid,
          ]),
        );
      expect(guids(second)).toEqual(guids(first));
      // the guid carries the Cue deck and card ids, so importing this export updates those cards
      expect(Object.values(guids(first)).every((g) => /^cue:lead-ml-engineer\/[a-z-]+-\d\d$/.test(g))).toBe(true);
      expect([...decksByName(second)]).toEqual([...decksByName(first)]);
    } finally {
      for (const db of openDbs.splice(0)) db.close();
    }
  });

  it('writes the scheduling state: new by position, learning by timestamp, review by day, suspended', () => {
    const deck = smallDeck([
      exportCard({ key: 'new', question: 'New', answer: 'a' }),
      exportCard({
        key: 'learning',
        question: 'Learning',
        answer: 'a',
        state: 1,
        due: NOW + 10 * MINUTE,
        stability: 0.4,
        difficulty: 6.1234,
        reps: 1,
        lastReview: NOW - MINUTE,
      }),
      exportCard({
        key: 'review',
        question: 'Review',
        answer: 'a',
        state: 2,
        // Cue's review cards fall due at the start of a study day (4 am)
        due: studyDayStart(NOW, 8),
        stability: 12.34567,
        difficulty: 4.5,
        scheduledDays: 9,
        reps: 4,
        lapses: 1,
        lastReview: NOW - DAY,
      }),
      exportCard({
        key: 'suspended',
        question: 'Suspended',
        answer: 'a',
        suspended: true,
        state: 2,
        due: studyDayStart(NOW, 2),
        stability: 5,
        difficulty: 5,
        scheduledDays: 3,
        reps: 2,
        lastReview: NOW - DAY,
      }),
      exportCard({
        key: 'relearning',
        question: 'Relearning tomorrow and after',
        answer: 'a',
        state: 3,
        due: NOW + 3 * DAY,
        stability: 2,
        difficulty: 7,
        scheduledDays: 2,
        reps: 6,
        lapses: 2,
        lastReview: NOW - MINUTE,
      }),
      exportCard({
        key: 'suspended-learning',
        question: 'Suspended while learning',
        answer: 'a',
        suspended: true,
        state: 1,
        due: NOW + 3 * DAY,
        stability: 1,
        difficulty: 5,
        reps: 1,
        lastReview: NOW - MINUTE,
      }),
    ]);
    const pkg = readPackage(writeAnkiPackage(deck, { withHistory: false, now: NOW }));
    try {
      const card = (question: string) =>
        pkg.db
          .prepare('SELECT cards.* FROM cards JOIN notes ON notes.id = cards.nid WHERE notes.sfld = ?')
          .get(question) as CardRow;
      // Anki's day count at export time: whole days from crt at the 4 am rollover
      const today = Math.trunc((NOW / 1000 - pkg.col.crt) / 86_400);
      expect(new Date(pkg.col.crt * 1000).getHours()).toBe(4);

      expect(card('New')).toMatchObject({ type: 0, queue: 0, due: 1, ivl: 0, factor: 0, data: '{}' });
      expect(card('Learning')).toMatchObject({
        type: 1,
        queue: 1,
        due: Math.floor((NOW + 10 * MINUTE) / 1000),
        ivl: 0,
        reps: 1,
      });
      expect(JSON.parse(card('Learning').data)).toEqual({ s: 0.4, d: 6.123 });
      const review = card('Review');
      expect(review).toMatchObject({ type: 2, queue: 2, ivl: 9, factor: 2500, reps: 4, lapses: 1, left: 0 });
      expect(review.due - today).toBe(8);
      expect(JSON.parse(review.data)).toEqual({ s: 12.346, d: 4.5 });
      const suspended = card('Suspended');
      expect(suspended).toMatchObject({ type: 2, queue: -1, ivl: 3 });
      expect(suspended.due - today).toBe(2);
      // a (re)learning step that ends on a later day waits in the day-learning queue, by day number
      const relearning = card('Relearning tomorrow and after');
      expect(relearning).toMatchObject({ type: 3, queue: 3, ivl: 2, factor: 2500, left: 1001, lapses: 2 });
      expect(relearning.due - today).toBe(3);
      expect(card('Suspended while learning')).toMatchObject({
        type: 1,
        queue: -1,
        due: Math.floor((NOW + 3 * DAY) / 1000),
      });
    } finally {
      for (const db of openDbs.splice(0)) db.close();
    }
  });

  it('writes the review history only when asked', () => {
    const first = NOW - 20 * DAY;
    const reviews: ExportReview[] = [
      {
        id: 1,
        at: first,
        rating: 1,
        durationMs: 8_000,
        stateBefore: 0,
        scheduledDaysAfter: 0,
        dueAfter: first + MINUTE,
        stabilityAfter: 0.2,
        difficultyAfter: 7,
      },
      {
        id: 2,
        at: first + MINUTE,
        rating: 3,
        durationMs: 95_000,
        stateBefore: 1,
        scheduledDaysAfter: 2,
        dueAfter: first + 2 * DAY,
        stabilityAfter: 2.3,
        difficultyAfter: 6.5,
      },
      {
        id: 3,
        at: first + 2 * DAY,
        rating: 1,
        durationMs: 4_000,
        stateBefore: 2,
        scheduledDaysAfter: 0,
        dueAfter: first + 2 * DAY + 10 * MINUTE,
        stabilityAfter: 1.1,
        difficultyAfter: 8,
      },
      {
        id: 4,
        at: first + 2 * DAY + 10 * MINUTE,
        rating: 4,
        durationMs: 3_000,
        stateBefore: 3,
        scheduledDaysAfter: 5,
        dueAfter: first + 7 * DAY,
        stabilityAfter: 5,
        difficultyAfter: 1,
      },
    ];
    // a second card answered in the very same millisecond as the first answer above
    const twin: ExportReview = { ...reviews[0], id: 5 };
    const cards = [
      exportCard({
        key: 'studied',
        question: 'Studied',
        answer: 'a',
        state: 2,
        due: first + 7 * DAY,
        stability: 5,
        difficulty: 1,
        scheduledDays: 5,
        reps: 4,
        lapses: 1,
        lastReview: reviews[3].at,
        reviews,
      }),
      exportCard({ key: 'twin', question: 'Twin', answer: 'a', id: 2, state: 1, reps: 1, reviews: [twin] }),
    ];

    const withHistory = readPackage(writeAnkiPackage(smallDeck(cards), { withHistory: true, now: NOW }));
    const without = readPackage(writeAnkiPackage(smallDeck(cards), { withHistory: false, now: NOW }));
    try {
      expect(without.db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(0);

      const studiedId = withHistory.db
        .prepare("SELECT cards.id FROM cards JOIN notes ON notes.id = cards.nid WHERE sfld = 'Studied'")
        .pluck()
        .get();
      const rows = withHistory.db
        .prepare('SELECT id, usn, ease, ivl, lastIvl, factor, time, type FROM revlog WHERE cid = ? ORDER BY id')
        .all(studiedId);
      expect(rows).toEqual([
        { id: first, usn: -1, ease: 1, ivl: -60, lastIvl: 0, factor: 767, time: 8_000, type: 0 },
        { id: first + MINUTE, usn: -1, ease: 3, ivl: 2, lastIvl: -60, factor: 711, time: 60_000, type: 0 },
        { id: first + 2 * DAY, usn: -1, ease: 1, ivl: -600, lastIvl: 2, factor: 878, time: 4_000, type: 1 },
        {
          id: first + 2 * DAY + 10 * MINUTE,
          usn: -1,
          ease: 4,
          ivl: 5,
          lastIvl: -600,
          factor: 100,
          time: 3_000,
          type: 2,
        },
      ]);
      // the review ids stay unique: the twin answer moves one millisecond on
      const twinRow = withHistory.db
        .prepare(
          "SELECT revlog.id FROM revlog JOIN cards ON cards.id = revlog.cid JOIN notes ON notes.id = cards.nid WHERE sfld = 'Twin'",
        )
        .pluck()
        .get();
      expect(twinRow).toBe(first + 1);
      expect(withHistory.db.prepare('SELECT count(*) FROM revlog').pluck().get()).toBe(5);
    } finally {
      for (const db of openDbs.splice(0)) db.close();
    }
  });

  it('packs the media the cards refer to as numbered files with a JSON map', () => {
    const png = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 1, 2, 3]);
    const media = new Map<string, Uint8Array>([
      ['diagram.png', png],
      ['../escape.png', new Uint8Array([1])],
    ]);
    const deck = smallDeck(
      [exportCard({ key: 'pic', question: 'What is shown?\n\n![diagram](diagram.png)', answer: 'a' })],
      media,
    );
    const pkg = readPackage(writeAnkiPackage(deck, { withHistory: false, now: NOW }));
    try {
      expect(JSON.parse(strFromU8(pkg.files.media))).toEqual({ '0': 'diagram.png' });
      expect([...pkg.files['0']]).toEqual([...png]);
      expect(pkg.files['1']).toBeUndefined();
      const note = pkg.db.prepare('SELECT flds, sfld, csum FROM notes').get() as NoteRow;
      expect(note.flds).toContain('<img src="diagram.png" alt="diagram">');
      // Anki keeps media file names in the sort field and checksum
      expect(note.sfld).toBe('What is shown?\n diagram.png ');
      expect(note.csum).toBe(checksum('What is shown?\n diagram.png '));
    } finally {
      for (const db of openDbs.splice(0)) db.close();
    }
  });

  it('finds math exactly where the renderer of Cue (the KaTeX plugin) does', () => {
    const reference = pluginMarkdown();
    const samples = [
      ...bundled.sections.flatMap((section) => section.cards.flatMap((card) => [card.question, card.answer])),
      'Price $5 and $10',
      '$x$ and a$x$b and $ x $ and \\$x$ and $x$y and ($x$).',
      '$$x$$',
      'a $$x$$ b, $$$x$$$ and $$$$ and x $$ y',
      '$a$$b$ and a\\$b$c$ and \\$$x$$',
      '$$\nx = 1\n$$',
      '$$x\ny$$',
      '$$ x $$ y\n\nz',
      '$$\n\\begin{align}a &= b\\end{align}\n$$',
      '$\\begin{align}x\\end{align}$ and $`1+1`$',
      '- item\n\n  $$\n  x < y\n  $$\n- next',
      '> $$x$$\n> quoted',
      '`$x$` and ``$$y$$``',
      'unterminated $x and $$\nunterminated',
      '$$\nfirst\nend $$ tail',
    ];
    for (const text of samples) {
      expect(cardFieldHtml(text, 'markdown'), text).toBe(reference.render(text).replace(/\n+$/, ''));
    }
  });

  it('turns Markdown into the HTML Anki shows: MathJax delimiters, plain code blocks, HTML cards untouched', () => {
    expect(cardFieldHtml('Cost is $O(n \\log n)$, not $5 or $6.', 'markdown')).toBe(
      '<p>Cost is \\(O(n \\log n)\\), not $5 or $6.</p>',
    );
    expect(cardFieldHtml('$$\na < b\n$$', 'markdown')).toBe('<p>\\[a &lt; b\n\\]</p>');
    expect(cardFieldHtml('```sql\nSELECT 1 < 2;\n```', 'markdown')).toBe(
      '<pre><code class="language-sql">SELECT 1 &lt; 2;\n</code></pre>',
    );
    expect(cardFieldHtml('`$x$` stays code', 'markdown')).toBe('<p><code>$x$</code> stays code</p>');
    expect(cardFieldHtml('<b>bold</b> [sound:a.mp3]', 'html')).toBe('<b>bold</b> [sound:a.mp3]');
    expect(cardFieldHtml('![x](my%20chart.png)', 'markdown')).toBe('<p><img src="my chart.png" alt="x"></p>');
  });
});
