/** The theme choice resolved to the theme shown, and stored values read back as choices. */
import { describe, expect, it } from 'vitest';
import { asThemeChoice, resolveTheme } from '../../renderer/lib/theme-choice';

describe('resolveTheme', () => {
  it('System follows the OS', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
  });

  it('Light and Dark ignore the OS', () => {
    for (const systemDark of [true, false]) {
      expect(resolveTheme('light', systemDark)).toBe('light');
      expect(resolveTheme('dark', systemDark)).toBe('dark');
    }
  });
});

describe('asThemeChoice', () => {
  it('keeps the three choices', () => {
    for (const choice of ['system', 'light', 'dark'] as const) expect(asThemeChoice(choice)).toBe(choice);
  });

  it('reads anything else (nothing stored, an old or damaged value) as System', () => {
    for (const value of [null, undefined, '', 'Dark', 'sepia', 1, {}]) expect(asThemeChoice(value)).toBe('system');
  });
});
