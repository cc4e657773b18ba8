/**
 * A card's sounds on the screen that shows it (study, custom study, the mock interview): each side's
 * sounds play when it is shown, when the deck's preset says so (autoplayAudio); a new showing, the
 * other side, leaving the card or the screen stops them; `replay` (the r key) plays the side's again.
 */
import { type RefObject, useCallback, useEffect, useState } from 'react';
import { type SoundSide, soundsToPlay } from './card-sounds';
import { SoundQueue } from './sound-queue';

interface Options {
  /** The question's content and the answer's region; their `audio[data-sound]` players are the sounds. */
  questionRef: RefObject<HTMLElement | null>;
  answerRef: RefObject<HTMLElement | null>;
  /** The side shown; null while no card is (done screen, an error, the screen hidden): nothing plays. */
  side: SoundSide | null;
  /** Bumps with every showing of a card, so the same card shown again (undo) plays again. */
  showing: number;
  autoplay: boolean;
}

function playersIn(root: HTMLElement | null): HTMLMediaElement[] {
  return root ? [...root.querySelectorAll<HTMLMediaElement>('audio[data-sound]')] : [];
}

export function useCardSounds({ questionRef, answerRef, side, showing, autoplay }: Options): () => void {
  const [queue] = useState(() => new SoundQueue());
  const playSide = useCallback(
    (shown: SoundSide, reason: 'shown' | 'replay') => {
      queue.play(soundsToPlay(shown, reason, playersIn(questionRef.current), playersIn(answerRef.current)));
    },
    [queue, questionRef, answerRef],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new showing (the same card again, after an undo) stops and starts again
  useEffect(() => {
    if (side === null) return;
    if (autoplay) playSide(side, 'shown');
    return () => queue.stop();
  }, [side, showing, autoplay, playSide, queue]);
  return useCallback(() => {
    if (side !== null) playSide(side, 'replay');
  }, [side, playSide]);
}
