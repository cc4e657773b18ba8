/** Spoken answers: recordings of a card's answer, kept in the collection's media folder. */

/** What MediaRecorder writes in Chromium (WebM/Opus) and in Firefox (Ogg/Opus); nothing else is kept. */
export const RECORDING_TYPES = ['audio/webm', 'audio/ogg'] as const;
export type RecordingType = (typeof RECORDING_TYPES)[number];

/** Ten minutes: longer than any mock interview's answer (five for System Design). */
export const MAX_RECORDING_MS = 10 * 60 * 1000;
/** Opus at a generous 192 kbit/s for ten minutes is about 14 MB. */
export const MAX_RECORDING_BYTES = 20 * 1024 * 1024;

/**
 * How long the desktop app lets the window use the microphone once the study screen arms it: one
 * recording's longest time and a little for the device to start. Stop, cancel and errors disarm sooner.
 */
export const MICROPHONE_ARMED_MS = MAX_RECORDING_MS + 15_000;

export interface Recording {
  id: number;
  cardId: number;
  /** The file's name in the media folder (`cue-recording-<card>-<time>.webm`). */
  fileName: string;
  mimeType: RecordingType;
  durationMs: number;
  size: number;
  createdAt: number;
}

export interface RecordingDeleted {
  recordingId: number;
  /** The row is gone either way; true when its file had already gone from the media folder. */
  fileMissing: boolean;
}

/**
 * The answer to arming the microphone: `armed` in the desktop app, where the shell grants it until
 * `expiresInMs` has passed or the window disarms it; false elsewhere (a browser asks the person itself).
 */
export interface MicrophoneArming {
  armed: boolean;
  expiresInMs: number;
}
