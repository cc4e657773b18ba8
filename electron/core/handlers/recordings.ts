/**
 * Spoken answers: save an uploaded recording, list and delete a card's. Arming the microphone is the
 * desktop shell's business (electron/ipc.ts answers it there); anywhere else nothing is armed, and a
 * browser asks the person itself.
 */
import { readFileSync } from 'node:fs';
import { CueError } from '../../../shared/errors';
import { MAX_RECORDING_BYTES } from '../../../shared/recordings';
import { deleteRecording, listRecordings, saveRecording } from '../recordings';
import { feature, type HandlerContext } from './context';

export type RecordingsContext = Pick<HandlerContext, 'db' | 'mediaDir' | 'fs' | 'uploads' | 'now'>;

const NOT_ARMED = { armed: false, expiresInMs: 0 };

export function recordingHandlers(core: RecordingsContext) {
  return feature({
    'recordings.save': ({ cardId, upload, mimeType, durationMs }) => {
      const file = core.uploads.get(upload);
      // refused before it is read: the web host takes uploads far larger than any recording
      if (file.size > MAX_RECORDING_BYTES) {
        throw new CueError('invalid_input', `A recording may be up to ${MAX_RECORDING_BYTES / 1024 / 1024} MB.`, {
          size: file.size,
          limit: MAX_RECORDING_BYTES,
        });
      }
      const bytes = readFileSync(file.path);
      const saved = saveRecording(core.db, core.mediaDir, core.fs, { cardId, mimeType, durationMs, bytes }, core.now());
      core.uploads.remove(upload);
      return saved;
    },
    'recordings.list': ({ cardId }) => listRecordings(core.db, cardId),
    'recordings.delete': ({ recordingId }) => deleteRecording(core.db, core.mediaDir, core.fs, recordingId),
    'recordings.arm': () => NOT_ARMED,
    'recordings.disarm': () => NOT_ARMED,
  });
}
