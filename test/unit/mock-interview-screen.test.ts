/**
 * The mock interview screen's pure parts: the countdown's text, warning and the few moments it says
 * aloud, the keys (study's scheme), the home screen's m, and the setup form's checks.
 */
import { describe, expect, it } from 'vitest';
import { homeKeyAction } from '../../renderer/screens/home/home-keys';
import { announcement, clockText, isWarning, spokenTime } from '../../renderer/screens/mock/mock-clock';
import { mockKeyAction } from '../../renderer/screens/mock/mock-keys';
import { initialChoice, parseMinutes, startInput } from '../../renderer/screens/mock/mock-setup-form';
import type { MockSectionLimit } from '../../shared/mock';
import { press } from '../helpers/key-press';

describe('the countdown', () => {
  it('reads m:ss, rounding up while counting down', () => {
    expect(clockText(120_000)).toBe('2:00');
    expect(clockText(119_001)).toBe('2:00');
    expect(clockText(61_000)).toBe('1:01');
    expect(clockText(0)).toBe('0:00');
    expect(clockText(-5)).toBe('0:00');
    expect(clockText(108_900, 'down')).toBe('1:48');
  });

  it('warns in the last 30 seconds', () => {
    expect(isWarning(30_001)).toBe(false);
    expect(isWarning(30_000)).toBe(true);
  });

  it('says only a few moments aloud, and none that the limit starts below', () => {
    expect(announcement(100_000, 120_000)).toBe('');
    expect(announcement(59_000, 120_000)).toBe('1 minute left.');
    expect(announcement(45_000, 120_000)).toBe('1 minute left.');
    expect(announcement(29_000, 120_000)).toBe('30 seconds left.');
    expect(announcement(5_000, 120_000)).toBe('10 seconds left.');
    expect(announcement(0, 120_000)).toBe('Time is up.');
    // a 30 s limit starts without "30 seconds left"
    expect(announcement(30_000, 30_000)).toBe('');
    expect(spokenTime(150_000)).toBe('2 minutes 30 seconds');
  });
});

describe('keys', () => {
  it('say done with Space or Enter while answering, and grade 1-4 on the reveal', () => {
    expect(mockKeyAction(press(' '), 'asking')).toEqual({ type: 'done' });
    expect(mockKeyAction(press('Enter'), 'asking')).toEqual({ type: 'done' });
    expect(mockKeyAction(press('3'), 'asking')).toBeNull();
    expect(mockKeyAction(press('1'), 'answered')).toEqual({ type: 'grade', rating: 1 });
    expect(mockKeyAction(press('Enter'), 'answered')).toEqual({ type: 'grade', rating: 3 });
    expect(mockKeyAction(press('u'), 'answered')).toEqual({ type: 'undo' });
    expect(mockKeyAction(press('z', { ctrlKey: true }), 'asking')).toEqual({ type: 'undo' });
    expect(mockKeyAction(press('Escape'), 'other')).toEqual({ type: 'leave' });
  });

  it('replay the card’s sounds with r while answering and on the reveal', () => {
    expect(mockKeyAction(press('r'), 'asking')).toEqual({ type: 'replay' });
    expect(mockKeyAction(press('r'), 'answered')).toEqual({ type: 'replay' });
    expect(mockKeyAction(press('r'), 'other')).toBeNull();
    expect(mockKeyAction(press('r', { editable: true }), 'asking')).toBeNull();
  });

  it('leave held keys, fields and focused buttons alone', () => {
    expect(mockKeyAction(press(' ', { repeat: true }), 'asking')).toBeNull();
    expect(mockKeyAction(press('2', { editable: true }), 'answered')).toBeNull();
    expect(mockKeyAction(press('Enter', { activatable: true }), 'asking')).toBeNull();
  });

  it('tick the checklist by its letters on the reveal, and Space takes its suggestion', () => {
    const checklist = { points: 3, suggested: 2 as const };
    expect(mockKeyAction(press('a'), 'answered', checklist)).toEqual({ type: 'toggle', index: 0 });
    expect(mockKeyAction(press('d'), 'answered', checklist)).toEqual({ type: 'toggle', index: 2 });
    // a letter past the card's points, or while answering, does nothing
    expect(mockKeyAction(press('f'), 'answered', checklist)).toBeNull();
    expect(mockKeyAction(press('a'), 'asking', checklist)).toBeNull();
    expect(mockKeyAction(press(' '), 'answered', checklist)).toEqual({ type: 'grade', rating: 2 });
    expect(mockKeyAction(press(' '), 'answered', { points: 3, suggested: null })).toEqual({ type: 'grade', rating: 3 });
    expect(mockKeyAction(press('4'), 'answered', checklist)).toEqual({ type: 'grade', rating: 4 });
  });

  it('say done with Ctrl+Enter from the typed-answer box, where other keys type', () => {
    expect(mockKeyAction(press('Enter', { ctrlKey: true, editable: true }), 'asking')).toEqual({ type: 'done' });
    expect(mockKeyAction(press('Enter', { editable: true }), 'asking')).toBeNull();
    expect(mockKeyAction(press(' ', { editable: true }), 'asking')).toBeNull();
    expect(mockKeyAction(press('Enter', { ctrlKey: true }), 'answered')).toBeNull();
  });

  it('m on the home screen opens a mock interview of the first deck', () => {
    expect(homeKeyAction(press('m'), true)).toBe('mock');
    expect(homeKeyAction(press('m'), false)).toBeNull();
    expect(homeKeyAction(press('m', { editable: true }), true)).toBeNull();
  });
});

describe('the setup form', () => {
  const section = (sectionId: number, cards: number): MockSectionLimit => ({
    sectionId,
    key: `s${sectionId}`,
    name: `Section ${sectionId}`,
    cards,
    limitMs: 120_000,
    defaultLimitMs: 120_000,
    custom: false,
    medianMs: null,
  });
  const sections = [section(1, 3), section(2, 0), section(3, 4)];

  it('starts with every section that has cards and at most five questions', () => {
    expect(initialChoice(sections)).toEqual({ chosen: [1, 3], count: '5', order: 'weakest' });
    expect(initialChoice([section(1, 2)]).count).toBe('2');
  });

  it('reads limits in minutes, refusing what is out of bounds', () => {
    expect(parseMinutes('2.5')).toEqual({ seconds: 150 });
    expect(parseMinutes('1,5')).toEqual({ seconds: 90 });
    expect(parseMinutes('0.1')).toEqual({ problem: 'A time limit is 10 seconds to 60 minutes.' });
    expect(parseMinutes('61')).toHaveProperty('problem');
    expect(parseMinutes('')).toHaveProperty('problem');
    expect(parseMinutes('two')).toHaveProperty('problem');
  });

  it('says what is wrong with a choice before asking the server', () => {
    const choice = { chosen: [1, 3], count: '7', order: 'random' as const };
    expect(startInput(1, sections, choice)).toEqual({
      input: { deckId: 1, sectionIds: [1, 3], count: 7, order: 'random' },
    });
    expect(startInput(1, sections, { ...choice, count: '8' })).toEqual({
      problem: 'Ask 1 to 7 questions: the chosen sections have 7 cards.',
    });
    expect(startInput(1, sections, { ...choice, chosen: [] })).toEqual({ problem: 'Choose at least one section.' });
  });
});
