/**
 * A spoken answer on the study screen: before the reveal, Record / Stop (Shift+V) with the time so far;
 * after it, the recording's player beside the model answer (V plays it). Optional: with nothing
 * recorded the answer shows as always, and a microphone refused or absent is only said.
 */
import { type ReactNode, type RefObject, useEffect, useRef } from 'react';
import { mediaUrl } from '../../lib/api-client';
import { playLength } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { keyPress } from '../../lib/keys';
import { voiceKeyAction } from './voice-keys';
import { type RecorderState, useVoiceRecorder } from './voice-recorder';

/**
 * The spoken answer of the card shown (`cardId`), as the node to show on its side: the recorder under
 * the question, the player beside the answer; `showing` counts the showings. A hook, so the recording outlives the move between the
 * two places. `paused`: hidden behind the editor, its keys are off.
 */
export function useSpokenAnswer(cardId: number | null, showing: number, revealed: boolean, paused: boolean): ReactNode {
  const { state, toggle, stop } = useVoiceRecorder(cardId, showing);
  const player = useRef<HTMLAudioElement>(null);
  // revealing ends the answer: a recording still running is kept as it is
  useEffect(() => {
    if (revealed) stop();
  }, [revealed, stop]);
  useVoiceKeys(paused || cardId === null, (action) => {
    if (action === 'record' && !revealed) toggle();
    if (action === 'replay') void player.current?.play();
  });
  // after the reveal, only a recording (or what became of it) has a place beside the answer
  if (revealed && (state.name === 'idle' || state.name === 'starting')) return null;
  return (
    <section className="spoken-answer" aria-label="Spoken answer" data-testid="spoken-answer">
      {revealed ? <SpokenAnswer state={state} player={player} /> : <RecorderControls state={state} onToggle={toggle} />}
    </section>
  );
}

function useVoiceKeys(paused: boolean, act: (action: 'record' | 'replay') => void): void {
  const latest = useRef(act);
  latest.current = act;
  useEffect(() => {
    if (paused) return;
    const onKey = (event: KeyboardEvent) => {
      if (document.querySelector('dialog:modal')) return;
      const action = voiceKeyAction(keyPress(event));
      if (!action) return;
      event.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [paused]);
}

function RecorderControls({ state, onToggle }: { state: RecorderState; onToggle: () => void }) {
  const recording = state.name === 'recording';
  const label = recording ? 'Stop' : state.name === 'saved' ? 'Record again' : 'Record answer';
  return (
    <div className={`recorder${recording ? ' is-recording' : ''}`}>
      <button
        type="button"
        className={`button small${recording ? ' danger' : ''}`}
        onClick={onToggle}
        // a click leaves the focus where it was, so Space then reveals rather than pressing this again
        onMouseDown={(event) => event.preventDefault()}
        aria-disabled={state.name === 'starting' || state.name === 'saving'}
        aria-keyshortcuts="Shift+V"
        data-testid="record-button"
      >
        {recording && <span className="recording-dot" aria-hidden="true" />}
        {label} <KeyHint>Shift+V</KeyHint>
      </button>
      <RecorderStatus state={state} />
    </div>
  );
}

function RecorderStatus({ state }: { state: RecorderState }) {
  if (state.name === 'recording') {
    return (
      <span className="recorder-status" data-testid="recorder-status">
        Recording{' '}
        <span className="recorder-elapsed" data-testid="recorder-elapsed">
          {playLength(state.elapsedMs)}
        </span>
      </span>
    );
  }
  const text: Partial<Record<RecorderState['name'], string>> = {
    idle: 'Say your answer aloud, then reveal to hear it beside the model answer.',
    starting: 'Opening the microphone…',
    saving: 'Keeping the recording…',
  };
  if (state.name === 'saved') {
    return (
      <span className="recorder-status" data-testid="recorder-status">
        Recorded {playLength(state.recording.durationMs)}; it plays beside the answer.
      </span>
    );
  }
  if (state.name === 'failed') {
    return (
      <span className="recorder-status recorder-problem" role="alert" data-testid="recorder-problem">
        {state.message}
      </span>
    );
  }
  return (
    <span className="recorder-status muted" data-testid="recorder-status">
      {text[state.name]}
    </span>
  );
}

function SpokenAnswer({ state, player }: { state: RecorderState; player: RefObject<HTMLAudioElement | null> }) {
  if (state.name === 'saving') return <p className="recorder-status muted">Keeping the recording…</p>;
  if (state.name === 'failed') {
    return (
      <p className="recorder-status recorder-problem" role="alert" data-testid="recorder-problem">
        {state.message}
      </p>
    );
  }
  if (state.name !== 'saved') return null;
  const { recording } = state;
  return (
    <div className="spoken-player">
      <span className="spoken-label">
        Your answer, spoken <span className="muted">({playLength(recording.durationMs)})</span>
        <span className="spoken-key">
          <KeyHint>V</KeyHint>
        </span>
      </span>
      {/* biome-ignore lint/a11y/useMediaCaption: the person's own voice; there is nothing to caption */}
      <audio
        ref={player}
        controls
        aria-keyshortcuts="V"
        preload="metadata"
        src={mediaUrl(recording.fileName)}
        data-testid="spoken-player"
        aria-label="Your spoken answer"
      />
    </div>
  );
}
