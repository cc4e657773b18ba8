/** How the Backups screen names a backup: its kind, in a list and in a sentence, and its moment. */
import type { BackupKind } from '../../../shared/io';

export const KIND_LABELS: Record<BackupKind, string> = {
  daily: 'Daily',
  manual: 'Manual',
  'before-import': 'Before an import',
  'before-migration': 'Before an update of Cue',
};

/** How the restore dialog names a backup: "the daily backup from …". */
export const KIND_PHRASES: Record<BackupKind, string> = {
  daily: 'daily backup',
  manual: 'manual backup',
  'before-import': 'backup made before an import',
  'before-migration': 'backup made before an update of Cue',
};

/** Cue makes these of the database alone: imports only add media, updates never touch them. */
export const databaseOnly = (kind: BackupKind) => kind === 'before-import' || kind === 'before-migration';

/** A backup's moment in the user's locale, e.g. "Tue, 2 Jun 2026, 10:00". */
export function backupDate(ms: number): string {
  return new Date(ms).toLocaleString([], {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
