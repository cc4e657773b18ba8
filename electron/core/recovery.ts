/**
 * What Cue does with a damaged collection: the damaged files are moved aside (never deleted) into a
 * folder named after the moment, and the newest backup whose database passes the integrity check is
 * put in their place. The media folder stays as it is (a damaged database does not damage images);
 * files only the backup has are added. The notice says what happened, what is missing since the
 * backup, and where the damaged file is.
 */
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import Database from 'better-sqlite3';
import { type FileSystem, writing } from './file-system';
import { type CheckedBackup, databaseFiles, listBackups, readBackup, unusedPath } from './io/backup';

export interface RecoveryContext {
  dataDir: string;
  databasePath: string;
  fs: FileSystem;
  now: number;
  timeZone: string;
  /** What is wrong with the file, in words ("the file is empty (0 bytes)"). */
  reason: string;
  nativeBinding?: string;
}

export interface Recovery {
  notice: string;
  /** The folder the damaged files were moved to. */
  movedTo: string;
  /** The backup restored, or null when none passed the check (Cue then starts a new collection). */
  restored: string | null;
}

export function recoverDamagedCollection(ctx: RecoveryContext): Recovery {
  const stamp = new Date(ctx.now).toISOString().replace(/[:.]/g, '-');
  const movedTo = unusedPath(join(ctx.dataDir, `damaged-${stamp}`));
  writing(`the damaged collection aside into ${movedTo}`, () => {
    ctx.fs.mkdir(movedTo);
    for (const path of databaseFiles(ctx.databasePath)) {
      if (existsSync(path)) ctx.fs.rename(path, join(movedTo, basename(path)));
    }
  });
  const found = newestGoodBackup(join(ctx.dataDir, 'backups'));
  const file = basename(ctx.databasePath);
  const what = `Cue found its collection damaged: ${ctx.reason}.`;
  const where = `The damaged file was kept in ${movedTo}.`;
  if (!found) {
    return {
      movedTo,
      restored: null,
      notice: `${what} No backup could be restored, so Cue started a new, empty collection. ${where}`,
    };
  }
  writing(`the restored collection in ${ctx.dataDir}`, () => putInPlace(found.backup, ctx));
  const when = formatMoment(found.backup.manifest.createdAt, ctx.timeZone);
  const lost = changesSince(join(movedTo, file), found.backup.manifest.createdAt, ctx.nativeBinding);
  return {
    movedTo,
    restored: found.file,
    notice: `${what} Cue restored the backup of ${when} (${found.file}). ${lost} ${where}`,
  };
}

function newestGoodBackup(dir: string): { file: string; backup: CheckedBackup } | null {
  for (const { file } of listBackups(dir)) {
    try {
      return { file, backup: readBackup(join(dir, file)) };
    } catch {
      // a damaged backup is passed over; the next older one may be sound
    }
  }
  return null;
}

function putInPlace(backup: CheckedBackup, ctx: RecoveryContext): void {
  ctx.fs.writeFile(ctx.databasePath, backup.database);
  const mediaDir = join(ctx.dataDir, 'media');
  ctx.fs.mkdir(mediaDir);
  for (const [name, data] of backup.media) {
    if (!existsSync(join(mediaDir, name))) ctx.fs.writeFile(join(mediaDir, name), data);
  }
}

/** What the damaged file still says happened after the backup, as far as it can be read. */
function changesSince(damagedPath: string, since: number, nativeBinding?: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(damagedPath, { readonly: true, fileMustExist: true, nativeBinding });
    const answers = db.prepare('SELECT count(*) FROM reviews WHERE reviewed_at > ?').pluck().get(since) as number;
    const edited = db.prepare('SELECT count(*) FROM cards WHERE updated_at > ?').pluck().get(since) as number;
    if (answers === 0 && edited === 0) return 'The damaged file shows no answers or edits made after it.';
    return `The damaged file shows ${answers} answer${answers === 1 ? '' : 's'} and ${edited} changed card${edited === 1 ? '' : 's'} after it, which the restored collection does not have.`;
  } catch {
    return 'What changed after it could not be read from the damaged file: answers and edits made since then are missing.';
  } finally {
    db?.close();
  }
}

function formatMoment(at: number, timeZone: string): string {
  return new Date(at).toLocaleString('en-GB', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
}
