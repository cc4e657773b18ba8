/**
 * Writes an import bundle into the collection in one transaction, or (dry run) works out exactly
 * what it would write and rolls back. Decks, sections and cards match by their stable keys, so
 * importing an edited file updates cards in place and keeps their history.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Rating } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { ImportedDeck, ImportedPreset, ImportSummary } from '../../../shared/io';
import { setDeckLimits } from '../card-editing';
import { saveScheduleSetAside } from '../card-rows';
import { cachedStatement, type Db } from '../database';
import { dayNumber, dayStart } from '../days';
import { describeStorageError, type FileSystem, nodeFileSystem } from '../file-system';
import { forgetStepCapture } from '../history/step-capture';
import { cardCount } from '../history/undoable-methods';
import { placeMedia, portableMediaName, writeMediaFile } from '../media-files';
import { assignPreset, createPreset, getPreset, updatePreset } from '../presets';
import { applyScheduleEvent, type KeptScheduleEvent, logScheduleEvent, ReviewBatch } from '../review-log';
import { type Memory, newSchedule, type Schedule, type Scheduler, STATE } from '../scheduler';
import type { ColumnMapping } from './csv-format';
import type { BundleCard, BundleDeck, BundlePreset, BundleSchedule, ImportBundle } from './import-bundle';
import { ImportNotes } from './import-notes';

export type { ImportSummary };

export interface ImportContext {
  db: Db;
  /** The scheduler a deck's cards are answered with (its preset's). */
  schedulerFor: (deckId: number) => Scheduler;
  now: number;
  mediaDir: string;
  fs?: FileSystem;
  /** Called once the file has been read and checked, just before anything is written (a backup). */
  beforeWrite?: () => void;
  /** Told every few hundred cards how far the import has got. */
  onProgress?: (cardsDone: number, cardsTotal: number) => void;
  /** Runs the write as one step of the history, labelled once it is done (an import is undone as one). */
  asStep?: (label: () => string, write: () => void) => void;
}

/** How a file is imported: for real or as a preview, and the person's choices for it. */
export interface ImportOptions {
  dryRun: boolean;
  /** Name for the imported deck instead of the file's own. */
  deckName?: string;
  /** Which CSV column is what, for files without Anki's headers. */
  mapping?: ColumnMapping;
  /**
   * Schedule each card by replaying its history through Cue's scheduler, instead of keeping the due
   * date, interval and state the source gave it (Anki packages). Off unless asked for.
   */
  rescheduleFromHistory?: boolean;
  onProgress?: (cardsDone: number, cardsTotal: number) => void;
}

const PROGRESS_EVERY = 500;

type WriteContext = ImportContext & {
  reviews: ReviewBatch;
  progress: () => void;
  rescheduleFromHistory: boolean;
  notes: ImportNotes;
};

class DryRun extends Error {}

export function importBundle(
  ctx: ImportContext,
  bundle: ImportBundle,
  options: { dryRun: boolean; rescheduleFromHistory?: boolean },
): ImportSummary {
  const summary: ImportSummary = {
    decks: 0,
    sections: 0,
    notes: 0,
    cards: 0,
    reviews: 0,
    media: 0,
    updated: { notes: 0, cards: 0 },
    skipped: [...bundle.skipped],
    importedDecks: [],
    presets: [],
    noteTypes: [],
  };
  const fs = ctx.fs ?? nodeFileSystem;
  const media = planMedia(ctx.mediaDir, bundle);
  summary.media = media.added.length;
  checkMediaFits(fs, ctx.mediaDir, media.added);
  if (!options.dryRun) ctx.beforeWrite?.();
  // new files go in first, under names nothing refers to yet; if the transaction fails they go again
  const written = options.dryRun ? null : writeNewMedia(fs, ctx.mediaDir, media.added);
  const restoreTempStore = journalsInMemory(ctx.db);
  try {
    const asStep = options.dryRun || !ctx.asStep ? (_label: () => string, write: () => void) => write() : ctx.asStep;
    ctx.db.transaction(() =>
      asStep(
        () => `Import ${cardCount(summary.cards)}`,
        () => {
          const notesAdded = new Set<string>();
          const notesUpdated = new Set<string>();
          const reviews = new ReviewBatch(ctx.db);
          const schedulerFor = deckSchedulers(ctx);
          const importNotes = new ImportNotes(ctx.db, bundle, summary, ctx.now);
          const total = bundle.decks.reduce((n, d) => n + d.sections.reduce((m, s) => m + s.cards.length, 0), 0);
          let done = 0;
          const progress = () => {
            done++;
            if (done % PROGRESS_EVERY === 0 || done === total) ctx.onProgress?.(done, total);
          };
          for (const deck of bundle.decks) {
            const rescheduleFromHistory = options.rescheduleFromHistory === true;
            writeDeck(
              { ...ctx, schedulerFor, reviews, progress, rescheduleFromHistory, notes: importNotes },
              bundle,
              deck,
              media.renames,
              summary,
              {
                notesAdded,
                notesUpdated,
              },
            );
          }
          reviews.flush();
          importNotes.finish();
          summary.notes = notesAdded.size;
          summary.updated.notes = notesUpdated.size;
          if (options.dryRun) throw new DryRun();
        },
      ),
    )();
  } catch (error) {
    if (error instanceof DryRun) return summary;
    if (written) removeNewMedia(fs, written);
    throw error;
  } finally {
    restoreTempStore();
  }
  return summary;
}

/**
 * Keeps statement journals in memory for the import: each statement that writes through triggers
 * (a card and its search index) journals the pages it changes, and on disk that is a write per page.
 * Gives back a function that puts the connection's setting back.
 */
function journalsInMemory(db: Db): () => void {
  const before = db.pragma('temp_store', { simple: true }) as number;
  db.pragma('temp_store = MEMORY');
  // a change of temp_store drops every temporary table and trigger, the history's capture among them
  forgetStepCapture(db);
  return () => {
    db.pragma(`temp_store = ${before}`);
    forgetStepCapture(db);
  };
}

/**
 * The scheduler of each deck, looked up once: a deck's preset is given when the import makes the deck,
 * before any of its cards is written, and nothing else in the import changes it.
 */
function deckSchedulers(ctx: ImportContext): (deckId: number) => Scheduler {
  const schedulers = new Map<number, Scheduler>();
  return (deckId) => {
    let scheduler = schedulers.get(deckId);
    if (!scheduler) {
      scheduler = ctx.schedulerFor(deckId);
      schedulers.set(deckId, scheduler);
    }
    return scheduler;
  };
}

interface NoteSets {
  notesAdded: Set<string>;
  notesUpdated: Set<string>;
}

function writeDeck(
  ctx: WriteContext,
  bundle: ImportBundle,
  deck: BundleDeck,
  renames: Map<string, string>,
  summary: ImportSummary,
  notes: NoteSets,
): void {
  const { db, now } = ctx;
  const historyOnly = bundle.source.format === 'revlog';
  const existing = db.prepare('SELECT id, name FROM decks WHERE key = ?').get(deck.key) as
    | { id: number; name: string }
    | undefined;
  if (!existing && historyOnly) {
    summary.skipped.push({ item: `deck ${deck.key}`, reason: 'no such deck in the collection' });
    return;
  }
  const counted = changeCounts(summary);
  let deckId = existing?.id;
  if (deckId === undefined) {
    deckId = Number(
      db
        .prepare(
          `INSERT INTO decks (key, name, description, source, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(deck.key, deck.name, deck.description ?? '', `import:${bundle.source.format}`, now, now).lastInsertRowid,
    );
    summary.decks++;
    // before the history is replayed: the deck's reviews are scheduled with its own options
    if (deck.preset) summary.presets.push(givePreset(db, deckId, deck.name, deck.preset, now));
    if (deck.preset?.deckLimits) setDeckLimits(db, { deckId, ...deck.preset.deckLimits });
  }
  let position = (db.prepare('SELECT max(position) FROM cards WHERE deck_id = ?').pluck().get(deckId) as number) ?? 0;
  let sectionPosition =
    (db.prepare('SELECT max(position) FROM sections WHERE deck_id = ?').pluck().get(deckId) as number) ?? -1;
  for (const section of deck.sections) {
    // by id, or else by name: formats that cannot carry Cue's section ids (Anki subdecks) still land
    // in the section they came from
    let sectionId = db
      .prepare('SELECT id FROM sections WHERE deck_id = ? AND (key = ? OR name = ?) ORDER BY key = ? DESC LIMIT 1')
      .pluck()
      .get(deckId, section.key, section.name, section.key) as number | undefined;
    if (sectionId === undefined) {
      if (historyOnly) continue;
      sectionId = Number(
        db
          .prepare('INSERT INTO sections (deck_id, key, name, description, position) VALUES (?, ?, ?, ?, ?)')
          .run(deckId, section.key, section.name, section.description ?? '', ++sectionPosition).lastInsertRowid,
      );
      summary.sections++;
    }
    for (const card of section.cards) {
      const content = historyOnly ? card : withMediaRenames(card, renames);
      const outcome = writeCard(ctx, deckId, sectionId, content, () => ++position, historyOnly, summary);
      ctx.progress();
      const note = card.noteKey ?? card.key;
      if (outcome === 'added') notes.notesAdded.add(note);
      if (outcome === 'updated') notes.notesUpdated.add(note);
    }
  }
  const created = existing === undefined;
  const changes = changeCounts(summary).map((n, i) => n - counted[i]);
  if (created || changes.some((n) => n > 0)) {
    const entry = { id: deckId, key: deck.key, name: existing?.name ?? deck.name, created, cards: changes[0] };
    noteDeck(summary.importedDecks, entry);
  }
}

/**
 * The preset of the source's name with these very options: one already in the collection, else a new
 * one, named "Name (2)", "Name (3)"… when the name is taken by other options. A person's presets are
 * never changed by an import.
 */
function givePreset(db: Db, deckId: number, deck: string, preset: BundlePreset, now: number): ImportedPreset {
  const wanted = JSON.stringify(preset.options);
  const base = { deckId, deck, notes: preset.notes };
  for (let n = 1; ; n++) {
    const name = n === 1 ? preset.name : `${preset.name.slice(0, 95)} (${n})`;
    const taken = db.prepare('SELECT id FROM presets WHERE name = ? COLLATE NOCASE').pluck().get(name) as
      | number
      | undefined;
    if (taken === undefined) {
      const made = createPreset(db, name, now);
      updatePreset(db, made.id, { options: preset.options }, now);
      assignPreset(db, deckId, made.id);
      const renamed =
        n === 1 ? [] : [`“${preset.name}” in your collection holds other options, so this one is “${name}”`];
      return { ...base, notes: [...renamed, ...preset.notes], presetId: made.id, name, created: true };
    }
    const existing = getPreset(db, taken);
    if (JSON.stringify(existing.options) === wanted) {
      assignPreset(db, deckId, taken);
      return { ...base, presetId: taken, name: existing.name, created: false };
    }
  }
}

/** Cards added, sections added, cards updated and reviews added so far: what marks a deck as changed. */
function changeCounts(summary: ImportSummary): number[] {
  return [summary.cards, summary.sections, summary.updated.cards, summary.reviews];
}

/** Adds a deck to the summary's list, or adds to its entry when the file holds the same deck twice. */
function noteDeck(decks: ImportedDeck[], deck: ImportedDeck): void {
  const known = decks.find((d) => d.id === deck.id);
  if (!known) decks.push(deck);
  else Object.assign(known, { created: known.created || deck.created, cards: known.cards + deck.cards });
}

type CardOutcome = 'added' | 'updated' | 'unchanged';

function writeCard(
  ctx: WriteContext,
  deckId: number,
  sectionId: number,
  card: BundleCard,
  nextPosition: () => number,
  historyOnly: boolean,
  summary: ImportSummary,
): CardOutcome {
  const { db, now } = ctx;
  const existing = existingCard(ctx, deckId, card.key);
  const tags = card.tags.join(' ');
  let outcome: CardOutcome = 'unchanged';
  let cardId: number;
  if (!existing) {
    if (historyOnly) {
      summary.skipped.push({ item: `card ${card.key}`, reason: 'no such card in the collection' });
      return outcome;
    }
    const createdAt = Math.min(card.createdAt ?? now, card.reviews?.[0]?.at ?? now);
    const noteId = freeNotePlace(ctx, card);
    cardId = Number(
      cachedStatement(
        db,
        `INSERT INTO cards (deck_id, section_id, key, position, question, answer, tags, format, note_key,
           suspended, created_at, updated_at, due, note_id, template_ord, answer_alone, type_answer, flag)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        deckId,
        sectionId,
        card.key,
        nextPosition(),
        card.question,
        card.answer,
        tags,
        card.format,
        card.noteKey ?? null,
        card.suspended ? 1 : 0,
        createdAt,
        now,
        now,
        noteId ?? null,
        noteId === undefined ? 0 : (card.note?.ord ?? 0),
        card.note?.answerAlone ? 1 : 0,
        card.note?.typeAnswer ?? null,
        card.flag ?? 0,
      ).lastInsertRowid,
    );
    summary.cards++;
    outcome = 'added';
  } else {
    cardId = existing.id;
    const changed =
      !historyOnly &&
      (existing.question !== card.question ||
        existing.answer !== card.answer ||
        existing.tags !== tags ||
        existing.format !== card.format ||
        existing.section_id !== sectionId);
    if (changed) {
      db.prepare(
        `UPDATE cards SET section_id = ?, question = ?, answer = ?, tags = ?, format = ?, updated_at = ?
         WHERE id = ?`,
      ).run(sectionId, card.question, card.answer, tags, card.format, now, cardId);
      summary.updated.cards++;
      outcome = 'updated';
    }
    if (!historyOnly && card.note) linkToNote(ctx, cardId, card, summary);
  }
  if (!historyOnly && card.note) ctx.notes.wrote(cardId, card.note);
  const reviews = card.reviews ?? [];
  const kept = ctx.rescheduleFromHistory ? undefined : card.schedule;
  if (reviews.length && existing && existing.reviews > 0) {
    summary.skipped.push({
      item: `history of card ${card.key}`,
      reason: 'the card already has its own review history in Cue',
    });
  } else if (kept && (!existing || (keepsSomething(kept, reviews) && untouched(db, existing)))) {
    // a card Cue already schedules (answers or changes of its own) keeps Cue's schedule
    summary.reviews += keepSchedule(ctx, deckId, cardId, sectionId, card, kept);
  } else if (reviews.length) {
    summary.reviews += replayHistory(ctx, deckId, cardId, sectionId, card);
  }
  return outcome;
}

interface ExistingCard {
  id: number;
  section_id: number;
  question: string;
  answer: string;
  tags: string;
  format: string;
  reviews: number;
}

/** The card of that key in the deck, with how many answers its log holds. */
function existingCard(ctx: WriteContext, deckId: number, key: string): ExistingCard | undefined {
  const find = () =>
    cachedStatement(
      ctx.db,
      `SELECT id, section_id, question, answer, tags, format, suspended,
         (SELECT count(*) FROM reviews WHERE card_id = cards.id) AS reviews
       FROM cards WHERE deck_id = ? AND key = ?`,
    ).get(deckId, key) as ExistingCard | undefined;
  const existing = find();
  if (!existing || !ctx.reviews.holds(existing.id)) return existing;
  // the file holds this card twice: its first answers must be in the log (and counted, under the
  // section they were answered in, before the card may move) before they are read
  ctx.reviews.flush();
  return find();
}

/** The card's note, unless that note already has a card in its place (then it is a Basic note of its own). */
function freeNotePlace(ctx: WriteContext, card: BundleCard): number | undefined {
  const noteId = card.note ? ctx.notes.noteId(card.note.guid) : undefined;
  if (noteId === undefined || !card.note) return undefined;
  const taken = cachedStatement(ctx.db, 'SELECT 1 FROM cards WHERE note_id = ? AND template_ord = ?').get(
    noteId,
    card.note.ord,
  );
  return taken ? undefined : noteId;
}

/**
 * A card already in the collection joins the package's note (a card imported before notes existed
 * was a Basic note of its own), unless the note already has a card in that place.
 */
function linkToNote(ctx: WriteContext, cardId: number, card: BundleCard, summary: ImportSummary): void {
  const note = card.note;
  const noteId = note ? ctx.notes.noteId(note.guid) : undefined;
  if (!note || noteId === undefined) return;
  const current = cachedStatement(ctx.db, 'SELECT note_id, template_ord FROM cards WHERE id = ?').get(cardId) as {
    note_id: number;
    template_ord: number;
  };
  if (current.note_id === noteId && current.template_ord === note.ord) {
    // the template may have gained a {{type:}} box or lost its divider
    cachedStatement(ctx.db, 'UPDATE cards SET answer_alone = ?, type_answer = ? WHERE id = ?').run(
      note.answerAlone ? 1 : 0,
      note.typeAnswer,
      cardId,
    );
    return;
  }
  const taken = cachedStatement(ctx.db, 'SELECT id FROM cards WHERE note_id = ? AND template_ord = ? AND id <> ?').get(
    noteId,
    note.ord,
    cardId,
  );
  if (taken) {
    summary.skipped.push({
      item: `card ${card.key}`,
      reason: `its note already has a card ${note.ord + 1} in the collection, so it stays a note of its own`,
    });
    return;
  }
  cachedStatement(
    ctx.db,
    'UPDATE cards SET note_id = ?, template_ord = ?, answer_alone = ?, type_answer = ? WHERE id = ?',
  ).run(noteId, note.ord, note.answerAlone ? 1 : 0, note.typeAnswer, cardId);
}

/** A card already in Cue that was never answered nor had its schedule changed. */
function untouched(db: Db, existing: { id: number; reviews: number }): boolean {
  if (existing.reviews > 0) return false;
  return cachedStatement(db, 'SELECT 1 FROM card_events WHERE card_id = ? LIMIT 1').get(existing.id) === undefined;
}

/** Whether keeping the schedule changes an unstudied card: it was studied in the source. */
function keepsSomething(kept: BundleSchedule, reviews: unknown[]): boolean {
  return kept.state !== STATE.new || reviews.length > 0;
}

/** Logs the card's reviews through Cue's scheduler, without saving the card: the schedule they lead to. */
function logReviews(ctx: WriteContext, scheduler: Scheduler, cardId: number, sectionId: number, card: BundleCard) {
  const reviews = [...(card.reviews ?? [])].sort((a, b) => a.at - b.at);
  let schedule: Schedule = newSchedule(reviews[0]?.at ?? ctx.now);
  for (const review of reviews) {
    schedule = ctx.reviews.append(
      scheduler,
      cardId,
      sectionId,
      schedule,
      review.rating as Rating,
      review.durationMs,
      review.at,
    );
  }
  return { reviews, schedule };
}

/**
 * Logs the card's reviews, then the schedule the source gave it as one more entry of the log (so a
 * replay still gives the card): its due date, interval, state and counts as they were, with the
 * source's own memory state, else the history's, else one made from the interval.
 */
function keepSchedule(
  ctx: WriteContext,
  deckId: number,
  cardId: number,
  sectionId: number,
  card: BundleCard,
  kept: BundleSchedule,
): number {
  const scheduler = ctx.schedulerFor(deckId);
  const { reviews, schedule: replayed } = logReviews(ctx, scheduler, cardId, sectionId, card);
  let schedule = replayed;
  if (kept.state !== STATE.new || reviews.length) {
    const studied = kept.state !== STATE.new;
    const event: KeptScheduleEvent = {
      kind: 'kept_schedule',
      state: kept.state,
      // a card the source has as new again is due as a new card is: when it came in
      due: studied
        ? kept.due
        : (cachedStatement(ctx.db, 'SELECT due FROM cards WHERE id = ?').pluck().get(cardId) as number),
      scheduledDays: kept.scheduledDays,
      ...keptMemory(scheduler, card, kept, replayed),
      reps: kept.reps,
      lapses: kept.lapses,
      learningSteps: scheduler.stepIndex(kept.state, kept.stepsLeft),
      lastReview: kept.lastReview,
    };
    // after the last answer it follows, or when the card was made: any answer in Cue comes after it
    const at = reviews.length ? reviews[reviews.length - 1].at : createdAt(ctx.db, cardId);
    logScheduleEvent(ctx.db, cardId, at, event);
    schedule = applyScheduleEvent(schedule, at, event);
  }
  saveScheduleSetAside(ctx.db, cardId, schedule, card.suspended === true, buriedUntil(kept, scheduler, ctx.now));
  return reviews.length;
}

/** The source's own memory state, else the replayed history's, else one made from the interval. */
function keptMemory(scheduler: Scheduler, card: BundleCard, kept: BundleSchedule, replayed: Schedule): Memory {
  if (kept.state === STATE.new) return { stability: 0, difficulty: 0 };
  if (card.memory) return card.memory;
  if (replayed.state !== STATE.new) return { stability: replayed.stability, difficulty: replayed.difficulty };
  return scheduler.memoryWithoutHistory(kept.state, kept.scheduledDays, kept.ease);
}

function createdAt(db: Db, cardId: number): number {
  return cachedStatement(db, 'SELECT created_at FROM cards WHERE id = ?').pluck().get(cardId) as number;
}

/** A card the source buried today stays buried until tomorrow; a burial of an earlier day is over. */
function buriedUntil(kept: BundleSchedule, scheduler: Scheduler, now: number): number | null {
  const { boundary } = scheduler.settings;
  if (kept.buriedAt === undefined || dayNumber(kept.buriedAt, boundary) !== dayNumber(now, boundary)) return null;
  return dayStart(dayNumber(now, boundary) + 1, boundary);
}

/** Logs the card's reviews through Cue's scheduler; the source's own memory state wins at the end. */
function replayHistory(ctx: WriteContext, deckId: number, cardId: number, sectionId: number, card: BundleCard): number {
  const { reviews, schedule: replayed } = logReviews(ctx, ctx.schedulerFor(deckId), cardId, sectionId, card);
  let schedule = replayed;
  if (card.memory && schedule.state !== 0) {
    // logged, so a replay of the card's history gives the memory state the source computed
    const event = { kind: 'memory', ...card.memory } as const;
    const at = reviews[reviews.length - 1].at;
    logScheduleEvent(ctx.db, cardId, at, event);
    schedule = applyScheduleEvent(schedule, at, event);
  }
  saveScheduleSetAside(ctx.db, cardId, schedule, card.suspended === true, null);
  return reviews.length;
}

interface MediaPlan {
  added: { name: string; data: Uint8Array }[];
  /** Names that clash with a different file already in the collection, and the name used instead. */
  renames: Map<string, string>;
}

function planMedia(mediaDir: string, bundle: ImportBundle): MediaPlan {
  const added: MediaPlan['added'] = [];
  const renames = new Map<string, string>();
  const planned = new Map<string, Uint8Array>();
  for (const file of bundle.media) {
    const placed = placeMedia(mediaDir, portableMediaName(file.name), file.data, planned);
    if (placed.name !== file.name) renames.set(file.name, placed.name);
    if (!placed.present && !planned.has(placed.name)) {
      added.push({ name: placed.name, data: file.data });
      planned.set(placed.name, file.data);
    }
  }
  return { added, renames };
}

/** Room on the disk for the media, with some to spare for the database: checked by the preview too. */
const DATABASE_HEADROOM_BYTES = 16 * 1024 * 1024;

function checkMediaFits(fs: FileSystem, mediaDir: string, files: MediaPlan['added']): void {
  if (files.length === 0) return;
  const needed = files.reduce((n, f) => n + f.data.length, 0) + DATABASE_HEADROOM_BYTES;
  const free = fs.freeBytes(existingFolder(mediaDir));
  if (free < needed) {
    const mb = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MB`;
    throw new CueError(
      'storage',
      `The import needs about ${mb(needed)} for its ${files.length} media files, and the disk holding ${mediaDir} has ${mb(free)} free. Nothing was imported; free some space and try again.`,
      { reason: 'disk_full', needed, free },
    );
  }
}

/** The folder itself, or its nearest parent that exists (the media folder is made on first use). */
function existingFolder(path: string): string {
  let folder = path;
  while (!existsSync(folder) && dirname(folder) !== folder) folder = dirname(folder);
  return folder;
}

interface WrittenMedia {
  mediaDir: string;
  names: string[];
  /** The media folder did not exist before: it goes too if the import fails. */
  madeFolder: boolean;
}

function writeNewMedia(fs: FileSystem, mediaDir: string, files: MediaPlan['added']): WrittenMedia {
  const written: WrittenMedia = { mediaDir, names: [], madeFolder: !existsSync(mediaDir) };
  for (const file of files) {
    try {
      writeMediaFile(mediaDir, file.name, file.data, fs);
    } catch (error) {
      removeNewMedia(fs, written);
      throw describeStorageError(error, `the media file ${file.name} into ${mediaDir}`) ?? error;
    }
    written.names.push(file.name);
  }
  return written;
}

function removeNewMedia(fs: FileSystem, written: WrittenMedia): void {
  for (const name of written.names) fs.remove(join(written.mediaDir, name));
  if (written.madeFolder) fs.remove(written.mediaDir, { recursive: true });
}

function withMediaRenames(card: BundleCard, renames: Map<string, string>): BundleCard {
  if (!renames.size) return card;
  // only whole references: src="name", src='name' and [sound:name]
  const rewrite = (text: string) =>
    text.replace(/(src=["'])([^"']+)(["'])|\[sound:([^\]]+)\]/g, (whole, open, src, close, sound) => {
      if (sound !== undefined) return renames.has(sound) ? `[sound:${renames.get(sound)}]` : whole;
      return renames.has(src) ? `${open}${renames.get(src)}${close}` : whole;
    });
  return { ...card, question: rewrite(card.question), answer: rewrite(card.answer) };
}
