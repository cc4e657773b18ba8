/**
 * The Sync screen's state: the status, asked again every few seconds while the screen is open (a merge
 * runs by itself when the folder changes) and right after each action; choosing a folder, from its preview
 * to joining; and the actions of a synced computer (merge now, write a snapshot, stop syncing).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SyncConflict, SyncJoinPreview, SyncSnapshotResult, SyncStatus } from '../../../shared/sync';
import { call } from '../../lib/api-client';
import { fileSize } from '../../lib/file-transfer';
import { plural } from '../../lib/format';
import { useLoad } from '../../lib/use-load';

/** How often the open screen asks for the status. */
export const POLL_MS = 3000;
/** The kept conflicts listed (newest first); the count says how many there are in all. */
export const CONFLICTS_SHOWN = 50;

export type Join =
  | { name: 'editing' }
  | { name: 'previewing'; folder: string }
  | { name: 'preview'; preview: SyncJoinPreview }
  | { name: 'joining'; preview: SyncJoinPreview }
  | { name: 'failed'; step: 'preview' | 'join'; error: unknown };

export type SyncAction = 'merge' | 'snapshot' | 'stop' | 'join';

export type Outcome =
  | { name: 'idle' }
  | { name: 'busy'; action: SyncAction }
  | { name: 'done'; action: SyncAction; text: string }
  | { name: 'failed'; action: SyncAction; error: unknown };

/** What "Merge now" did, from the status before and after it. */
export function mergeOutcome(before: SyncStatus | undefined, after: SyncStatus): string {
  if (after.problem) return `The merge did not finish: ${after.problem}`;
  const merged = Math.max(0, after.eventsMerged - (before?.eventsMerged ?? after.eventsMerged));
  const read =
    merged === 0 ? 'Nothing new from other devices' : `Merged ${plural(merged, 'change')} from other devices`;
  const waiting = after.pending === 0 ? 'nothing waits' : `${plural(after.pending, 'change')} still wait`;
  return `${read}; this computer's changes are written to the folder, ${waiting}.`;
}

export function snapshotOutcome(result: SyncSnapshotResult): string {
  return `Wrote a snapshot of the collection: ${result.file} (${fileSize(result.bytes)}, ${plural(result.events, 'record')}).`;
}

export function joinOutcome(status: SyncStatus): string {
  return `Cue now syncs through ${status.folder}.`;
}

export const STOP_OUTCOME = 'Cue no longer syncs on this computer. The folder keeps everything written to it.';

/**
 * Answers of the status that arrive out of order (a poll sent before an action, answered after it) are
 * dropped: each request has a number, and only an answer newer than the one shown is taken.
 */
function useLatestStatus() {
  const [status, setStatus] = useState<SyncStatus>();
  const [error, setError] = useState<unknown>(null);
  const [now, setNow] = useState(() => Date.now());
  const sent = useRef(0);
  const shown = useRef(0);
  const polling = useRef(false);

  /** Takes a status answered to request `ticket`, unless a newer one is shown already. */
  const take = useCallback((ticket: number, next: SyncStatus) => {
    if (ticket < shown.current) return;
    shown.current = ticket;
    setStatus(next);
    setError(null);
    setNow(Date.now());
  }, []);

  const ticket = useCallback(() => ++sent.current, []);

  const refresh = useCallback(async () => {
    // one poll at a time: a slow host is not asked again before it has answered
    if (polling.current) return;
    polling.current = true;
    const mine = ticket();
    try {
      take(mine, await call('sync.status', {}));
    } catch (problem) {
      if (mine >= shown.current) setError(problem);
    } finally {
      polling.current = false;
    }
  }, [take, ticket]);

  return { status, error, now, take, ticket, refresh };
}

export function useSyncSession() {
  const { status, error, now, take, ticket, refresh } = useLatestStatus();
  const [folderText, setFolderText] = useState('');
  const [join, setJoin] = useState<Join>({ name: 'editing' });
  const [outcome, setOutcome] = useState<Outcome>({ name: 'idle' });
  const [confirmingStop, setConfirmingStop] = useState(false);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), POLL_MS);
    window.addEventListener('focus', refresh);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener('focus', refresh);
    };
  }, [refresh]);

  const conflictCount = status?.folder ? status.conflicts : 0;
  const conflicts = useLoad<SyncConflict[]>(
    async () => (conflictCount === 0 ? [] : call('sync.conflicts', { limit: CONFLICTS_SHOWN })),
    String(conflictCount),
  );

  /** A new folder typed: a preview of another folder no longer stands. */
  const editFolder = (text: string) => {
    setFolderText(text);
    if (join.name === 'preview' || join.name === 'failed') setJoin({ name: 'editing' });
  };

  const previewFolder = async () => {
    if (join.name === 'previewing' || join.name === 'joining') return;
    const folder = folderText.trim();
    if (folder === '') return;
    setOutcome({ name: 'idle' });
    setJoin({ name: 'previewing', folder });
    try {
      setJoin({ name: 'preview', preview: await call('sync.preview', { folder }) });
    } catch (problem) {
      setJoin({ name: 'failed', step: 'preview', error: problem });
    }
  };

  const joinFolder = async () => {
    if (join.name !== 'preview') return;
    const { preview } = join;
    setJoin({ name: 'joining', preview });
    setOutcome({ name: 'busy', action: 'join' });
    const mine = ticket();
    try {
      const next = await call('sync.setFolder', { folder: preview.folder });
      take(mine, next);
      setJoin({ name: 'editing' });
      setFolderText('');
      setOutcome({ name: 'done', action: 'join', text: joinOutcome(next) });
    } catch (problem) {
      setJoin({ name: 'failed', step: 'join', error: problem });
      setOutcome({ name: 'idle' });
      void refresh();
    }
  };

  const cancelPreview = () => setJoin({ name: 'editing' });

  const busy = outcome.name === 'busy';

  const mergeNow = async () => {
    if (busy) return;
    setOutcome({ name: 'busy', action: 'merge' });
    const before = status;
    const mine = ticket();
    try {
      const next = await call('sync.mergeNow', {});
      take(mine, next);
      setOutcome({ name: 'done', action: 'merge', text: mergeOutcome(before, next) });
    } catch (problem) {
      setOutcome({ name: 'failed', action: 'merge', error: problem });
      void refresh();
    }
  };

  const writeSnapshot = async () => {
    if (busy) return;
    setOutcome({ name: 'busy', action: 'snapshot' });
    try {
      const result = await call('sync.snapshot', {});
      setOutcome({ name: 'done', action: 'snapshot', text: snapshotOutcome(result) });
    } catch (problem) {
      setOutcome({ name: 'failed', action: 'snapshot', error: problem });
    }
    void refresh();
  };

  const stopSyncing = async () => {
    if (busy) return;
    setOutcome({ name: 'busy', action: 'stop' });
    const mine = ticket();
    try {
      take(mine, await call('sync.setFolder', { folder: null }));
      setOutcome({ name: 'done', action: 'stop', text: STOP_OUTCOME });
    } catch (problem) {
      setOutcome({ name: 'failed', action: 'stop', error: problem });
      void refresh();
    } finally {
      setConfirmingStop(false);
    }
  };

  return {
    status,
    error,
    now,
    refresh,
    conflicts: conflicts.data,
    folderText,
    editFolder,
    join,
    previewFolder,
    joinFolder,
    cancelPreview,
    outcome,
    busy,
    mergeNow,
    writeSnapshot,
    confirmingStop,
    setConfirmingStop,
    stopSyncing,
  };
}

export type SyncSession = ReturnType<typeof useSyncSession>;
