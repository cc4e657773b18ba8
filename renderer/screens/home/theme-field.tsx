/**
 * The theme choice in the settings dialog: System, Light or Dark, as radio buttons (arrow keys move
 * between them). A choice shows and is saved at once, as this computer's preference, not the
 * collection's; the dialog's Save and Cancel are for the collection's settings beside it.
 */
import { useState, useSyncExternalStore } from 'react';
import type { ThemeChoice } from '../../../shared/preferences';
import { describeError } from '../../lib/errors';
import { currentThemeChoice, saveThemeChoice, subscribeTheme } from '../../lib/theme-choice';

const OPTIONS: { choice: ThemeChoice; label: string; note: string }[] = [
  { choice: 'system', label: 'System', note: 'Light or dark as the computer is set, changing with it.' },
  { choice: 'light', label: 'Light', note: 'Always light.' },
  { choice: 'dark', label: 'Dark', note: 'Always dark.' },
];

export function ThemeField() {
  const choice = useSyncExternalStore(subscribeTheme, currentThemeChoice);
  const [problem, setProblem] = useState<string | null>(null);
  const choose = (next: ThemeChoice) => {
    setProblem(null);
    saveThemeChoice(next).catch((reason) => setProblem(`The theme was not saved: ${describeError(reason).message}`));
  };
  return (
    <fieldset className="format-choice theme-choice" data-testid="theme-choice">
      <legend>Theme</legend>
      {OPTIONS.map((option) => (
        <label key={option.choice} className="format-option">
          <input
            type="radio"
            name="theme-choice"
            value={option.choice}
            checked={choice === option.choice}
            onChange={() => choose(option.choice)}
          />
          <span>
            <span className="format-label">{option.label}</span>
            <span className="format-note">{option.note}</span>
          </span>
        </label>
      ))}
      {problem && (
        <p className="import-problem" role="alert" data-testid="theme-problem">
          {problem}
        </p>
      )}
    </fieldset>
  );
}
