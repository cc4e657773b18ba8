/** Anki's keys in study and on the home screen, as pure maps from a key press to what it does. */
import { describe, expect, it } from 'vitest';
import { homeKeyAction } from '../../renderer/screens/home/home-keys';
import { type KeySide, studyKeyAction } from '../../renderer/screens/study/study-keys';
import { press } from '../helpers/key-press';

describe('study keys', () => {
  it('Space or Enter reveals the answer, then rates it Good; 1 to 4 rate on the answer side only', () => {
    expect(studyKeyAction(press(' '), 'question')).toEqual({ type: 'reveal' });
    expect(studyKeyAction(press('Enter'), 'question')).toEqual({ type: 'reveal' });
    expect(studyKeyAction(press(' '), 'answer')).toEqual({ type: 'rate', rating: 3 });
    for (const rating of [1, 2, 3, 4] as const) {
      expect(studyKeyAction(press(String(rating)), 'answer')).toEqual({ type: 'rate', rating });
      expect(studyKeyAction(press(String(rating)), 'question')).toBeNull();
    }
    expect(studyKeyAction(press('5'), 'answer')).toBeNull();
  });

  it('undo, bury, suspend, delete and home', () => {
    expect(studyKeyAction(press('u'), 'question')).toEqual({ type: 'undo' });
    expect(studyKeyAction(press('z', { ctrlKey: true }), 'answer')).toEqual({ type: 'undo' });
    expect(studyKeyAction(press('Z', { metaKey: true }), 'answer')).toEqual({ type: 'undo' });
    expect(studyKeyAction(press('-'), 'question')).toEqual({ type: 'bury' });
    expect(studyKeyAction(press('@'), 'answer')).toEqual({ type: 'suspend' });
    expect(studyKeyAction(press('Delete', { ctrlKey: true }), 'question')).toEqual({ type: 'delete' });
    expect(studyKeyAction(press('Delete'), 'question')).toBeNull();
    expect(studyKeyAction(press('Escape'), 'answer')).toEqual({ type: 'home' });
  });

  it('Ctrl+1 to Ctrl+7 flag the card on either side; not Ctrl+8, not plain digits, not on the done screen', () => {
    for (let flag = 1; flag <= 7; flag++) {
      expect(studyKeyAction(press(String(flag), { ctrlKey: true }), 'question')).toEqual({ type: 'flag', flag });
      expect(studyKeyAction(press(String(flag), { metaKey: true }), 'answer')).toEqual({ type: 'flag', flag });
    }
    expect(studyKeyAction(press('8', { ctrlKey: true }), 'answer')).toBeNull();
    expect(studyKeyAction(press('1', { ctrlKey: true }), 'done')).toBeNull();
    expect(studyKeyAction(press('1', { ctrlKey: true, editable: true }), 'answer')).toBeNull();
    expect(studyKeyAction(press('1'), 'answer')).toEqual({ type: 'rate', rating: 1 });
  });

  it('e edits the card only when there is one to edit', () => {
    expect(studyKeyAction(press('e'), 'question', true)).toEqual({ type: 'edit' });
    expect(studyKeyAction(press('e'), 'answer', true)).toEqual({ type: 'edit' });
    expect(studyKeyAction(press('e'), 'question', false)).toBeNull();
    expect(studyKeyAction(press('e', { ctrlKey: true }), 'question', true)).toBeNull();
    expect(studyKeyAction(press('e', { repeat: true }), 'question', true)).toBeNull();
  });

  it('on the done screen and behind an error only Escape and undo mean something', () => {
    const done: KeySide = 'done';
    expect(studyKeyAction(press('Escape'), done)).toEqual({ type: 'home' });
    expect(studyKeyAction(press('u'), done)).toEqual({ type: 'undo' });
    for (const key of [' ', 'Enter', '3', '-', '@']) expect(studyKeyAction(press(key), done)).toBeNull();
    expect(studyKeyAction(press('Delete', { ctrlKey: true }), done)).toBeNull();
  });

  it('a held key, typing in a field, or other modifiers never act on the card', () => {
    expect(studyKeyAction(press('3', { repeat: true }), 'answer')).toBeNull();
    expect(studyKeyAction(press('3', { editable: true }), 'answer')).toBeNull();
    expect(studyKeyAction(press('u', { editable: true }), 'answer')).toBeNull();
    expect(studyKeyAction(press('3', { altKey: true }), 'answer')).toBeNull();
    expect(studyKeyAction(press('z', { ctrlKey: true, altKey: true }), 'answer')).toBeNull();
  });

  it('r replays the card’s sounds on either side, never on the done screen, while typing or held', () => {
    expect(studyKeyAction(press('r'), 'question')).toEqual({ type: 'replay' });
    expect(studyKeyAction(press('r'), 'answer', true, { points: 9, suggested: null })).toEqual({ type: 'replay' });
    expect(studyKeyAction(press('r', { activatable: true }), 'answer')).toEqual({ type: 'replay' });
    expect(studyKeyAction(press('r'), 'done')).toBeNull();
    expect(studyKeyAction(press('r', { editable: true }), 'question')).toBeNull();
    expect(studyKeyAction(press('r', { repeat: true }), 'question')).toBeNull();
    expect(studyKeyAction(press('r', { ctrlKey: true }), 'question')).toBeNull();
    expect(studyKeyAction(press('R'), 'question')).toBeNull();
  });

  it('Space and Enter on a focused button are that button’s, other keys still study', () => {
    expect(studyKeyAction(press(' ', { activatable: true }), 'question')).toBeNull();
    expect(studyKeyAction(press('Enter', { activatable: true }), 'answer')).toBeNull();
    expect(studyKeyAction(press('3', { activatable: true }), 'answer')).toEqual({ type: 'rate', rating: 3 });
  });
});

describe('home keys', () => {
  it('i, b and / open Import, Backups and the browser, with or without a deck', () => {
    for (const hasDeck of [true, false]) {
      expect(homeKeyAction(press('i'), hasDeck)).toBe('import');
      expect(homeKeyAction(press('b'), hasDeck)).toBe('backups');
      expect(homeKeyAction(press('/'), hasDeck)).toBe('browse');
    }
  });

  it('Enter or s studies the first deck and t opens its statistics, when there is one', () => {
    expect(homeKeyAction(press('Enter'), true)).toBe('study');
    expect(homeKeyAction(press('s'), true)).toBe('study');
    expect(homeKeyAction(press('t'), true)).toBe('stats');
    expect(homeKeyAction(press('Enter'), false)).toBeNull();
    expect(homeKeyAction(press('t'), false)).toBeNull();
    expect(homeKeyAction(press('c'), true)).toBe('custom');
    expect(homeKeyAction(press('c'), false)).toBeNull();
    expect(homeKeyAction(press('x'), true)).toBeNull();
  });

  it('r opens the first deck’s readiness for its target date, when there is one', () => {
    expect(homeKeyAction(press('r'), true)).toBe('readiness');
    expect(homeKeyAction(press('r'), false)).toBeNull();
  });

  it('o opens the first deck’s options, when there is one', () => {
    expect(homeKeyAction(press('o'), true)).toBe('options');
    expect(homeKeyAction(press('o', { activatable: true }), true)).toBe('options');
    expect(homeKeyAction(press('o'), false)).toBeNull();
    expect(homeKeyAction(press('o', { ctrlKey: true }), true)).toBeNull();
  });

  it('Enter on a focused button is the button’s; t still opens the statistics', () => {
    expect(homeKeyAction(press('Enter', { activatable: true }), true)).toBeNull();
    expect(homeKeyAction(press('s', { activatable: true }), true)).toBeNull();
    expect(homeKeyAction(press('t', { activatable: true }), true)).toBe('stats');
  });

  it('typing, held keys and modifiers do nothing', () => {
    expect(homeKeyAction(press('i', { editable: true }), true)).toBeNull();
    expect(homeKeyAction(press('Enter', { repeat: true }), true)).toBeNull();
    expect(homeKeyAction(press('i', { ctrlKey: true }), true)).toBeNull();
    expect(homeKeyAction(press('b', { metaKey: true }), true)).toBeNull();
    expect(homeKeyAction(press('/', { altKey: true }), true)).toBeNull();
  });
});

describe('study keys with a key-point checklist', () => {
  const checklist = { points: 3, suggested: 2 as const };

  it('a s d f g h j k l toggle the points on the answer side, as many letters as there are points', () => {
    expect(studyKeyAction(press('a'), 'answer', false, checklist)).toEqual({ type: 'toggle', index: 0 });
    expect(studyKeyAction(press('s'), 'answer', false, checklist)).toEqual({ type: 'toggle', index: 1 });
    expect(studyKeyAction(press('d'), 'answer', false, checklist)).toEqual({ type: 'toggle', index: 2 });
    expect(studyKeyAction(press('f'), 'answer', false, checklist)).toBeNull();
    const nine = { points: 12, suggested: null };
    expect(studyKeyAction(press('l'), 'answer', false, nine)).toEqual({ type: 'toggle', index: 8 });
    expect(studyKeyAction(press('a'), 'question', false, checklist)).toBeNull();
    expect(studyKeyAction(press('a'), 'answer')).toBeNull();
    expect(studyKeyAction(press('a', { ctrlKey: true }), 'answer', false, checklist)).toBeNull();
    expect(studyKeyAction(press('a', { editable: true }), 'answer', false, checklist)).toBeNull();
  });

  it('Space and Enter take the suggestion, Good when there is none yet; 1 to 4 rate as always', () => {
    expect(studyKeyAction(press(' '), 'answer', false, checklist)).toEqual({ type: 'rate', rating: 2 });
    expect(studyKeyAction(press('Enter'), 'answer', false, checklist)).toEqual({ type: 'rate', rating: 2 });
    expect(studyKeyAction(press(' '), 'answer', false, { points: 3, suggested: null })).toEqual({
      type: 'rate',
      rating: 3,
    });
    for (const rating of [1, 2, 3, 4] as const) {
      expect(studyKeyAction(press(String(rating)), 'answer', false, checklist)).toEqual({ type: 'rate', rating });
    }
    // the other study keys keep their meaning
    expect(studyKeyAction(press('u'), 'answer', false, checklist)).toEqual({ type: 'undo' });
    expect(studyKeyAction(press('e'), 'answer', true, checklist)).toEqual({ type: 'edit' });
  });

  it('from the typed-answer box only Ctrl+Enter acts: it reveals; Enter and letters type', () => {
    const typing = { editable: true };
    expect(studyKeyAction(press('Enter', { ...typing, ctrlKey: true }), 'question')).toEqual({ type: 'reveal' });
    expect(studyKeyAction(press('Enter', { ...typing, metaKey: true }), 'question')).toEqual({ type: 'reveal' });
    for (const key of ['Enter', ' ', '1', 'u', 'e', '-', 'a', 'Escape']) {
      expect(studyKeyAction(press(key, typing), 'question', true), key).toBeNull();
    }
    expect(studyKeyAction(press('Enter', { ctrlKey: true, repeat: true }), 'question')).toBeNull();
    expect(studyKeyAction(press('Enter', { ctrlKey: true }), 'answer')).toBeNull();
  });
});
