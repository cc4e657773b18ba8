/** The Backups screen's list: what Cue loaded, with the backups made on the screen since, and their names. */
import { describe, expect, it } from 'vitest';
import { databaseOnly, KIND_LABELS, KIND_PHRASES } from '../../renderer/screens/backups/backup-words';
import { merged } from '../../renderer/screens/backups/backups-session';
import type { BackupInfo } from '../../shared/io';

const backup = (file: string, createdAt: number, kind: BackupInfo['kind'] = 'daily'): BackupInfo => ({
  file,
  createdAt,
  kind,
  size: 1000,
});

describe('the backup list', () => {
  it('shows the backups made here since it loaded, newest first and each once', () => {
    const loaded = [backup('daily-2', 2000), backup('daily-1', 1000)];
    const made = [backup('manual-4', 4000, 'manual'), backup('manual-3', 3000, 'manual')];
    expect(merged(loaded, made).map((b) => b.file)).toEqual(['manual-4', 'manual-3', 'daily-2', 'daily-1']);
    // after a reload the list has it too: it is there once
    expect(merged([made[0], ...loaded], made).map((b) => b.file)).toEqual([
      'manual-4',
      'manual-3',
      'daily-2',
      'daily-1',
    ]);
    expect(merged([], [])).toEqual([]);
  });

  it('names every kind, and says which hold the database alone', () => {
    const kinds: BackupInfo['kind'][] = ['daily', 'manual', 'before-import', 'before-migration'];
    for (const kind of kinds) {
      expect(KIND_LABELS[kind]).toBeTruthy();
      expect(KIND_PHRASES[kind]).toMatch(/backup/);
    }
    expect(kinds.filter(databaseOnly)).toEqual(['before-import', 'before-migration']);
  });
});
