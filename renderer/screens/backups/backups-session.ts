/**
 * The Backups screen's state: the list (with backups made here since it loaded), making one, checking
 * the collection, and a restore from its confirmation to its outcome.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CollectionCheck } from '../../../shared/domain';
import { CueError } from '../../../shared/errors';
import type { BackupInfo, RestoreResult } from '../../../shared/io';
import { call } from '../../lib/api-client';
import { useLoad } from '../../lib/use-load';

export type Stage =
  | { name: 'list' }
  | { name: 'restored'; backup: BackupInfo; result: RestoreResult }
  /** `unchanged`: Cue answered, and it checks a backup before it replaces anything. */
  | { name: 'failed'; backup: BackupInfo; error: unknown; unchanged: boolean };

export type Creating =
  | { name: 'idle' }
  | { name: 'busy' }
  | { name: 'done'; backup: BackupInfo }
  | { name: 'failed'; error: unknown };

export type Checking =
  | { name: 'idle' }
  | { name: 'busy' }
  | { name: 'done'; check: CollectionCheck }
  | { name: 'failed'; error: unknown };

/** The loaded list with backups made here since, newest first and each once. */
export function merged(loaded: BackupInfo[], made: BackupInfo[]): BackupInfo[] {
  const byFile = new Map<string, BackupInfo>();
  for (const backup of [...made, ...loaded]) byFile.set(backup.file, backup);
  return [...byFile.values()].sort((a, b) => b.createdAt - a.createdAt);
}

const loadBackups = () => call('backups.list', {});

export function useBackupsSession() {
  const { data, error, loading, reload } = useLoad(loadBackups);
  const [made, setMade] = useState<BackupInfo[]>([]);
  const [creating, setCreating] = useState<Creating>({ name: 'idle' });
  const [confirming, setConfirming] = useState<BackupInfo | null>(null);
  const [restoring, setRestoring] = useState(false);
  const [stage, setStage] = useState<Stage>({ name: 'list' });
  const [checking, setChecking] = useState<Checking>({ name: 'idle' });

  const checkNow = async () => {
    if (checking.name === 'busy') return;
    setChecking({ name: 'busy' });
    try {
      const check = await call('collection.check', {});
      setChecking({ name: 'done', check });
      // a damaged collection was replaced by a backup: the list and the decks show that one now
      if (!check.sound) reload();
    } catch (problem) {
      setChecking({ name: 'failed', error: problem });
    }
  };

  // The daily backup is made a few seconds after Cue starts: look again when the window comes back.
  useEffect(() => {
    window.addEventListener('focus', reload);
    return () => window.removeEventListener('focus', reload);
  }, [reload]);

  const backUpNow = async () => {
    if (creating.name === 'busy') return;
    setCreating({ name: 'busy' });
    try {
      const backup = await call('backups.create', {});
      setMade((list) => [backup, ...list]);
      setCreating({ name: 'done', backup });
    } catch (problem) {
      setCreating({ name: 'failed', error: problem });
    }
  };

  const restore = async (backup: BackupInfo) => {
    if (restoring) return;
    setRestoring(true);
    try {
      const result = await call('backups.restore', { file: backup.file });
      setStage({ name: 'restored', backup, result });
    } catch (problem) {
      setStage({ name: 'failed', backup, error: problem, unchanged: problem instanceof CueError });
    } finally {
      setRestoring(false);
      setConfirming(null);
    }
  };

  const showList = useCallback(() => {
    setStage({ name: 'list' });
    setCreating({ name: 'idle' });
    setMade([]);
    reload();
  }, [reload]);

  return {
    backups: data ? merged(data, made) : undefined,
    error,
    loading,
    reload,
    creating,
    backUpNow,
    checking,
    checkNow,
    confirming,
    setConfirming,
    restoring,
    restore,
    stage,
    showList,
  };
}
