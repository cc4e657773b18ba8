/**
 * Backups and the collection's health: the list, a backup now, a restore, and a full check (which
 * restores the newest good backup when it finds the file damaged), as the Backups screen offers them.
 */
import { join } from 'node:path';
import type { BackupInfo } from '../../../shared/io';
import { writing } from '../file-system';
import { backupName, listBackups } from '../io/backup';
import { feature, type HandlerContext } from './context';

export type BackupsContext = Pick<
  HandlerContext,
  'backupsDir' | 'fs' | 'now' | 'backup' | 'restoreFromBackup' | 'checkNow'
>;

export function backupHandlers(core: BackupsContext) {
  return feature({
    'backups.list': () => listBackups(core.backupsDir),
    'backups.create': () => createManualBackup(core),
    'backups.restore': ({ file }) => core.restoreFromBackup(file),
    'collection.check': () => core.checkNow(),
  });
}

function createManualBackup(core: BackupsContext): BackupInfo {
  writing(`the backups folder ${core.backupsDir}`, () => core.fs.mkdir(core.backupsDir));
  const file = backupName('manual', core.now());
  core.backup(join(core.backupsDir, file));
  return listBackups(core.backupsDir).find((b) => b.file === file) as BackupInfo;
}
