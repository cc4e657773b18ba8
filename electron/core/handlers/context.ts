/**
 * What every feature's handlers are built from: the part of the collection they use (Collection
 * implements it), and the types that tie each handler to its method in the API table.
 */
import type { ApiOutput, ApiParsedInput, MethodName } from '../../../shared/api';
import type { CollectionCheck } from '../../../shared/domain';
import type { ExportedFile, ImportSummary, RestoreResult } from '../../../shared/io';
import type { DevicePreferences, DevicePreferencesChange } from '../../../shared/preferences';
import type { PresetOptions } from '../../../shared/presets';
import type { Db } from '../database';
import type { DayBoundary } from '../days';
import type { FileSystem } from '../file-system';
import type { ImportOptions } from '../io/apply-import';
import type { BackupManifest } from '../io/backup';
import type { ExportQuery } from '../io/export-collection';
import type { ExportFormat } from '../io/file-formats';
import type { Uploads } from '../io/uploads';
import type { OptimizeJobs } from '../optimize/optimize-jobs';
import type { Scheduler } from '../scheduler';
import type { SyncRunner } from '../sync/sync-runner';

export type Handler<M extends MethodName> = (input: ApiParsedInput<M>) => ApiOutput<M>;
export type HandlerTable<M extends MethodName> = { [K in M]: Handler<K> };
/** One handler for every method of the API table. */
export type Handlers = HandlerTable<MethodName>;

/**
 * The collection as its handlers see it. Handlers read these at each call, never once when built:
 * a restore or a recovery replaces `db`.
 */
export interface HandlerContext {
  readonly db: Db;
  readonly scheduler: Scheduler;
  readonly boundary: DayBoundary;
  readonly dataDir: string;
  readonly databasePath: string;
  readonly mediaDir: string;
  readonly backupsDir: string;
  readonly fs: FileSystem;
  readonly warnings: readonly string[];
  readonly notices: readonly string[];
  readonly recoveries: readonly string[];
  readonly uploads: Uploads;
  /** FSRS optimisations running or finished in this run of Cue. */
  readonly optimizeJobs: OptimizeJobs;
  now(): number;
  /** The scheduler a deck's cards are answered with: its preset's options, in the collection's day. */
  schedulerFor(deckId: number): Scheduler;
  /** A scheduler for these options (a preset's, or ones being tried), in the collection's day. */
  schedulerWith(options: PresetOptions): Scheduler;
  /** Presets or their assignment changed: answers from now on are scheduled with what they say. */
  presetsChanged(): void;
  /** The collection's settings changed (the day's start hour). */
  settingsChanged(): void;
  /** An undo or a redo put rows back in these tables: what is kept from them (schedulers, the day's start) is read again. */
  historyChanged(tables: readonly string[]): void;
  /** This computer's preferences (theme, reminders), kept beside the collection. */
  readonly preferences: DevicePreferences;
  /** Applies and keeps a change of this computer's preferences; returns them as they now are. */
  setPreferences(change: DevicePreferencesChange): DevicePreferences;
  importFile(fileName: string, bytes: Uint8Array, options: ImportOptions): ImportSummary;
  exportFile(query: ExportQuery & { format: ExportFormat }): Pick<ExportedFile, 'fileName'> & { data: Uint8Array };
  backup(file: string): BackupManifest;
  restoreFromBackup(file: string): RestoreResult;
  checkNow(): Promise<CollectionCheck>;
  /** Sync through a folder: this computer's identity, the folder chosen, merges. */
  readonly sync: SyncRunner;
}

/**
 * A feature's part of the table, typed by the methods it is named after: a name the API table does
 * not have, or a handler whose input or output does not match its method, does not compile.
 */
export function feature<M extends MethodName>(handlers: HandlerTable<M>): HandlerTable<M> {
  return handlers;
}

/** What queries over many cards need (statistics, search), with the clock read once. */
export function readContext(core: Pick<HandlerContext, 'db' | 'scheduler' | 'boundary' | 'now'>) {
  return { db: core.db, scheduler: core.scheduler, boundary: core.boundary, now: core.now() };
}
