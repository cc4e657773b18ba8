/**
 * The typed-answer comparison against Anki's own expectations (rslib/src/typeanswer.rs tests), so a
 * card studied in Cue marks a typo exactly where Anki would.
 */
import { describe, expect, it } from 'vitest';
import { compareTypedAnswer } from '../../shared/type-answer-diff';

const ARROW = '<br><span id=typearrow>&darr;</span><br>';
const span = (kind: 'Good' | 'Bad' | 'Missed', text: string) => `<span class=type${kind}>${text}</span>`;

describe('compareTypedAnswer', () => {
  it('shows a right answer as one good span, escaped', () => {
    expect(compareTypedAnswer('123', '123')).toBe('<code id=typeans><span class=typeGood>123</span></code>');
    expect(compareTypedAnswer('source <dir>/bin/activate', 'source <dir>/bin/activate')).toBe(
      '<code id=typeans><span class=typeGood>source &lt;dir&gt;/bin/activate</span></code>',
    );
  });

  it('shows the expected text alone when nothing was typed', () => {
    expect(compareTypedAnswer('a < b & "c"', '')).toBe('<code id=typeans>a &lt; b &amp; &quot;c&quot;</code>');
  });

  it('marks an extra character bad, and shows the expected text under the arrow', () => {
    expect(compareTypedAnswer('123', '1123')).toBe(
      `<code id=typeans>${span('Bad', '1')}${span('Good', '123')}${ARROW}${span('Good', '123')}</code>`,
    );
  });

  it('marks what is missing with a dash per character, and wrong characters bad', () => {
    expect(compareTypedAnswer('12', '1')).toBe(
      `<code id=typeans>${span('Good', '1')}${span('Missed', '-')}${ARROW}${span('Good', '1')}${span('Missed', '2')}</code>`,
    );
    expect(compareTypedAnswer('1', '23')).toBe(
      `<code id=typeans>${span('Bad', '23')}${ARROW}${span('Missed', '1')}</code>`,
    );
  });

  it('splits a sentence with several mistakes as Anki does', () => {
    const typed = [
      span('Bad', 'y'),
      span('Good', ' ahora q'),
      span('Bad', 'e'),
      span('Good', ' vamos'),
      span('Missed', '-'),
      span('Good', 'a hacer'),
      span('Missed', '-'),
    ].join('');
    const expected = [
      span('Missed', '¿Y'),
      span('Good', ' ahora q'),
      span('Missed', 'ué'),
      span('Good', ' vamos'),
      span('Missed', ' '),
      span('Good', 'a hacer'),
      span('Missed', '?'),
    ].join('');
    expect(compareTypedAnswer('¿Y ahora qué vamos a hacer?', 'y ahora qe vamosa hacer')).toBe(
      `<code id=typeans>${typed}${ARROW}${expected}</code>`,
    );
  });

  it('counts characters, not UTF-16 units, and normalises both texts to NFC', () => {
    expect(compareTypedAnswer('нос', 'нс')).toBe(
      `<code id=typeans>${span('Good', 'н')}${span('Missed', '-')}${span('Good', 'с')}${ARROW}` +
        `${span('Good', 'н')}${span('Missed', 'о')}${span('Good', 'с')}</code>`,
    );
    expect(compareTypedAnswer('쓰다듬다', '스다뜸다')).toBe(
      `<code id=typeans>${span('Bad', '스')}${span('Good', '다')}${span('Bad', '뜸')}${span('Good', '다')}${ARROW}` +
        `${span('Missed', '쓰')}${span('Good', '다')}${span('Missed', '듬')}${span('Good', '다')}</code>`,
    );
    // "é" typed as e + combining accent is the same answer as the precomposed "é"
    expect(compareTypedAnswer('caf\u00e9', 'cafe\u0301')).toBe(
      '<code id=typeans><span class=typeGood>caf\u00e9</span></code>',
    );
    expect(compareTypedAnswer('🙂x', '🙂y')).toBe(
      `<code id=typeans>${span('Good', '🙂')}${span('Bad', 'y')}${ARROW}${span('Good', '🙂')}${span('Missed', 'x')}</code>`,
    );
  });

  it('gives a combining mark at the start of a span a no-break space to sit on', () => {
    // "q" + acute typed where "q" + grave was expected (no precomposed letter, so NFC keeps the marks apart)
    expect(compareTypedAnswer('q\u0300b', 'q\u0301b')).toBe(
      `<code id=typeans>${span('Good', 'q')}${span('Bad', '\u00a0\u0301')}${span('Good', 'b')}${ARROW}` +
        `${span('Good', 'q')}${span('Missed', '\u00a0\u0300')}${span('Good', 'b')}</code>`,
    );
  });

  it('compares a long answer without hanging, keeping the typed text in order', () => {
    const expected = 'the quick brown fox jumps over the lazy dog '.repeat(10).trim();
    const typed = expected.replace('lazy', 'lazzy');
    const html = compareTypedAnswer(expected, typed);
    const typedPart = html.slice('<code id=typeans>'.length, html.indexOf(ARROW));
    expect(typedPart.replace(/<[^>]+>/g, '')).toBe(typed);
    expect(typedPart).toContain(span('Bad', 'z'));
  });
});
