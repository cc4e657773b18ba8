/**
 * A spoken answer's keys (Shift+V records, V replays, as Anki's "record own voice"), which must never
 * clash with study's own keys, and the words for a microphone that cannot be opened.
 */
import { describe, expect, it } from 'vitest';
import { studyKeyAction } from '../../renderer/screens/study/study-keys';
import { voiceKeyAction } from '../../renderer/screens/study/voice-keys';
import { microphoneProblem } from '../../renderer/screens/study/voice-recorder';
import { press } from '../helpers/key-press';

describe('spoken answer keys', () => {
  it('Shift+V records and V replays, and study gives neither another meaning', () => {
    expect(voiceKeyAction(press('V'))).toBe('record');
    expect(voiceKeyAction(press('v'))).toBe('replay');
    for (const key of ['V', 'v']) {
      expect(studyKeyAction(press(key), 'question')).toBeNull();
      expect(studyKeyAction(press(key), 'answer')).toBeNull();
    }
  });

  it("leave study's keys and the checklist's letters alone", () => {
    for (const key of [' ', 'Enter', '1', '2', '3', '4', 'u', 'e', '-', '@', 'Escape', ...'asdfghjkl']) {
      expect(voiceKeyAction(press(key)), key).toBeNull();
    }
  });

  it('do nothing while typing, with a modifier, or when held down', () => {
    for (const extra of [
      { editable: true },
      { ctrlKey: true },
      { metaKey: true },
      { altKey: true },
      { repeat: true },
    ]) {
      expect(voiceKeyAction(press('V', extra)), JSON.stringify(extra)).toBeNull();
      expect(voiceKeyAction(press('v', extra)), JSON.stringify(extra)).toBeNull();
    }
  });
});

describe('a microphone that cannot be opened', () => {
  const named = (name: string) => Object.assign(new Error('from the browser'), { name });

  it('is said in the words of what happened, and study goes on', () => {
    expect(microphoneProblem(named('NotAllowedError'))).toBe(
      'Cue may not use the microphone (it was refused). Study goes on without a recording.',
    );
    expect(microphoneProblem(named('NotFoundError'))).toBe(
      'No microphone was found. Study goes on without a recording.',
    );
    expect(microphoneProblem(named('NotReadableError'))).toMatch(/busy or could not be started/);
    expect(microphoneProblem(named('TypeError'))).toBe('The recording failed: from the browser');
  });
});
