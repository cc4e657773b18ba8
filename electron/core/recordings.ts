/**
 * Recordings of spoken answers: audio files in the collection's media folder, one row each in
 * `recordings`. Saving writes the file first (through a temporary name) and the row after it, deleting
 * removes both in one step, so a row never points at a file that was never written.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CueError } from '../../shared/errors';
import {
  MAX_RECORDING_BYTES,
  MAX_RECORDING_MS,
  type Recording,
  type RecordingDeleted,
  type RecordingType,
} from '../../shared/recordings';
import { cachedStatement, type Db } from './database';
import { type FileSystem, writing } from './file-system';
import { writeMediaFile } from './media-files';
import { findCard } from './review-log';

const EXTENSIONS: Record<RecordingType, string> = { 'audio/webm': '.webm', 'audio/ogg': '.ogg' };
/** The first bytes of each container: EBML's magic number, and an Ogg page's capture pattern. */
const MAGIC: Record<RecordingType, number[]> = {
  'audio/webm': [0x1a, 0x45, 0xdf, 0xa3],
  'audio/ogg': [0x4f, 0x67, 0x67, 0x53],
};

export interface RecordingFile {
  cardId: number;
  mimeType: RecordingType;
  durationMs: number;
  bytes: Uint8Array;
}

interface RecordingRow {
  id: number;
  card_id: number;
  file_name: string;
  mime_type: RecordingType;
  duration_ms: number;
  size: number;
  created_at: number;
}

const COLUMNS = 'id, card_id, file_name, mime_type, duration_ms, size, created_at';

function toRecording(row: RecordingRow): Recording {
  return {
    id: row.id,
    cardId: row.card_id,
    fileName: row.file_name,
    mimeType: row.mime_type,
    durationMs: row.duration_ms,
    size: row.size,
    createdAt: row.created_at,
  };
}

/** Refuses what is not a recording Cue keeps: empty, too large, too long, or not the container it claims. */
export function checkRecording(file: RecordingFile): void {
  const { bytes, mimeType, durationMs } = file;
  if (bytes.length === 0) throw new CueError('invalid_input', 'The recording is empty: nothing was heard.');
  if (bytes.length > MAX_RECORDING_BYTES) {
    throw new CueError('invalid_input', `A recording may be up to ${MAX_RECORDING_BYTES / 1024 / 1024} MB.`, {
      size: bytes.length,
      limit: MAX_RECORDING_BYTES,
    });
  }
  if (durationMs > MAX_RECORDING_MS) {
    throw new CueError('invalid_input', `A recording may be up to ${MAX_RECORDING_MS / 60_000} minutes long.`);
  }
  if (!MAGIC[mimeType].every((byte, at) => bytes[at] === byte)) {
    throw new CueError('invalid_input', `The recording is not ${mimeType}: its first bytes are not that format's.`, {
      mimeType,
    });
  }
}

/** `cue-recording-<card>-<time>.webm`, with `-2`, `-3`… in the rare case two land in one millisecond. */
function freeName(db: Db, mediaDir: string, cardId: number, now: number, extension: string): string {
  const taken = (name: string) =>
    existsSync(join(mediaDir, name)) || Boolean(db.prepare('SELECT 1 FROM recordings WHERE file_name = ?').get(name));
  const stem = `cue-recording-${cardId}-${now}`;
  let name = `${stem}${extension}`;
  for (let n = 2; taken(name); n++) name = `${stem}-${n}${extension}`;
  return name;
}

/** Keeps a recording of `file.cardId`'s answer; the card must exist. */
export function saveRecording(db: Db, mediaDir: string, fs: FileSystem, file: RecordingFile, now: number): Recording {
  findCard(db, file.cardId);
  checkRecording(file);
  const fileName = freeName(db, mediaDir, file.cardId, now, EXTENSIONS[file.mimeType]);
  writing(`the recording ${fileName} into ${mediaDir}`, () => writeMediaFile(mediaDir, fileName, file.bytes, fs));
  try {
    const { lastInsertRowid } = db
      .prepare(
        'INSERT INTO recordings (card_id, file_name, mime_type, duration_ms, size, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(file.cardId, fileName, file.mimeType, Math.round(file.durationMs), file.bytes.length, now);
    return findRecording(db, Number(lastInsertRowid));
  } catch (error) {
    fs.remove(join(mediaDir, fileName));
    throw error;
  }
}

export function findRecording(db: Db, recordingId: number): Recording {
  const row = cachedStatement(db, `SELECT ${COLUMNS} FROM recordings WHERE id = ?`).get(recordingId) as
    | RecordingRow
    | undefined;
  if (!row) throw new CueError('not_found', `There is no recording ${recordingId}.`, { recordingId });
  return toRecording(row);
}

/** A card's recordings, newest first. */
export function listRecordings(db: Db, cardId: number): Recording[] {
  findCard(db, cardId);
  const rows = cachedStatement(
    db,
    `SELECT ${COLUMNS} FROM recordings WHERE card_id = ? ORDER BY created_at DESC, id DESC`,
  ).all(cardId) as RecordingRow[];
  return rows.map(toRecording);
}

/**
 * Removes a recording's row and its file in one step: the row goes in a transaction that rolls back if
 * the disk refuses to remove the file. A file already gone is said in the answer, not an error.
 */
export function deleteRecording(db: Db, mediaDir: string, fs: FileSystem, recordingId: number): RecordingDeleted {
  return db.transaction(() => {
    const { fileName } = findRecording(db, recordingId);
    db.prepare('DELETE FROM recordings WHERE id = ?').run(recordingId);
    const path = join(mediaDir, fileName);
    const fileMissing = !existsSync(path);
    if (!fileMissing) writing(`the media folder ${mediaDir}`, () => fs.remove(path));
    return { recordingId, fileMissing };
  })();
}

/** The recordings of these cards with their bytes, for an export that asks for them; missing files are left out. */
export function recordingFiles(db: Db, mediaDir: string, cardIds: number[]): Map<number, Map<string, Uint8Array>> {
  const byCard = new Map<number, Map<string, Uint8Array>>();
  const statement = cachedStatement(db, 'SELECT file_name FROM recordings WHERE card_id = ? ORDER BY created_at, id');
  for (const cardId of cardIds) {
    const files = new Map<string, Uint8Array>();
    for (const name of statement.pluck().all(cardId) as string[]) {
      const path = join(mediaDir, name);
      if (existsSync(path)) files.set(name, readFileSync(path));
    }
    if (files.size) byCard.set(cardId, files);
  }
  return byCard;
}
