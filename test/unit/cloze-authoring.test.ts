/** Cloze authoring in the editor: the key, the number it takes, and the text it wraps. */
import { describe, expect, it } from 'vitest';
import {
  type ClozeKey,
  clozeAction,
  clozeNumberFor,
  highestCloze,
  wrapCloze,
} from '../../renderer/screens/editor/cloze';

const press = (extra: Partial<ClozeKey>): ClozeKey => ({
  key: 'C',
  code: 'KeyC',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: true,
  ...extra,
});

describe('the cloze key', () => {
  it('Ctrl+Shift+C or Cmd+Shift+C is the next cloze; with Alt the same one', () => {
    expect(clozeAction(press({ ctrlKey: true }))).toBe('next');
    expect(clozeAction(press({ metaKey: true }))).toBe('next');
    // on a Mac, Alt turns C into "Ç": the physical key still counts
    expect(clozeAction(press({ metaKey: true, altKey: true, key: 'Ç' }))).toBe('same');
    expect(clozeAction(press({ ctrlKey: true, altKey: true }))).toBe('same');
  });

  it('anything else is not it: no Shift, no Ctrl, another key', () => {
    expect(clozeAction(press({ ctrlKey: true, shiftKey: false, key: 'c' }))).toBeNull();
    expect(clozeAction(press({}))).toBeNull();
    expect(clozeAction(press({ ctrlKey: true, key: 'V', code: 'KeyV' }))).toBeNull();
  });
});

describe('the number', () => {
  it('is one more than the highest in any field, gaps and order aside', () => {
    expect(highestCloze(['no clozes'])).toBe(0);
    expect(highestCloze(['{{c2::b}} {{c1::a}}', 'extra {{c7::g::hint}}'])).toBe(7);
    expect(highestCloze(['{{C3::upper case}}'])).toBe(3);
    expect(clozeNumberFor(['{{c1::a}} {{c3::c}}'], 'next')).toBe(4);
    expect(clozeNumberFor(['{{c1::a}} {{c3::c}}'], 'same')).toBe(3);
  });

  it('starts at 1 either way in a field without clozes', () => {
    expect(clozeNumberFor([''], 'next')).toBe(1);
    expect(clozeNumberFor([''], 'same')).toBe(1);
  });
});

describe('wrapping', () => {
  it('wraps the selection and keeps it selected inside the cloze', () => {
    const wrapped = wrapCloze('The capital is Paris.', 15, 20, 2);
    expect(wrapped.text).toBe('The capital is {{c2::Paris}}.');
    expect(wrapped.text.slice(wrapped.selectionStart, wrapped.selectionEnd)).toBe('Paris');
  });

  it('with no selection puts an empty cloze at the caret, the caret inside it', () => {
    const wrapped = wrapCloze('ab', 1, 1, 1);
    expect(wrapped.text).toBe('a{{c1::}}b');
    expect(wrapped.selectionStart).toBe('a{{c1::'.length);
    expect(wrapped.selectionEnd).toBe(wrapped.selectionStart);
  });

  it('takes a backwards or out-of-range selection as the text it covers', () => {
    expect(wrapCloze('abc', 3, 1, 1).text).toBe('a{{c1::bc}}');
    expect(wrapCloze('abc', 2, 99, 1).text).toBe('ab{{c1::c}}');
  });
});
