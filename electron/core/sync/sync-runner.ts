/**
 * Sync as a running Cue does it: the folder chosen (kept in sync.json beside the collection), a merge
 * at start, a write of this device's changes shortly after they are made, a merge when the folder
 * changes (a watcher, debounced: a sync tool writes a file in several steps) and on demand. The timers
 * run only where `start` was called (the desktop app, `cue serve`); a command-line run merges once.
 */
import { existsSync, type FSWatcher, mkdirSync, realpathSync, watch } from 'node:fs';
import { relative, resolve } from 'node:path';
import { CueError } from '../../../shared/errors';
import type { SyncConflict, SyncJoinPreview, SyncSnapshotResult, SyncStatus } from '../../../shared/sync';
import { cachedStatement } from '../database';
import { type DeviceIdentity, readIdentity, writeIdentity } from './device-identity';
import { hlcTime, parseHlc } from './hlc';
import {
  flushChanges,
  type MergeReport,
  mergeFolder,
  ownSegmentsAhead,
  previewJoin,
  type SyncCore,
  syncStatus,
  writeSnapshot,
} from './sync-engine';
import { writeState } from './sync-state';

export interface SyncRunnerCore extends SyncCore {
  readonly dataDir: string;
  readonly readOnly: boolean;
}

/** How long after a change it is written, and after the folder changes that it is merged. */
export const FLUSH_DELAY_MS = 3_000;
export const WATCH_DELAY_MS = 1_500;

export class SyncRunner {
  private identity: DeviceIdentity | null = null;
  private watcher: FSWatcher | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private mergeTimer: NodeJS.Timeout | null = null;
  private started = false;
  /** Told after each merge that changed something (the UI reloads what it shows). */
  onMerged: ((report: MergeReport) => void) | null = null;

  constructor(private readonly core: SyncRunnerCore) {}

  private get id(): DeviceIdentity {
    this.identity ??= readIdentity(this.core.dataDir);
    return this.identity;
  }

  get folder(): string | null {
    return this.id.folder;
  }

  status(): SyncStatus {
    return syncStatus(this.core.db, this.folder, this.id.device);
  }

  /** What choosing `folder` would do; nothing is made or written, not even the folder. */
  preview(folder: string): SyncJoinPreview {
    return previewJoin(this.core.db, this.checkedFolder(folder, false), this.id.device);
  }

  /** Chooses the folder (null: stop syncing; the folder keeps what was written) and merges at once. */
  setFolder(folder: string | null): SyncStatus {
    const chosen = folder === null ? null : this.checkedFolder(folder);
    this.identity = { ...this.id, folder: chosen };
    writeIdentity(this.core.dataDir, this.identity);
    this.unwatch();
    if (chosen === null) return this.status();
    if (this.started) this.watchFolder();
    return this.mergeNow();
  }

  /** Writes this device's changes, then merges every other device's; the problem, if any, is kept for the status. */
  mergeNow(): SyncStatus {
    const folder = this.folder;
    if (folder === null) {
      throw new CueError(
        'invalid_input',
        'No sync folder is chosen on this computer: choose one first (cue sync --folder DIR).',
      );
    }
    if (!existsSync(folder)) {
      this.keepProblem(`The sync folder ${folder} is not there (a drive not mounted?); nothing was merged.`);
      return this.status();
    }
    try {
      if (ownSegmentsAhead(this.core.db, folder, this.id.device)) mergeFolder(this.core, folder, this.id.device, true);
      flushChanges(this.core, folder, this.id.device);
      const report = mergeFolder(this.core, folder, this.id.device);
      // what merging changed is this device's to write only if it was its own change: it is not
      this.keepProblem(null);
      if (report.merged > 0) this.onMerged?.(report);
    } catch (error) {
      this.keepProblem(`The last sync stopped: ${(error as Error).message}`);
      throw error;
    }
    return this.status();
  }

  /** This device's changes written to the folder now (what the timer does a few seconds after a change). */
  flush(): void {
    const folder = this.folder;
    if (!folder || !existsSync(folder)) return;
    if (ownSegmentsAhead(this.core.db, folder, this.id.device)) mergeFolder(this.core, folder, this.id.device, true);
    flushChanges(this.core, folder, this.id.device);
  }

  snapshot(): SyncSnapshotResult {
    const folder = this.folder;
    if (folder === null) throw new CueError('invalid_input', 'No sync folder is chosen on this computer.');
    return writeSnapshot(this.core, folder, this.id.device);
  }

  conflicts(cardId: number | undefined, limit: number): SyncConflict[] {
    const rows = cachedStatement(
      this.core.db,
      `SELECT * FROM sync_conflicts WHERE (@cardId IS NULL OR card_id = @cardId) ORDER BY id DESC LIMIT @limit`,
    ).all({ cardId: cardId ?? null, limit }) as {
      id: number;
      entity: string;
      gid: string;
      card_id: number | null;
      field: string;
      value: string;
      clock: string;
      reason: 'later-edit' | 'deleted';
      kept_at: number;
    }[];
    return rows.map((row) => ({
      id: row.id,
      entity: row.entity,
      gid: row.gid,
      cardId: row.card_id,
      field: row.field,
      value: JSON.parse(row.value) as unknown,
      device: parseHlc(row.clock)?.device ?? '',
      at: hlcTime(row.clock),
      reason: row.reason,
      keptAt: row.kept_at,
    }));
  }

  /** A running Cue: merge now, then after changes here and in the folder. */
  start(): void {
    if (this.started || this.core.readOnly) return;
    this.started = true;
    if (this.folder === null) return;
    this.watchFolder();
    this.quietly(() => this.mergeNow());
  }

  /** A change was made here: written to the folder a little later, with whatever follows it. */
  changed(): void {
    if (!this.started || this.folder === null || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = null;
      this.quietly(() => this.flush());
    }, FLUSH_DELAY_MS);
    this.flushTimer.unref();
  }

  /**
   * Before the collection closes: what is not written yet is written, by a command-line run too, so
   * that a change's clock is when it was made, not when Cue next ran.
   */
  stop(): void {
    this.unwatch();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    // (only where sync was used in this run: the identity is not read, nor made, just to close)
    if (!this.core.readOnly && this.core.db.open && this.identity?.folder) this.quietly(() => this.flush());
    this.started = false;
  }

  private watchFolder(): void {
    const folder = this.folder;
    if (!folder || !existsSync(folder)) return;
    try {
      this.watcher = watch(folder, { recursive: true }, () => this.folderChanged());
      this.watcher.on('error', () => this.unwatch());
    } catch {
      // a file system without change events (some network drives): merges run at start and on demand
      this.watcher = null;
    }
  }

  private folderChanged(): void {
    if (this.mergeTimer) clearTimeout(this.mergeTimer);
    this.mergeTimer = setTimeout(() => {
      this.mergeTimer = null;
      if (this.core.db.open) this.quietly(() => this.mergeNow());
    }, WATCH_DELAY_MS);
    this.mergeTimer.unref();
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
    if (this.mergeTimer) clearTimeout(this.mergeTimer);
    this.mergeTimer = null;
  }

  /** A background sync that fails keeps its problem for the status; it never takes the app down. */
  private quietly(run: () => unknown): void {
    try {
      run();
    } catch (error) {
      try {
        this.keepProblem(`The last sync stopped: ${(error as Error).message}`);
      } catch {
        // the collection itself cannot be written: the status says so when next asked
      }
    }
  }

  private keepProblem(problem: string | null): void {
    this.core.db.transaction(() => writeState(this.core.db, 'problem', problem))();
  }

  /** An absolute folder, made if missing, never inside the data folder (a backup or restore would copy it). */
  private checkedFolder(folder: string, make = true): string {
    const absolute = resolve(folder);
    const data = resolve(this.core.dataDir);
    const inside = relative(data, absolute);
    if (inside === '' || (!inside.startsWith('..') && !inside.startsWith('/'))) {
      throw new CueError(
        'invalid_input',
        `The sync folder cannot be inside Cue's data folder (${data}): choose a folder your sync tool keeps in step.`,
        { folder },
      );
    }
    if (!make && !existsSync(absolute)) return absolute;
    try {
      mkdirSync(absolute, { recursive: true });
      return realpathSync(absolute);
    } catch (error) {
      throw new CueError(
        'invalid_input',
        `The sync folder ${absolute} cannot be made or opened (${(error as Error).message}).`,
        {
          folder,
        },
      );
    }
  }
}
