/**
 * Recording a spoken answer with the microphone (MediaRecorder), as Anki's "record own voice": the
 * desktop app's shell is asked to arm the microphone just before it is opened and to disarm it when the
 * recording stops, is cancelled or fails. A finished recording goes to Cue through the usual upload and
 * is kept with the card. Nothing here stops study: a refused or absent microphone is only said.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { MAX_RECORDING_MS, type Recording, type RecordingType } from '../../../shared/recordings';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';
import { uploadFile } from '../../lib/file-transfer';

export type RecorderState =
  | { name: 'idle' }
  | { name: 'starting' }
  | { name: 'recording'; elapsedMs: number }
  | { name: 'saving' }
  | { name: 'saved'; recording: Recording }
  | { name: 'failed'; message: string };

export interface VoiceRecorder {
  state: RecorderState;
  /** Starts a recording, or stops (and keeps) the one running. */
  toggle: () => void;
  /** Stops and keeps the recording running, if any. */
  stop: () => void;
}

/** How often the elapsed time on screen moves on. */
const TICK_MS = 250;

/** What MediaRecorder can write here, in Cue's preference; null without MediaRecorder. */
function recordingType(): RecordingType | null {
  if (typeof MediaRecorder === 'undefined' || !navigator.mediaDevices?.getUserMedia) return null;
  if (MediaRecorder.isTypeSupported('audio/webm')) return 'audio/webm';
  return MediaRecorder.isTypeSupported('audio/ogg') ? 'audio/ogg' : null;
}

/** The person's words for what went wrong opening the microphone. */
export function microphoneProblem(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return 'Cue may not use the microphone (it was refused). Study goes on without a recording.';
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return 'No microphone was found. Study goes on without a recording.';
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return 'The microphone is busy or could not be started. Study goes on without a recording.';
  }
  return `The recording failed: ${describeError(error).message}`;
}

interface Running {
  recorder: MediaRecorder;
  startedAt: number;
  keep: boolean;
}

function disarm(): void {
  void call('recordings.disarm', {}).catch(() => {});
}

/**
 * Starts MediaRecorder on `stream`. When it stops, the microphone is released and disarmed, and
 * `onDone` gets the recording (null when it was thrown away) with its length.
 */
function startRecorder(
  stream: MediaStream,
  type: RecordingType,
  onDone: (blob: Blob | null, durationMs: number) => void,
): Running {
  const recorder = new MediaRecorder(stream, { mimeType: type });
  const chunks: Blob[] = [];
  const running: Running = { recorder, startedAt: performance.now(), keep: true };
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  recorder.onstop = () => {
    for (const track of stream.getTracks()) track.stop();
    disarm();
    const durationMs = Math.round(performance.now() - running.startedAt);
    onDone(running.keep ? new Blob(chunks, { type }) : null, durationMs);
  };
  recorder.onerror = () => {
    running.keep = false;
    if (recorder.state !== 'inactive') recorder.stop();
  };
  recorder.start();
  return running;
}

/** Hands the recording to Cue through the usual upload, and keeps it with the card. */
async function keepRecording(blob: Blob, type: RecordingType, cardId: number, durationMs: number): Promise<Recording> {
  const file = new File([blob], `recording${type === 'audio/webm' ? '.webm' : '.ogg'}`, { type });
  const { upload } = await uploadFile(file);
  return call('recordings.save', { cardId, upload, mimeType: type, durationMs });
}

/** Opens the microphone, the desktop shell having armed it first; disarmed again if that fails. */
async function openMicrophone(): Promise<MediaStream> {
  try {
    await call('recordings.arm', {});
    return await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
  } catch (error) {
    disarm();
    throw error;
  }
}

/**
 * `cardId` null: no card is shown. Each showing of a card (`showing` bumps, the same card shown again
 * too) starts afresh, throwing away a recording still running for the one before.
 */
export function useVoiceRecorder(cardId: number | null, showing: number): VoiceRecorder {
  const [state, setState] = useState<RecorderState>({ name: 'idle' });
  const running = useRef<Running | null>(null);
  /** Bumps with each card: what finishes for an earlier card is dropped. */
  const generation = useRef(0);

  const finish = useCallback((keep: boolean) => {
    const current = running.current;
    if (!current) return;
    current.keep &&= keep;
    if (current.recorder.state !== 'inactive') current.recorder.stop();
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new showing is what starts a new generation.
  useEffect(() => {
    generation.current++;
    setState({ name: 'idle' });
    return () => finish(false);
  }, [cardId, showing, finish]);

  const start = useCallback(async () => {
    if (cardId === null || running.current) return;
    const mine = generation.current;
    const current = () => mine === generation.current;
    const type = recordingType();
    if (!type) {
      setState({ name: 'failed', message: 'This window cannot record sound. Study goes on without a recording.' });
      return;
    }
    setState({ name: 'starting' });
    let stream: MediaStream;
    try {
      stream = await openMicrophone();
    } catch (error) {
      if (current()) setState({ name: 'failed', message: microphoneProblem(error) });
      return;
    }
    const onDone = (blob: Blob | null, durationMs: number) => {
      running.current = null;
      if (!blob || !current()) return;
      setState({ name: 'saving' });
      keepRecording(blob, type, cardId, durationMs).then(
        (recording) => current() && setState({ name: 'saved', recording }),
        (error: unknown) =>
          current() &&
          setState({ name: 'failed', message: `The recording was not kept: ${describeError(error).message}` }),
      );
    };
    running.current = startRecorder(stream, type, onDone);
    if (!current()) finish(false);
    else setState({ name: 'recording', elapsedMs: 0 });
  }, [cardId, finish]);

  const stop = useCallback(() => finish(true), [finish]);
  useElapsedTime(state.name === 'recording', running, setState, stop);

  const busy = state.name === 'starting' || state.name === 'saving';
  const toggle = useCallback(() => {
    if (running.current) finish(true);
    else if (!busy) void start();
  }, [finish, start, busy]);
  return { state, toggle, stop };
}

/** Moves the elapsed time on while recording, and stops at the longest recording Cue keeps. */
function useElapsedTime(
  active: boolean,
  running: { current: Running | null },
  setState: (state: RecorderState) => void,
  stopAtLimit: () => void,
): void {
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => {
      const current = running.current;
      if (current?.recorder.state !== 'recording') return;
      const elapsedMs = performance.now() - current.startedAt;
      if (elapsedMs >= MAX_RECORDING_MS) stopAtLimit();
      else setState({ name: 'recording', elapsedMs });
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [active, running, setState, stopAtLimit]);
}
