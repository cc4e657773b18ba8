/**
 * The one contract between the renderer and the collection: method name -> input schema -> output type.
 * Electron IPC, the loopback web host and the CLI all derive from this table; nothing else crosses.
 */
import { z } from 'zod';
import {
  type AnswerResult,
  type CardPointsStats,
  type CollectionCheck,
  type CollectionInfo,
  type CollectionSettings,
  CUSTOM_KINDS,
  type CustomAnswerResult,
  type CustomSessionStarted,
  type DeckSummary,
  type LimitExtension,
  type MissedPointsStats,
  type StudyNext,
  type UndoResult,
} from './domain';
import type { HistoryList, HistoryStep } from './history';
import {
  BACKUP_FILE_NAME,
  type BackupInfo,
  EXPORT_FORMATS,
  type ExportedFile,
  type ImportPreview,
  type ImportSummary,
  type RestoreResult,
  type UploadedFile,
} from './io';
import {
  type AnswerTimes,
  MAX_LIMIT_SECONDS,
  MIN_LIMIT_SECONDS,
  MOCK_ORDERS,
  type MockSectionLimit,
  type MockSessionView,
  type MockSetup,
  type MockSummary,
} from './mock';
import {
  cardTemplate,
  FIELD_FORMATS,
  type FindReplaceResult,
  fieldChange,
  fieldName,
  fieldValues,
  findReplaceTarget,
  type NoteChange,
  type NoteDetail,
  type NotePreview,
  type NoteType,
  noteTypeName,
  templateChange,
} from './notes';
import type { OptimizeHistory, OptimizeProgress, OptimizeResult, OptimizeStarted } from './optimize';
import { type DevicePreferences, devicePreferencesChange } from './preferences';
import { type DeckLimits, deckLimit, type Preset, presetName, presetOptionsPatch } from './presets';
import type { DeckTarget, Readiness, ReadinessHistory, TargetDate } from './readiness';
import { type MicrophoneArming, RECORDING_TYPES, type Recording, type RecordingDeleted } from './recordings';
import { type CardDetail, type CardSearchResult, type SavedSearch, SORT_COLUMNS } from './search';
import { MAX_SIMULATED_DAYS, type ReschedulePreview, type RescheduleResult, type Simulation } from './simulate';
import type { CardStats, CardStatsRow, DeckStats, StatsGraphs } from './stats';
import type { SyncConflict, SyncJoinPreview, SyncSnapshotResult, SyncStatus } from './sync';

const id = z.number().int().positive();
/** What one studies: a deck, or one section of it. */
const scopeFields = { deckId: id, sectionId: id.optional() };
const scope = z.strictObject(scopeFields);
/** A study day, YYYY-MM-DD, that is a real calendar date. */
const isoDate = z.iso.date();
/** A target date (an interview): a calendar date, said so when it is not one. */
const targetDate = z.iso.date({ error: 'A target date is a calendar date written YYYY-MM-DD, as 2026-12-24' });
/** Uploads are capped by the transports; this bounds what a call may carry (the web host streams larger files). */
const MAX_UPLOAD_BASE64 = 400 * 1024 * 1024;
/** An image of up to 20 MB, as base64. */
export const MAX_IMAGE_BASE64 = Math.ceil((20 * 1024 * 1024) / 3) * 4;
const columnMapping = z.strictObject({
  question: z.number().int().min(1),
  answer: z.number().int().min(1),
  tags: z.number().int().min(1).optional(),
  section: z.number().int().min(1).optional(),
  key: z.number().int().min(1).optional(),
});
/** A file's name as the person's system gave it; Cue keeps only its last part (see Uploads). */
const fileName = z.string().min(1).max(255);

/** Tab, line feed and carriage return: whitespace a paste brings along, which the query language splits at anyway. */
const FOLDED_INTO_SPACES = /[\t\n\r]/g;

/** Where `text` holds a control character other than tab, line feed and carriage return, or -1. */
function controlCharacterAt(text: string): number {
  for (let at = 0; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return at;
  }
  return -1;
}

/**
 * A search in the browser's language. Control characters are never typed, and NUL would end FTS5's
 * string early, so they are refused, naming the character and where it is; tab and line breaks count
 * as spaces (one for one, so positions in later messages still match what was sent).
 */
const searchQuery = z
  .string()
  .max(1000)
  .superRefine((query, context) => {
    const at = controlCharacterAt(query);
    if (at < 0) return;
    const code = query.charCodeAt(at).toString(16).toUpperCase().padStart(4, '0');
    context.addIssue({
      code: 'custom',
      message: `The search holds the control character U+${code} at character ${at + 1}; search for plain text.`,
    });
  })
  .transform((query) => query.replace(FOLDED_INTO_SPACES, ' '));

const savedSearchName = z
  .string()
  .trim()
  .min(1, 'A saved search needs a name')
  .max(100, 'A saved search’s name is at most 100 characters');
const savedQuery = searchQuery.pipe(
  z.string().trim().min(1, 'A saved search needs a query').max(1000, 'A saved query is at most 1000 characters'),
);

/** A sync folder: an absolute path on this computer (the desktop app's folder picker gives one). */
const syncFolder = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), 'The sync folder must be an absolute path');

const importInput = z.strictObject({
  upload: z.string().regex(/^[a-zA-Z0-9_-]{16,64}$/),
  deckName: z.string().trim().min(1).max(200).optional(),
  mapping: columnMapping.optional(),
  /** Anki packages: schedule cards by replaying their history in Cue, not as Anki had them. */
  rescheduleFromHistory: z.boolean().optional(),
});

/** What a custom study session takes its cards from (see electron/core/custom-study/). */
const customSelection = {
  ...scopeFields,
  kind: z.enum(CUSTOM_KINDS),
  /** ahead: cards due in the next N days; forgotten: answered Again in the last N days (default 1). */
  days: z.number().int().min(1, 'The days must be 1 to 365').max(365, 'The days must be 1 to 365').optional(),
  /** cram: the cards with this tag. */
  tag: z.string().trim().min(1).max(100).optional(),
  /** cram: the cards a search in the browser's language finds. */
  query: searchQuery.optional(),
};
/** A session is named by the id custom.start gave it; it lasts while Cue runs. */
const customSession = { sessionId: z.string().regex(/^[0-9a-f-]{36}$/, 'A custom session id is a UUID') };
const rating = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** Time from showing the question to answering, capped like Anki (60 s). */
const durationMs = z
  .number()
  .int()
  .min(0)
  .max(24 * 3600 * 1000);

/** A key point's id as shared/key-points.ts makes it. */
const pointId = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9-]+$/, 'A key point id is lowercase letters, digits and "-"');
/**
 * What an answer may hold beside its rating: the key points ticked (present when the checklist was
 * used: an empty list means none recalled) and the text typed before the reveal.
 */
const answerExtras = {
  recalled: z
    .array(pointId)
    .max(200, 'At most 200 key points')
    .refine((ids) => new Set(ids).size === ids.length, 'A key point is ticked once')
    .optional(),
  typedText: z.string().max(20_000, 'A typed answer may be up to 20,000 characters').optional(),
};

/** Binds an input schema to an output type; the output exists only for the type checker. */
function returns<O>() {
  return <I extends z.ZodType>(input: I): { input: I; output: O } => ({
    input,
    output: undefined as O,
  });
}

export const api = {
  'collection.info': returns<CollectionInfo>()(z.strictObject({})),
  'decks.list': returns<DeckSummary[]>()(z.strictObject({})),
  /**
   * Reads every page and index of the collection file (in the background; the collection stays usable)
   * and, if it is damaged, restores the newest good backup. Answers when done.
   */
  'collection.check': returns<Promise<CollectionCheck>>()(z.strictObject({})),
  'study.next': returns<StudyNext>()(scope),
  /** Records an answer and answers with the card to show next in the same scope, as `study.next` would. */
  'study.answer': returns<AnswerResult>()(
    z.strictObject({
      ...scopeFields,
      cardId: id,
      rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
      /** Time from showing the question to answering, capped like Anki (60 s). */
      durationMs: z
        .number()
        .int()
        .min(0)
        .max(24 * 3600 * 1000),
      ...answerExtras,
    }),
  ),
  /**
   * Takes back the newest step of the history (an answer, a bury, a delete...) and shows its card again
   * where it is in this scope; `answer` gives back an undone answer's ticks and typed text.
   */
  'study.undo': returns<UndoResult>()(scope),
  /** Sync through a folder a file-sync tool keeps in step: the folder, devices seen, last merge, what waits. */
  'sync.status': returns<SyncStatus>()(z.strictObject({})),
  /** What choosing this folder would do (start it, adopt its collection, or merge with it), before doing it. */
  'sync.preview': returns<SyncJoinPreview>()(z.strictObject({ folder: syncFolder })),
  /** Chooses the sync folder (null: stop syncing; the folder is left as it is) and merges at once. */
  'sync.setFolder': returns<SyncStatus>()(z.strictObject({ folder: syncFolder.nullable() })),
  /** Writes this computer's changes to the folder and merges every other device's now. */
  'sync.mergeNow': returns<SyncStatus>()(z.strictObject({})),
  /** Writes a snapshot of the whole collection, so a new device need not read every segment. */
  'sync.snapshot': returns<SyncSnapshotResult>()(z.strictObject({})),
  /** Edits that lost to a later edit on another device, kept; of one card when given. */
  'sync.conflicts': returns<SyncConflict[]>()(
    z.strictObject({ cardId: id.optional(), limit: z.number().int().min(1).max(1000).default(100) }),
  ),
  /** The steps that can be undone and redone, newest first, labelled ("Suspend 3 cards"). */
  'history.list': returns<HistoryList>()(z.strictObject({})),
  /** Takes back the newest step; the step. Says why when there is none, or a later change made it impossible. */
  'history.undo': returns<HistoryStep>()(z.strictObject({})),
  /** Makes the newest undone step again; the step. */
  'history.redo': returns<HistoryStep>()(z.strictObject({})),
  /** Per section and per card of a deck, the key points most often missed at standing answers. */
  'stats.missedPoints': returns<MissedPointsStats>()(
    z.strictObject({ deckId: id, sectionId: id.optional(), limit: z.number().int().min(1).max(100).default(10) }),
  ),
  /** One card's key points with how often each was missed, and the answers that kept ticks or typed text. */
  'stats.cardPoints': returns<CardPointsStats>()(z.strictObject({ cardId: id })),
  'cards.bury': returns<{ cardId: number; buriedUntil: number }>()(z.strictObject({ cardId: id })),
  /** Statistics of a deck (or one section) as of the end of study day `at` (default: today). */
  stats: returns<DeckStats>()(
    z.strictObject({
      deckId: id,
      sectionId: id.optional(),
      at: isoDate.optional(),
      /** Also compute mastery at each month end over the whole history (slower on long histories). */
      allTime: z.boolean().optional(),
    }),
  ),
  /**
   * The graphs of a deck (or one section) over the last `days` study days: answers and time per day by
   * kind, cards added, histograms of intervals, stability, difficulty and recall, and the FSRS calibration.
   */
  'stats.graphs': returns<StatsGraphs>()(
    z.strictObject({ deckId: id, sectionId: id.optional(), days: z.number().int().min(1).max(3650).default(30) }),
  ),
  /** One card's review log and retrievability curve. */
  'stats.card': returns<CardStats>()(z.strictObject({ cardId: id, at: isoDate.optional() })),
  /** A section's cards with their memory state, weakest first. */
  'stats.cards': returns<{ total: number; cards: CardStatsRow[] }>()(
    z.strictObject({
      deckId: id,
      sectionId: id.optional(),
      limit: z.number().int().min(1).max(1000).default(100),
      offset: z.number().int().min(0).default(0),
    }),
  ),
  /** Hands a file to Cue (a dropped or chosen file); imports then refer to it by its upload id. */
  'files.upload': returns<UploadedFile>()(
    z.strictObject({
      name: fileName,
      dataBase64: z.string().max(MAX_UPLOAD_BASE64),
    }),
  ),
  /** What importing an uploaded file would add, update and skip; changes nothing. */
  'import.preview': returns<ImportPreview>()(importInput),
  /** Imports an uploaded file in one transaction. */
  'import.apply': returns<ImportSummary>()(importInput),
  /** A deck or one section as a file in one of Cue's export formats. */
  'export.deck': returns<ExportedFile>()(
    z.strictObject({
      deckId: id,
      sectionId: id.optional(),
      format: z.enum(EXPORT_FORMATS),
      withHistory: z.boolean().default(false),
      /** Recordings of spoken answers go along only when asked (Anki packages only). */
      includeRecordings: z.boolean().default(false),
    }),
  ),
  /** The backups in the collection's backups folder, newest first. */
  'backups.list': returns<BackupInfo[]>()(z.strictObject({})),
  /** Backs up the collection and its media now. */
  'backups.create': returns<BackupInfo>()(z.strictObject({})),
  /** Replaces the collection with a backup from the list; the replaced one is kept beside it. */
  'backups.restore': returns<RestoreResult>()(z.strictObject({ file: z.string().regex(BACKUP_FILE_NAME) })),
  /** Cards matching a query in the browser's language (see electron/core/search/query-language.ts). */
  'cards.search': returns<CardSearchResult>()(
    z.strictObject({
      query: searchQuery,
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0),
      /** Relevance when the query has words, else the deck's order. */
      sort: z.strictObject({ column: z.enum(SORT_COLUMNS), descending: z.boolean().default(false) }).optional(),
    }),
  ),
  'cards.get': returns<CardDetail>()(z.strictObject({ cardId: id })),
  /** A new card at the end of a section; its id comes from its question. */
  'cards.create': returns<{ cardId: number; key: string }>()(
    z.strictObject({
      sectionId: id,
      question: z.string().trim().min(1).max(100_000),
      answer: z.string().max(100_000),
      tags: z.array(z.string().max(100)).max(100).default([]),
    }),
  ),
  /**
   * Changes a card's content or section (in any deck); its id and history stay, and the edit wins over
   * updates of its deck.
   */
  'cards.update': returns<{ cardId: number }>()(
    z.strictObject({
      cardId: id,
      question: z.string().trim().min(1).max(100_000).optional(),
      answer: z.string().max(100_000).optional(),
      tags: z.array(z.string().max(100)).max(100).optional(),
      sectionId: id.optional(),
    }),
  ),
  /** The searches saved by name, alphabetical. */
  'searches.list': returns<SavedSearch[]>()(z.strictObject({})),
  /** Saves a search by name (the same name, in any case, replaces it); a query that does not parse is refused. */
  'searches.save': returns<SavedSearch[]>()(z.strictObject({ name: savedSearchName, query: savedQuery })),
  /** Deletes a saved search by name (any case). */
  'searches.delete': returns<SavedSearch[]>()(z.strictObject({ name: savedSearchName })),
  /** Every tag on a card with how many cards carry it, alphabetical; `a::b` is a child of `a`. */
  'tags.list': returns<{ tag: string; cards: number }[]>()(z.strictObject({})),
  /** Renames a tag and its children (`from::x` becomes `to::x`) on every card, in any case. */
  'tags.rename': returns<{ notes: number; cards: number }>()(
    z.strictObject({ from: z.string().min(1).max(100), to: z.string().min(1).max(100) }),
  ),
  /** Takes a tag and its children off every card. */
  'tags.delete': returns<{ notes: number; cards: number }>()(z.strictObject({ tag: z.string().min(1).max(100) })),
  /** One action on a selection of cards, all or nothing. */
  'cards.bulk': returns<{ changed: number }>()(
    z.strictObject({
      cardIds: z.array(id).min(1).max(100_000),
      change: z.discriminatedUnion('action', [
        z.strictObject({ action: z.enum(['suspend', 'unsuspend', 'bury', 'unbury', 'reset']) }),
        z.strictObject({ action: z.literal('setDue'), date: isoDate }),
        /** Anki's flag colours: 1 red, 2 orange, 3 green, 4 blue, 5 pink, 6 turquoise, 7 purple; 0 takes it off. */
        z.strictObject({ action: z.literal('setFlag'), flag: z.number().int().min(0).max(7) }),
        z.strictObject({ action: z.enum(['addTags', 'removeTags']), tags: z.array(z.string().min(1).max(100)).min(1) }),
      ]),
    }),
  ),
  /** Keeps an image for cards (pasted, dropped or chosen in the editor); returns the name to refer to it by. */
  'media.add': returns<{ name: string }>()(
    z.strictObject({ name: z.string().min(1).max(255), dataBase64: z.string().max(MAX_IMAGE_BASE64).base64() }),
  ),
  'settings.get': returns<CollectionSettings>()(z.strictObject({})),
  /** Changes the collection's settings: the hour a new study day starts applies from the next answer. */
  'settings.set': returns<CollectionSettings>()(
    z.strictObject({
      rolloverHour: z
        .number()
        .int('The hour a new day starts must be a whole hour')
        .min(0, 'The hour a new day starts must be 0 to 23')
        .max(23, 'The hour a new day starts must be 0 to 23')
        .optional(),
    }),
  ),
  /** This computer's preferences (theme, reminders); kept beside the collection, never in it or its backups. */
  'preferences.get': returns<DevicePreferences>()(z.strictObject({})),
  /** Changes some of this computer's preferences; returns them all as they now are. */
  'preferences.set': returns<DevicePreferences>()(devicePreferencesChange),
  /** Deletes cards with their history; `cards.restore` with the batch undoes it. */
  'cards.delete': returns<{ deleted: number; batch: number }>()(
    z.strictObject({ cardIds: z.array(id).min(1).max(100_000) }),
  ),
  /** Brings back everything one delete removed (cards with their history, sections, a deck). */
  'cards.restore': returns<{ restored: number; cardIds: number[]; decks: number; sections: number }>()(
    z.strictObject({ batch: id }),
  ),
  /** Deletes a section and its cards; `cards.restore` with the batch undoes it. */
  'sections.delete': returns<{ deleted: number; batch: number }>()(z.strictObject({ sectionId: id })),
  /** Deletes a deck with its sections and cards; `cards.restore` with the batch undoes it. */
  'decks.delete': returns<{ deleted: number; batch: number }>()(z.strictObject({ deckId: id })),
  /** Renames; a name the person gives wins over an update of a bundled deck. */
  'sections.rename': returns<{ sectionId: number }>()(
    z.strictObject({ sectionId: id, name: z.string().trim().min(1).max(200) }),
  ),
  /** A deck's study options: how many new cards it introduces a day. */
  'decks.setOptions': returns<{ deckId: number }>()(
    z.strictObject({ deckId: id, newPerDay: z.number().int().min(0).max(9999) }),
  ),
  /** The deck's own daily limits over its preset's (Anki's "This deck"); null: the preset's. */
  'decks.limits': returns<DeckLimits>()(z.strictObject({ deckId: id })),
  'decks.setLimits': returns<DeckLimits>()(
    z.strictObject({
      deckId: id,
      newLimit: deckLimit('new cards a day', 9999),
      reviewLimit: deckLimit('maximum reviews a day', 99_999),
    }),
  ),
  'decks.rename': returns<{ deckId: number }>()(
    z.strictObject({ deckId: id, name: z.string().trim().min(1).max(200) }),
  ),
  'sections.create': returns<{ sectionId: number; key: string }>()(
    z.strictObject({ deckId: id, name: z.string().trim().min(1).max(200) }),
  ),
  'decks.create': returns<{ deckId: number; key: string }>()(
    z.strictObject({ name: z.string().trim().min(1).max(200) }),
  ),
  /** The deck option presets, Default first, each with its options and the decks that use it. */
  'presets.list': returns<Preset[]>()(z.strictObject({})),
  'presets.get': returns<Preset>()(z.strictObject({ presetId: id })),
  /** A new preset with Cue's defaults, or a copy of `from` (cloning). */
  'presets.create': returns<Preset>()(z.strictObject({ name: presetName, from: id.optional() })),
  /** Renames and/or changes options; a change applies from the next answer. */
  'presets.update': returns<Preset>()(
    z.strictObject({ presetId: id, name: presetName.optional(), options: presetOptionsPatch.optional() }),
  ),
  /** Deletes a preset (not Default); its decks go back to Default. */
  'presets.delete': returns<{ presetId: number; decksMoved: number[] }>()(z.strictObject({ presetId: id })),
  /** Gives a deck a preset. */
  'presets.assign': returns<{ deckId: number; presetId: number }>()(z.strictObject({ deckId: id, presetId: id })),
  /** FSRS optimisation: fits a preset's parameters to its decks' history in a process of its own (refused under 400 reviews). */
  'optimize.start': returns<OptimizeStarted>()(z.strictObject({ presetId: id })),
  /** The reviews and cards a fit of the preset would use, and the minimum. */
  'optimize.history': returns<OptimizeHistory>()(z.strictObject({ presetId: id })),
  'optimize.progress': returns<OptimizeProgress>()(z.strictObject({ jobId: id })),
  /** Stops a running optimisation: 'cancelled' at its next progress report, and never a result after it. */
  'optimize.cancel': returns<OptimizeProgress>()(z.strictObject({ jobId: id })),
  /** The fitted parameters, with log loss and RMSE (bins) of the current and the fitted ones on the same history. */
  'optimize.result': returns<OptimizeResult>()(z.strictObject({ jobId: id })),
  /** Writes the result's parameters into the preset; they apply from the next answer. */
  'optimize.accept': returns<Preset>()(z.strictObject({ jobId: id })),
  /** Today's limits raised for one deck (custom study's "increase today's limit"); gone the next study day. */
  'decks.extendLimits': returns<LimitExtension>()(
    z.strictObject({
      deckId: id,
      newCards: z.number().int().min(0).max(9999).optional(),
      reviews: z.number().int().min(0).max(99_999).optional(),
    }),
  ),
  /**
   * The workload of the preset a deck uses, simulated over the next `days` days (365) at each desired
   * retention (0.70 to 0.99): reviews and minutes a day, cards remembered at the end. `options` tries
   * changes to the preset before they are saved. Other calls are answered while it runs.
   */
  simulate: returns<Promise<Simulation>>()(
    z.strictObject({
      deckId: id,
      days: z
        .number({ error: 'Days must be a number' })
        .int('Days must be a whole number')
        .min(1, 'Days must be at least 1')
        .max(MAX_SIMULATED_DAYS, `Days must be at most ${MAX_SIMULATED_DAYS}`)
        .optional(),
      retentions: z
        .array(
          z
            .number({ error: 'A retention must be a number' })
            .min(0.7, 'A retention must be at least 0.70')
            .max(0.99, 'A retention must be at most 0.99'),
        )
        .min(1, 'Give at least one retention')
        .max(30, 'Give at most 30 retentions')
        .optional(),
      options: presetOptionsPatch.optional(),
    }),
  ),
  /**
   * How the next 30 days' due counts change if the preset's cards are rescheduled (with `options` tried).
   * Other calls are answered while it runs.
   */
  'presets.reschedulePreview': returns<Promise<ReschedulePreview>>()(
    z.strictObject({ presetId: id, options: presetOptionsPatch.optional() }),
  ),
  /**
   * Reschedules every studied card of the preset's decks from its history with the preset's options,
   * logged; the changes are made in one transaction. Other calls are answered while it works them out.
   */
  'presets.reschedule': returns<Promise<RescheduleResult>>()(z.strictObject({ presetId: id })),
  'cards.suspend': returns<{ cardId: number }>()(z.strictObject({ cardId: id })),
  'cards.unsuspend': returns<{ cardId: number }>()(z.strictObject({ cardId: id })),
  // Custom study: a session over a deck or section beside the day's queue. Ahead and forgotten answer
  // as study does (review log, rescheduling); preview and cram leave the schedule alone unless `reschedule`.
  /** How many cards a selection finds (before the session's limit); changes nothing. */
  'custom.count': returns<{ cards: number }>()(z.strictObject(customSelection)),
  /** The tags of a deck's or section's cards that could be crammed (not suspended), with their counts. */
  'custom.tags': returns<{ tag: string; cards: number }[]>()(scope),
  'custom.start': returns<CustomSessionStarted>()(
    z.strictObject({
      ...customSelection,
      limit: z
        .number()
        .int()
        .min(1, 'A session holds 1 to 9999 cards')
        .max(9999, 'A session holds 1 to 9999 cards')
        .default(100),
      reschedule: z.boolean().optional(),
    }),
  ),
  /** The session's card to show next, in study's shape. */
  'custom.next': returns<StudyNext>()(z.strictObject(customSession)),
  /** The ticks and typed text are kept with the review when the session reschedules (a practice answer logs none). */
  'custom.answer': returns<CustomAnswerResult>()(
    z.strictObject({ ...customSession, cardId: id, rating, durationMs, ...answerExtras }),
  ),
  /** Takes back the session's last answer (from the review log too, when it rescheduled). */
  'custom.undo': returns<UndoResult>()(z.strictObject(customSession)),
  'custom.end': returns<{ sessionId: string; answered: number }>()(z.strictObject(customSession)),
  // Mock interviews: N questions against a countdown, graded as in study (see electron/core/mock-interview/).
  /** The deck's sections with their time limits, cards to draw from and median answer time; a running session. */
  'mock.sections': returns<MockSetup>()(z.strictObject({ deckId: id })),
  /** A section's own time limit in seconds; null goes back to its default. */
  'mock.setLimit': returns<MockSectionLimit>()(
    z.strictObject({
      sectionId: id,
      seconds: z
        .number()
        .int('A time limit is whole seconds')
        .min(MIN_LIMIT_SECONDS, `A time limit is ${MIN_LIMIT_SECONDS} s to ${MAX_LIMIT_SECONDS / 60} min`)
        .max(MAX_LIMIT_SECONDS, `A time limit is ${MIN_LIMIT_SECONDS} s to ${MAX_LIMIT_SECONDS / 60} min`)
        .nullable(),
    }),
  ),
  /** Draws `count` questions from the chosen sections and starts the session (a running one of the deck ends). */
  'mock.start': returns<MockSessionView>()(
    z.strictObject({
      deckId: id,
      sectionIds: z.array(id).min(1, 'Choose at least one section').max(100),
      count: z.number().int().min(1, 'Ask at least 1 question').max(500, 'Ask at most 500 questions'),
      order: z.enum(MOCK_ORDERS),
      /** The random order's (and weakest's ties') seed; the same seed draws the same session. */
      seed: z.number().int().min(0).max(2147483646).optional(),
    }),
  ),
  /** The session and its current question, which is shown (its clock starts) the first time it is read. */
  'mock.current': returns<MockSessionView>()(z.strictObject({ sessionId: id })),
  /** Ends the current question's answer: the time taken as the page measured it (a time at the limit is a time-out). */
  'mock.done': returns<MockSessionView>()(z.strictObject({ sessionId: id, position: id, timeTakenMs: durationMs })),
  /** Grades the answered question as study answers a card; the next question is shown. */
  'mock.grade': returns<MockSessionView>()(z.strictObject({ sessionId: id, position: id, rating, ...answerExtras })),
  /** Takes back the session's last grade (from the review log too). */
  'mock.undo': returns<MockSessionView>()(z.strictObject({ sessionId: id })),
  /** Ends the session; its summary. */
  'mock.end': returns<MockSummary>()(z.strictObject({ sessionId: id })),
  /** A session's summary (ended or not). */
  'mock.summary': returns<MockSummary>()(z.strictObject({ sessionId: id })),
  /** Median mock interview answer time per section per week (12 weeks to `at`), and over all time. */
  'stats.answerTimes': returns<AnswerTimes>()(
    z.strictObject({ deckId: id, sectionId: id.optional(), at: isoDate.optional() }),
  ),
  // Spoken answers: recordings of a card's answer, in the media folder (see electron/core/recordings.ts).
  /** Keeps an uploaded recording (files.upload) of a card's answer; the upload is used up. */
  'recordings.save': returns<Recording>()(
    z.strictObject({
      cardId: id,
      upload: z.string().regex(/^[a-zA-Z0-9_-]{16,64}$/),
      mimeType: z.enum(RECORDING_TYPES, { error: `A recording is ${RECORDING_TYPES.join(' or ')}` }),
      durationMs: z
        .number()
        .int()
        .min(0)
        .max(24 * 3600 * 1000),
    }),
  ),
  /** A card's recordings, newest first. */
  'recordings.list': returns<Recording[]>()(z.strictObject({ cardId: id })),
  /** Removes a recording's file and row together. */
  'recordings.delete': returns<RecordingDeleted>()(z.strictObject({ recordingId: id })),
  /** Just before the microphone is opened: the desktop app grants it (audio only) until disarmed or expired. */
  'recordings.arm': returns<MicrophoneArming>()(z.strictObject({})),
  /** The recording stopped, was cancelled or failed: the microphone is refused again. */
  'recordings.disarm': returns<MicrophoneArming>()(z.strictObject({})),
  // Notes and note types; see electron/core/notes/.
  /** A note with its type, fields, tags and every card it makes. */
  'notes.get': returns<NoteDetail>()(z.strictObject({ noteId: id })),
  /** The note of a card. */
  'notes.ofCard': returns<NoteDetail>()(z.strictObject({ cardId: id })),
  /** A new note and its cards at the end of a section; refused when it would make no card. */
  'notes.create': returns<NoteChange>()(
    z.strictObject({
      noteTypeId: id,
      sectionId: id,
      fields: fieldValues,
      tags: z.array(z.string().max(100)).max(100).default([]),
    }),
  ),
  /**
   * Find and replace in the notes of a selection of cards: plain text or a regular expression (`$1` for
   * its groups), in every field, the tags or one field; `preview` says what would change and changes nothing.
   */
  'notes.findReplace': returns<FindReplaceResult>()(
    z.strictObject({
      cardIds: z.array(id).min(1).max(100_000),
      find: z.string().min(1, 'Say what to find').max(1000),
      replace: z.string().max(10_000),
      regex: z.boolean().default(false),
      matchCase: z.boolean().default(false),
      in: findReplaceTarget.default('fields'),
      preview: z.boolean().default(false),
    }),
  ),
  /** Changes a note's fields or tags and re-renders its cards: a new cloze number adds a card, a removed one retires it. */
  'notes.update': returns<NoteChange>()(
    z.strictObject({
      noteId: id,
      fields: fieldValues.optional(),
      tags: z.array(z.string().max(100)).max(100).optional(),
      /**
       * The undo of an edit that retired cards: the batch it gave, restored in the same transaction
       * as the fields that make those cards again, so they come back under their ids with their history.
       */
      restoreBatch: id.optional(),
    }),
  ),
  /**
   * Gives a note another type: for each field of the new type, the old field whose content it takes
   * (or null); for each template, the old template whose card and history it takes (default: the same index).
   */
  'notes.changeType': returns<NoteChange>()(
    z.strictObject({
      noteId: id,
      noteTypeId: id,
      fieldMap: z.array(z.number().int().min(0).nullable()).min(1).max(100),
      templateMap: z.array(z.number().int().min(0).nullable()).min(1).max(100).optional(),
    }),
  ),
  /** The cards a note of this type would make with these fields, without saving: the editor's preview. */
  'notes.preview': returns<NotePreview>()(
    z.strictObject({
      noteTypeId: id,
      fields: fieldValues,
      tags: z.array(z.string().max(100)).max(100).default([]),
      sectionId: id.optional(),
    }),
  ),
  /** Card generation: makes the cards a note's templates call for that it lacks, and re-renders the rest. */
  'notes.generate': returns<NoteChange>()(z.strictObject({ noteId: id })),
  /** Every note type with its fields, templates and how many notes use it. */
  'notetypes.list': returns<NoteType[]>()(z.strictObject({})),
  'notetypes.get': returns<NoteType>()(z.strictObject({ noteTypeId: id })),
  /** A new note type: a copy of another (`from`), or one defined here. */
  'notetypes.create': returns<NoteType>()(
    z.union([
      z.strictObject({ from: id, name: noteTypeName.optional() }),
      z.strictObject({
        name: noteTypeName,
        kind: z.enum(['normal', 'cloze']).default('normal'),
        format: z.enum(FIELD_FORMATS).default('markdown'),
        fields: z.array(fieldName).min(1).max(100),
        templates: z.array(cardTemplate).min(1).max(100),
        css: z.string().max(200_000).default(''),
      }),
    ]),
  ),
  /**
   * Renames a note type, or gives it new fields, templates or CSS. Each field and template names the
   * old one it continues (`previous`, an index, or null for a new one); notes keep their content and
   * their cards' histories, and are re-rendered in the same transaction.
   */
  'notetypes.update': returns<{ noteType: NoteType; notes: number; updated: number; added: number; retired: number }>()(
    z.strictObject({
      noteTypeId: id,
      name: noteTypeName.optional(),
      css: z.string().max(200_000).optional(),
      fields: z.array(fieldChange).min(1).max(100).optional(),
      templates: z.array(templateChange).min(1).max(100).optional(),
    }),
  ),
  /** Deletes a note type no note uses; built-in types stay. */
  'notetypes.delete': returns<{ noteTypeId: number }>()(z.strictObject({ noteTypeId: id })),
  /** For each field of a note type, how many of its notes hold content there (what removing the field would drop). */
  'notetypes.fieldUsage': returns<number[]>()(z.strictObject({ noteTypeId: id })),
  // Readiness for a target date (an interview); see electron/core/readiness/.
  /** A deck's target date, the collection's, and the one that applies to the deck. */
  'readiness.target': returns<DeckTarget>()(z.strictObject({ deckId: id })),
  /**
   * Sets (or, with date null, clears) a deck's target date, or the whole collection's when deckId is
   * absent; deadline mode is on unless `deadlineMode` is false. A date before today, or more than two
   * years ahead, is refused.
   */
  'readiness.setTarget': returns<TargetDate | null>()(
    z.strictObject({ deckId: id.optional(), date: targetDate.nullable(), deadlineMode: z.boolean().optional() }),
  ),
  /** Predicted recall on the date (the deck's target date unless given) per card, section and deck. */
  'readiness.get': returns<Readiness>()(z.strictObject({ deckId: id, date: targetDate.optional() })),
  /** Predicted recall on the date as it stood at the end of each past week; no weeks (and date '') without a date. */
  'readiness.history': returns<ReadinessHistory>()(z.strictObject({ deckId: id, date: targetDate.optional() })),
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;
export type ApiInput<M extends MethodName> = z.input<Api[M]['input']>;
/** The input after validation, defaults filled in: what the handlers receive. */
export type ApiParsedInput<M extends MethodName> = z.output<Api[M]['input']>;
export type ApiOutput<M extends MethodName> = Api[M]['output'];

export const methodNames = Object.keys(api) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(api, name);
}

/** A client for any transport: `call('study.next', {deckId: 1})`. */
export type CueClient = <M extends MethodName>(name: M, input: ApiInput<M>) => Promise<ApiOutput<M>>;
