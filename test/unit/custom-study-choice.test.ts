/** The custom study screen's choice as the API call it makes and the words the session shows. */
import { describe, expect, it } from 'vitest';
import {
  INITIAL_CHOICE,
  reschedules,
  sessionLabel,
  startInput,
} from '../../renderer/screens/custom/custom-study-choice';

const scope = { deckId: 1, sectionId: 3 };

describe('the custom study choice', () => {
  it('becomes the custom.start input for each kind', () => {
    expect(startInput(scope, { ...INITIAL_CHOICE, aheadDays: '3' })).toEqual({
      ...scope,
      kind: 'ahead',
      days: 3,
      limit: 100,
    });
    expect(startInput(scope, { ...INITIAL_CHOICE, choice: 'forgotten', forgottenDays: ' 7 ' })).toEqual({
      ...scope,
      kind: 'forgotten',
      days: 7,
      limit: 100,
    });
    expect(startInput(scope, { ...INITIAL_CHOICE, choice: 'preview', limit: '20' })).toEqual({
      ...scope,
      kind: 'preview',
      limit: 20,
      reschedule: false,
    });
    expect(startInput(scope, { ...INITIAL_CHOICE, choice: 'tag', tag: 'ml', reschedule: true })).toEqual({
      ...scope,
      kind: 'cram',
      tag: 'ml',
      limit: 100,
      reschedule: true,
    });
    expect(startInput(scope, { ...INITIAL_CHOICE, choice: 'query', query: 'is:due' })).toMatchObject({
      kind: 'cram',
      query: 'is:due',
      reschedule: false,
    });
    expect(startInput(scope, { ...INITIAL_CHOICE, choice: 'limits' })).toBeNull();
  });

  it('sends what is not a whole number as NaN, for the API to refuse with its own message', () => {
    expect(startInput(scope, { ...INITIAL_CHOICE, aheadDays: '2.5' })?.days).toBeNaN();
    expect(startInput(scope, { ...INITIAL_CHOICE, limit: '' })?.limit).toBeNaN();
  });

  it('always reschedules ahead and forgotten, preview and cram only when asked', () => {
    expect(reschedules({ ...INITIAL_CHOICE, choice: 'ahead' })).toBe(true);
    expect(reschedules({ ...INITIAL_CHOICE, choice: 'forgotten' })).toBe(true);
    expect(reschedules({ ...INITIAL_CHOICE, choice: 'tag' })).toBe(false);
    expect(reschedules({ ...INITIAL_CHOICE, choice: 'tag', reschedule: true })).toBe(true);
  });

  it('names the session', () => {
    expect(sessionLabel({ ...INITIAL_CHOICE, aheadDays: '1' })).toBe('Study ahead: cards due in the next day');
    expect(sessionLabel({ ...INITIAL_CHOICE, aheadDays: '4' })).toBe('Study ahead: cards due in the next 4 days');
    expect(sessionLabel({ ...INITIAL_CHOICE, choice: 'tag', tag: 'exam' })).toBe('Cram the tag “exam”');
  });
});
