/**
 * A card's sounds as Anki plays them: the `[sound:file]` tags of an imported (HTML) card, each shown as a
 * player (markdown.ts), played in the order they are written. Showing a side plays that side's own
 * sounds (the answer's on the reveal, since Cue's answer does not repeat the question); replaying on the
 * answer side plays the question's first, as Anki's default replay does.
 */

/** `[sound:name]`, Anki's sound tag; the name runs to the first `]`. */
export const SOUND_TAG = /\[sound:([^\]]+)\]/g;

/** The file names of a side's sound tags, in order; Markdown cards show no players, so none. */
export function soundNames(source: string, format: 'markdown' | 'html'): string[] {
  if (format !== 'html') return [];
  return [...source.matchAll(SOUND_TAG)].map((match) => match[1]);
}

/** Whether either side of a card has a sound to play (the replay key and button mean something). */
export function hasSounds(card: { question: string; answer: string; format: 'markdown' | 'html' }): boolean {
  return soundNames(card.question, card.format).length > 0 || soundNames(card.answer, card.format).length > 0;
}

export type SoundSide = 'question' | 'answer';

/** What plays, in order: a side just shown plays its own sounds; a replay on the answer side both sides'. */
export function soundsToPlay<T>(side: SoundSide, reason: 'shown' | 'replay', question: T[], answer: T[]): T[] {
  if (side === 'question') return question;
  return reason === 'replay' ? [...question, ...answer] : answer;
}
