/**
 * The collection: one SQLite file and the state around it (the connection, scheduler, clock, undo,
 * lock, background checks, uploads and notices), opening and closing it, recovering it, and what
 * several API methods share (import, export, backup, restore). What each method does is in
 * handlers/, one file per feature. Plain Node, no Electron, so the desktop app, the web host, the
 * CLI and the tests all run this same code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { CollectionCheck } from '../../shared/domain';
import { CueError } from '../../shared/errors';
import type { RestoreResult, UploadedFile } from '../../shared/io';
import { DEFAULT_PREFERENCES, type DevicePreferences, type DevicePreferencesChange } from '../../shared/preferences';
import { DEFAULT_PRESET_ID, type PresetOptions } from '../../shared/presets';
import type { CollectionLock } from './collection-lock';
import { type Db, openCollectionDatabase } from './database';
import { checkInWorker, isDamage } from './database-health';
import { type DayBoundary, dayNumber, dayToIsoDate, isValidTimeZone } from './days';
import { DeckSyntaxError, parseDeck } from './deck-format';
import { type SyncResult, syncDeck } from './deck-sync';
import { changedPreferences, readPreferences, writePreferences } from './device-preferences';
import { describeStorageError, type FileSystem, nodeFileSystem, writing } from './file-system';
import { buildHandlers } from './handlers';
import type { HandlerContext, Handlers } from './handlers/context';
import { recordStep } from './history/history';
import { type ImportOptions, type ImportSummary, importBundle } from './io/apply-import';
import { type BackupManifest, createBackup, dailyBackup, readBackup, restoreBackup, safetyBackup } from './io/backup';
import { type ExportQuery, readExportDeck } from './io/export-collection';
import {
  detectImportFormat,
  EXPORT_EXTENSIONS,
  type ExportFormat,
  readImportFile,
  writeExportFile,
} from './io/file-formats';
import { ImportError } from './io/import-bundle';
import { Uploads } from './io/uploads';
import { type OpenContext, openForReading, openForWriting, recover } from './open-collection';
import { OptimizeJobs } from './optimize/optimize-jobs';
import type { LaunchOptimizer } from './optimize/optimizer-process';
import { getPreset, type SchedulerOverrides, schedulerSettingsFor } from './presets';
import { Scheduler } from './scheduler';
import { DEFAULT_ROLLOVER_HOUR, readSettings } from './settings';
import { SyncRunner } from './sync/sync-runner';

export const DATABASE_FILE = 'collection.sqlite';

export interface CollectionOptions {
  dataDir: string;
  /** The time source; tests pass a fixed or stepping clock. */
  clock?: () => number;
  timeZone?: string;
  rolloverHour?: number;
  /** Folder of bundled deck files loaded on open; null for none. */
  bundledDeckDir?: string | null;
  /** Settings forced on every preset's scheduler (the unit tests turn fuzz off). */
  scheduler?: SchedulerOverrides;
  nativeBinding?: string;
  /** Use an in-memory database (tests); dataDir is then only reported. */
  inMemory?: boolean;
  /** Open beside the writer that holds the collection, to read it only (the CLI's read commands). */
  readOnly?: boolean;
  /** Who opens it, named to a second writer: "the Cue desktop app", "cue serve". */
  holder?: string;
  /** Cue's own file writes go through this (tests make the disk fail with it). */
  fileSystem?: FileSystem;
  /** Check every page in a worker thread after opening (default: on, for collections on disk). */
  backgroundCheck?: boolean;
  /** How an FSRS optimisation gets its process (default: a Node child process; the desktop app's own). */
  launchOptimizer?: LaunchOptimizer;
}

export type { ImportOptions };

export class Collection implements HandlerContext {
  /** Replaced only by a restore or a recovery; everything else keeps using the same connection. */
  db: Db;
  readonly dataDir: string;
  readonly databasePath: string;
  /** Images and sounds the cards show, by name. */
  readonly mediaDir: string;
  readonly backupsDir: string;
  readonly readOnly: boolean;
  readonly fs: FileSystem;
  readonly warnings: string[] = [];
  readonly notices: string[] = [];
  /** What Cue did about a damaged or missing collection file: the backup restored, where the damaged one is. */
  readonly recoveries: string[] = [];
  /** Files handed to Cue for import, until they are imported or Cue closes. */
  readonly uploads = new Uploads();
  /** Every method of the API table, by name; `dispatch` validates the input and runs one. */
  readonly handlers: Handlers = buildHandlers(this);
  readonly optimizeJobs: OptimizeJobs;
  /** Sync through a folder; its timers run only once `sync.start()` is called (a running app). */
  readonly sync: SyncRunner = new SyncRunner(this);
  private readonly clock: () => number;
  private readonly schedulerOverrides: SchedulerOverrides;
  /** The day boundary in use: the time zone, and the start hour the collection's settings give. */
  private dayBoundary: DayBoundary;
  private readonly defaultRolloverHour: number;
  /** Each preset's scheduler, made when first needed; dropped when presets or settings change. */
  private readonly presetSchedulers = new Map<number, Scheduler>();
  private readonly nativeBinding: string | undefined;
  private readonly lock: CollectionLock | null = null;
  private readonly checks = new Set<{ thorough: boolean; result: Promise<string | null>; cancel(): void }>();
  /** Settles with null when the last check found the collection sound, else what it found; null before any. */
  private health: Promise<string | null> | null = null;
  /** Read from the data folder when first asked for. */
  private devicePreferences: DevicePreferences | undefined;
  /** Told of every change of this computer's preferences, from whichever transport (the desktop shell's tray, reminders, menu). */
  private readonly preferenceListeners = new Set<(next: DevicePreferences, before: DevicePreferences) => void>();

  constructor(options: CollectionOptions) {
    const timeZone = options.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!isValidTimeZone(timeZone)) throw new CueError('invalid_input', `Unknown time zone "${timeZone}".`);
    this.defaultRolloverHour = options.rolloverHour ?? DEFAULT_ROLLOVER_HOUR;
    this.dayBoundary = { timeZone, rolloverHour: this.defaultRolloverHour };
    this.schedulerOverrides = options.scheduler ?? {};
    this.clock = options.clock ?? Date.now;
    this.dataDir = options.dataDir;
    this.databasePath = options.inMemory ? ':memory:' : join(options.dataDir, DATABASE_FILE);
    this.mediaDir = join(options.dataDir, 'media');
    this.backupsDir = join(options.dataDir, 'backups');
    this.nativeBinding = options.nativeBinding;
    this.readOnly = options.readOnly === true;
    this.fs = options.fileSystem ?? nodeFileSystem;
    this.optimizeJobs = new OptimizeJobs(options.launchOptimizer);
    const context = this.openContext(options.holder ?? 'Cue');
    if (options.inMemory) {
      this.db = openCollectionDatabase(':memory:', { nativeBinding: options.nativeBinding });
    } else if (this.readOnly) {
      this.db = openForReading(context);
    } else {
      const opened = writing(`the collection in ${this.dataDir}`, () => openForWriting(context));
      this.db = opened.db;
      this.lock = opened.lock;
      this.recoveries.push(...opened.notices);
      if (opened.checked) this.health = Promise.resolve(null);
      else if (options.backgroundCheck !== false) this.checkInBackground().catch(() => undefined);
    }
    const settle = () => {
      this.settingsChanged();
      if (options.bundledDeckDir && !this.readOnly) this.loadBundledDecks(options.bundledDeckDir);
    };
    try {
      try {
        settle();
      } catch (error) {
        // damage the checks at open could not see (inside a page) shows when the file is first read
        if (!isDamage(error) || this.readOnly) throw error;
        this.recoverFromDamage((error as Error).message);
        settle();
      }
    } catch (error) {
      // a collection that cannot be used is not left open, nor its lock held
      this.close();
      throw error;
    }
  }

  get boundary(): DayBoundary {
    return this.dayBoundary;
  }

  /** The Default preset's scheduler: for what belongs to no one deck (searches over every deck). */
  get scheduler(): Scheduler {
    return this.presetScheduler(DEFAULT_PRESET_ID);
  }

  schedulerFor(deckId: number): Scheduler {
    const presetId = this.db.prepare('SELECT preset_id FROM decks WHERE id = ?').pluck().get(deckId) as
      | number
      | undefined;
    return this.presetScheduler(presetId ?? DEFAULT_PRESET_ID);
  }

  private presetScheduler(presetId: number): Scheduler {
    let scheduler = this.presetSchedulers.get(presetId);
    if (!scheduler) {
      const options = getPreset(this.db, presetId).options;
      scheduler = Scheduler.for(schedulerSettingsFor(options, this.dayBoundary, this.schedulerOverrides));
      this.presetSchedulers.set(presetId, scheduler);
    }
    return scheduler;
  }

  /** A scheduler for options not (or not yet) a preset's, in the collection's day: rescheduling, previews. */
  schedulerWith(options: PresetOptions): Scheduler {
    return Scheduler.for(schedulerSettingsFor(options, this.dayBoundary, this.schedulerOverrides));
  }

  presetsChanged(): void {
    this.presetSchedulers.clear();
  }

  get preferences(): DevicePreferences {
    if (!this.devicePreferences) {
      const read =
        this.databasePath === ':memory:'
          ? undefined
          : readPreferences(this.dataDir, () => new Date(this.clock()), this.fs);
      if (read?.warning) this.warnings.push(read.warning);
      this.devicePreferences = read?.preferences ?? structuredClone(DEFAULT_PREFERENCES);
    }
    return this.devicePreferences;
  }

  setPreferences(change: DevicePreferencesChange): DevicePreferences {
    if (this.readOnly)
      throw new CueError(
        'storage',
        "This collection is open read-only: this computer's preferences cannot be changed here.",
        { reason: 'read_only' },
      );
    const before = this.preferences;
    const next = changedPreferences(before, change);
    if (this.databasePath !== ':memory:') writePreferences(this.dataDir, next, this.fs);
    this.devicePreferences = next;
    for (const listener of this.preferenceListeners) {
      // the change is kept; what a listener does about it (a tray icon, a timer) cannot undo that
      try {
        listener(next, before);
      } catch (error) {
        console.error(`After a change of preferences: ${(error as Error).message}`);
      }
    }
    return next;
  }

  /** Calls `listener` after each change of this computer's preferences; returns a function that stops it. */
  onPreferencesChanged(listener: (next: DevicePreferences, before: DevicePreferences) => void): () => void {
    this.preferenceListeners.add(listener);
    return () => this.preferenceListeners.delete(listener);
  }

  historyChanged(tables: readonly string[]): void {
    if (tables.some((table) => table === 'settings' || table === 'presets' || table === 'decks'))
      this.settingsChanged();
  }

  settingsChanged(): void {
    const { rolloverHour } = readSettings(this.db, { rolloverHour: this.defaultRolloverHour });
    this.dayBoundary = { timeZone: this.dayBoundary.timeZone, rolloverHour };
    this.presetSchedulers.clear();
  }

  private openContext(holder: string): OpenContext {
    return {
      dataDir: this.dataDir,
      databasePath: this.databasePath,
      fs: this.fs,
      now: this.now(),
      timeZone: this.boundary.timeZone,
      holder,
      nativeBinding: this.nativeBinding,
    };
  }

  /**
   * Reads every page in a worker thread (all indexes too when `thorough`); damage found there is
   * handled like damage found any other way. Resolves with what was found, null when sound; rejects
   * when the check itself could not run. Meanwhile the collection is used as usual. A check already
   * running that reads at least as much answers for this one too.
   */
  checkInBackground(thorough = false): Promise<string | null> {
    const running = [...this.checks].find((check) => check.thorough || !thorough);
    if (running) return running.result;
    const worker = checkInWorker(this.databasePath, { thorough, nativeBinding: this.nativeBinding });
    const check = { thorough, cancel: worker.cancel, result: Promise.resolve<string | null>(null) };
    check.result = worker.result
      .then((damage) => {
        // a check cancelled meanwhile (the file was replaced or closed) says nothing about the new one
        if (damage && this.checks.has(check) && this.db.open) this.recoverFromDamage(damage);
        return damage;
      })
      .finally(() => this.checks.delete(check));
    this.checks.add(check);
    // a check that could not run (the collection closed meanwhile) says nothing about the file
    this.health = check.result.catch(() => null);
    return check.result;
  }

  /** Stops the checks under way: the file they read is being closed or replaced. */
  private cancelChecks(): void {
    for (const check of this.checks) check.cancel();
    this.checks.clear();
  }

  /** A full check on demand: every page and every index, in a worker; damage is recovered from. */
  async checkNow(): Promise<CollectionCheck> {
    const started = this.now();
    const problem = await this.checkInBackground(true);
    return {
      sound: problem === null,
      problem,
      notice: problem === null ? null : (this.recoveries.at(-1) ?? null),
      checkedAt: started,
    };
  }

  /**
   * The collection turned out damaged while open: the file is moved aside, the newest good backup
   * put in its place and opened, and the error says what happened (the notice stays for the home screen).
   */
  recoverFromDamage(reason: string): CueError {
    if (this.databasePath === ':memory:' || this.readOnly) {
      return new CueError('database', `The collection is damaged (${reason}).`);
    }
    this.cancelChecks();
    this.db.close();
    let notice: string;
    try {
      notice = recover(this.openContext('Cue'), reason);
    } finally {
      this.db = openCollectionDatabase(this.databasePath, { nativeBinding: this.nativeBinding });
      this.settingsChanged();
    }
    this.recoveries.push(notice);
    return new CueError('database', notice, { recovered: true });
  }

  /** Turns a failure of a handler into Cue's words, recovering first when the file proved damaged. */
  describeFailure(error: unknown): unknown {
    if (isDamage(error)) return this.recoverFromDamage((error as Error).message);
    return describeStorageError(error, `the collection in ${this.dataDir}`) ?? error;
  }

  now(): number {
    return this.clock();
  }

  close(): void {
    if (this.db?.open) this.sync.stop();
    this.cancelChecks();
    this.optimizeJobs.close();
    if (this.db.open) this.db.close();
    this.lock?.release();
    this.uploads.clear();
  }

  /**
   * What a running Cue does once it is up: waits for the background check, then makes today's
   * backup, but only of a collection the check found sound.
   */
  async maintenance(): Promise<string | null> {
    const damage = await (this.health ?? this.checkInBackground());
    if (damage !== null || !this.db.open) return null;
    return this.dailyBackup();
  }

  /**
   * A file that arrives as a stream (the web host's raw uploads), kept like one from files.upload; the
   * caller validates the name as the API table does.
   */
  receiveUpload(name: string, source: AsyncIterable<Uint8Array>): Promise<UploadedFile> {
    return this.uploads.receive(name, source);
  }

  /** Loads every *.md deck in the folder; a broken file is reported and skipped, the rest still load. */
  loadBundledDecks(dir: string): void {
    let files: string[];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort();
    } catch (error) {
      this.warnings.push(`Bundled decks could not be read from ${dir}: ${(error as Error).message}`);
      return;
    }
    for (const file of files) {
      const path = join(dir, file);
      try {
        const deck = parseDeck(readFileSync(path, 'utf8'), path);
        const result = syncDeck(this.db, deck, `bundled:${basename(file)}`, this.now());
        if (result.updated) this.notices.push(updateNotice(deck.name, deck.version, result));
      } catch (error) {
        if (!(error instanceof DeckSyntaxError)) throw error;
        this.warnings.push(`Deck file not loaded: ${error.message}`);
      }
    }
  }

  /**
   * Reads a file in any format Cue imports and applies it in one transaction, or only works out what
   * it would do (`dryRun`). Bad input is an invalid_input error naming the file and the place.
   */
  importFile(fileName: string, bytes: Uint8Array, options: ImportOptions): ImportSummary {
    try {
      const bundle = readImportFile(fileName, bytes, {
        deckName: options.deckName,
        mapping: options.mapping,
        boundary: this.boundary,
        cardsById: detectImportFormat(fileName, bytes) === 'revlog' ? this.cardsById() : undefined,
      });
      const context = {
        db: this.db,
        schedulerFor: (deckId: number) => this.schedulerFor(deckId),
        now: this.now(),
        mediaDir: this.mediaDir,
        fs: this.fs,
        onProgress: options.onProgress,
        beforeWrite: () => this.backupBeforeImport(),
        asStep: (label: () => string, write: () => void) => recordStep(this.db, this.now(), label, write),
      };
      const summary = importBundle(context, bundle, {
        dryRun: options.dryRun,
        rescheduleFromHistory: options.rescheduleFromHistory,
      });
      // a large write deserves a full check, indexes included; the person goes on meanwhile
      if (!options.dryRun && this.databasePath !== ':memory:') this.checkInBackground(true).catch(() => undefined);
      return summary;
    } catch (error) {
      if (!(error instanceof ImportError)) throw this.describeFailure(error);
      throw new CueError('invalid_input', error.message, { file: error.source.file, where: error.source.where });
    } finally {
      // an import may add presets (a preview adds them and rolls back): no scheduler of one outlives it
      this.presetsChanged();
    }
  }

  /** The database as it was, in backups/, before an import changes it. */
  private backupBeforeImport(): void {
    if (this.databasePath === ':memory:') return;
    safetyBackup(this.db, this.dataDir, 'before-import', this.now(), this.fs);
  }

  /** A deck or section as a file of the given format: its name and bytes. */
  exportFile(query: ExportQuery & { format: ExportFormat }): { fileName: string; data: Uint8Array } {
    if (query.includeRecordings && query.format !== 'apkg') {
      // the text formats carry no files, so a recording asked for would silently stay behind
      throw new CueError(
        'invalid_input',
        `Recordings travel only in an Anki package (apkg); a ${query.format} export is text and cannot carry them.`,
        { format: query.format },
      );
    }
    // a review history without its reviews would be only a header
    const deck = readExportDeck(this.db, this.mediaDir, {
      ...query,
      withHistory: query.withHistory || query.format === 'revlog',
    });
    const section = query.sectionId === undefined ? '' : `-${deck.sections[0].key}`;
    const data = writeExportFile(query.format, deck, { withHistory: query.withHistory, now: this.now() });
    return { fileName: `${deck.key}${section}${EXPORT_EXTENSIONS[query.format]}`, data };
  }

  private cardsById(): Map<string, { deckKey: string; sectionKey: string; key: string }> {
    const rows = this.db
      .prepare(
        `SELECT c.id, d.key AS deckKey, s.key AS sectionKey, c.key FROM cards c
         JOIN sections s ON s.id = c.section_id JOIN decks d ON d.id = c.deck_id`,
      )
      .all() as { id: number; deckKey: string; sectionKey: string; key: string }[];
    return new Map(rows.map(({ id, ...card }) => [String(id), card]));
  }

  /**
   * Checks the backup, then swaps it in: the collection is closed, the backup put in place (the replaced
   * files kept beside it), and the collection opened again on the same data folder. The lock stays held.
   */
  restoreFromBackup(file: string): RestoreResult {
    const checked = readBackup(join(this.backupsDir, file));
    this.cancelChecks();
    this.db.close();
    let kept: string | null;
    try {
      kept = restoreBackup(checked, this.dataDir, DATABASE_FILE, this.now(), this.fs);
    } finally {
      this.db = openCollectionDatabase(this.databasePath, {
        nativeBinding: this.nativeBinding,
        beforeMigrate: (db) => safetyBackup(db, this.dataDir, 'before-migration', this.now(), this.fs),
      });
    }
    // the restored collection brings its own settings (and its own history)
    this.settingsChanged();
    return { restored: file, replacedKeptIn: kept };
  }

  /** Writes a backup of the database and media to `file`. */
  backup(file: string): BackupManifest {
    return createBackup(this.db, this.mediaDir, file, this.now(), { fs: this.fs });
  }

  /** Today's automatic backup in <data>/backups, if there is none yet; the newest 14 are kept. */
  dailyBackup(): string | null {
    if (this.databasePath === ':memory:' || this.readOnly) return null;
    const today = dayToIsoDate(dayNumber(this.now(), this.boundary));
    return dailyBackup(this.db, this.dataDir, this.mediaDir, this.now(), today, this.fs);
  }
}

/** "Lead ML Engineer was updated (version 2): 3 cards changed, 1 added. 2 cards you edited keep your wording." */
export function updateNotice(name: string, version: number, result: SyncResult): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const changes = [
    result.cardsUpdated ? `${plural(result.cardsUpdated, 'card')} changed` : '',
    result.cardsAdded ? `${plural(result.cardsAdded, 'card')} added` : '',
  ].filter(Boolean);
  const kept = result.editsKept
    ? ` ${plural(result.editsKept, 'card')} you edited ${result.editsKept === 1 ? 'keeps' : 'keep'} your wording.`
    : '';
  return `${name} was updated (version ${version})${changes.length ? `: ${changes.join(', ')}` : ''}.${kept}`;
}
