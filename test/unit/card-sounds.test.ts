/**
 * A card's sounds as Anki plays them: the `[sound:…]` tags of each side in the order written, a side
 * shown playing its own, a replay on the answer side the question's first.
 */
import { describe, expect, it } from 'vitest';
import { hasSounds, soundNames, soundsToPlay } from '../../renderer/lib/card-sounds';

describe('sound tags', () => {
  it('are read in the order written, repeats and names with spaces or dots included', () => {
    const side = 'Hear [sound:one.mp3] then<br>[sound:two words.ogg][sound:one.mp3] <b>[sound:a.b.wav]</b>';
    expect(soundNames(side, 'html')).toEqual(['one.mp3', 'two words.ogg', 'one.mp3', 'a.b.wav']);
  });

  it('need a name and a closing bracket; other brackets are text', () => {
    expect(soundNames('[sound:] [sound:open.mp3 [image:x.png] sound:bare.mp3', 'html')).toEqual([
      'open.mp3 [image:x.png',
    ]);
    expect(soundNames('no sounds [here]', 'html')).toEqual([]);
  });

  it('are Anki’s, so a Markdown card (which shows no player for them) has none', () => {
    expect(soundNames('[sound:one.mp3]', 'markdown')).toEqual([]);
    expect(hasSounds({ question: '[sound:one.mp3]', answer: '', format: 'markdown' })).toBe(false);
    expect(hasSounds({ question: 'q', answer: 'a [sound:two.mp3]', format: 'html' })).toBe(true);
    expect(hasSounds({ question: 'q', answer: 'a', format: 'html' })).toBe(false);
  });
});

describe('what plays', () => {
  const question = ['q1', 'q2'];
  const answer = ['a1'];

  it('a side shown plays its own sounds: the question’s, then on the reveal the answer’s alone', () => {
    expect(soundsToPlay('question', 'shown', question, answer)).toEqual(['q1', 'q2']);
    expect(soundsToPlay('answer', 'shown', question, answer)).toEqual(['a1']);
  });

  it('a replay plays the question’s again, and on the answer side the question’s then the answer’s', () => {
    expect(soundsToPlay('question', 'replay', question, answer)).toEqual(['q1', 'q2']);
    expect(soundsToPlay('answer', 'replay', question, answer)).toEqual(['q1', 'q2', 'a1']);
    expect(soundsToPlay('answer', 'replay', [], [])).toEqual([]);
  });
});
