/**
 * This computer's study reminders, in the Settings dialog: on or off (off until turned on), the local time,
 * whether Cue keeps a tray (menu-bar) icon so they come with the window closed, and whether it opens at
 * login. Each change is saved at once (preferences.set) and announced with `cue:preferences-changed`; a
 * time that is not HH:MM is refused beside the field, and nothing is saved.
 */
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { type ReminderPreferences, timeOfDay } from '../../../shared/preferences';
import { PREFERENCES_CHANGED_EVENT } from '../../../shared/renderer-commands';
import { call } from '../../lib/api-client';
import { describeError } from '../../lib/errors';

const inDesktopApp = typeof window !== 'undefined' && window.cue !== undefined;

/** The problem with a typed time, or null when it is one. */
export function reminderTimeProblem(text: string): string | null {
  const parsed = timeOfDay.safeParse(text.trim());
  return parsed.success ? null : `“${text}” is not a time: ${parsed.error.issues[0]?.message ?? 'use HH:MM'}.`;
}

export function ReminderSettings() {
  const [reminders, setReminders] = useState<ReminderPreferences | null>(null);
  const [time, setTime] = useState('');
  const [timeProblem, setTimeProblem] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const timeId = useId();
  const timeNoteId = useId();
  const timeProblemId = useId();

  useEffect(() => {
    call('preferences.get', {}).then(
      (preferences) => {
        setReminders(preferences.reminders);
        setTime(preferences.reminders.time);
      },
      (reason) => setProblem(describeError(reason).message),
    );
  }, []);

  const save = async (change: Partial<ReminderPreferences>) => {
    setProblem(null);
    const before = reminders;
    // a box ticks when clicked; if Cue refuses the change it goes back, with the reason below
    if (before) setReminders({ ...before, ...change });
    try {
      const preferences = await call('preferences.set', { reminders: change });
      setReminders(preferences.reminders);
      setTime(preferences.reminders.time);
      setStatus(savedText(preferences.reminders));
      window.dispatchEvent(new Event(PREFERENCES_CHANGED_EVENT));
    } catch (reason) {
      setReminders(before);
      setProblem(describeError(reason).message);
    }
  };

  const commitTime = () => {
    if (!reminders || time === reminders.time) return;
    const bad = reminderTimeProblem(time);
    setTimeProblem(bad);
    if (bad === null) void save({ time: time.trim() });
  };
  const onTimeKey = (event: KeyboardEvent<HTMLInputElement>) => {
    // Enter saves the time here, not the whole dialog
    if (event.key !== 'Enter') return;
    event.preventDefault();
    commitTime();
  };

  const loaded = reminders !== null;
  return (
    <fieldset className="format-choice reminder-settings" data-testid="reminder-settings" disabled={!loaded}>
      <legend>Reminders</legend>
      <div className="option-row option-flag">
        <label className="option-check">
          <input
            type="checkbox"
            checked={reminders?.enabled ?? false}
            onChange={(event) => void save({ enabled: event.target.checked })}
            data-testid="reminders-enabled"
          />
          <span>Remind me to study when cards are due</span>
        </label>
      </div>
      <div className="option-field">
        <label htmlFor={timeId}>At (24-hour time, HH:MM)</label>
        <input
          id={timeId}
          className="field"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          placeholder="09:00"
          maxLength={5}
          value={time}
          aria-invalid={timeProblem !== null}
          aria-describedby={timeProblem ? `${timeProblemId} ${timeNoteId}` : timeNoteId}
          onChange={(event) => {
            setTime(event.target.value);
            if (timeProblem) setTimeProblem(reminderTimeProblem(event.target.value));
          }}
          onBlur={commitTime}
          onKeyDown={onTimeKey}
          data-testid="reminder-time"
        />
        {timeProblem && (
          <span id={timeProblemId} className="option-issue" role="alert" data-testid="reminder-time-problem">
            {timeProblem}
          </span>
        )}
        <span id={timeNoteId} className="format-note">
          Once a day at this local time, a notification if cards are due then; a time missed while the computer slept
          comes once when it wakes. The dock or taskbar shows how many are due.
        </span>
      </div>
      <div className="option-row option-flag">
        <label className="option-check">
          <input
            type="checkbox"
            checked={reminders?.keepInTray ?? false}
            onChange={(event) => void save({ keepInTray: event.target.checked })}
            data-testid="reminders-tray"
          />
          <span>Keep Cue in the tray (menu bar) while reminders are on, so they come with the window closed</span>
        </label>
      </div>
      <div className="option-row option-flag">
        <label className="option-check">
          <input
            type="checkbox"
            checked={reminders?.openAtLogin ?? false}
            onChange={(event) => void save({ openAtLogin: event.target.checked })}
            data-testid="reminders-login"
          />
          <span>Open Cue when I log in</span>
        </label>
      </div>
      {!inDesktopApp && (
        <p className="format-note" data-testid="reminders-web-note">
          These are kept for the desktop app: a browser tab cannot show Cue’s notifications, tray icon or badge, nor
          start at login.
        </p>
      )}
      <p className="format-note" role="status">
        {status}
      </p>
      {problem && (
        <p className="import-problem" role="alert">
          {problem}
        </p>
      )}
    </fieldset>
  );
}

function savedText(reminders: ReminderPreferences): string {
  return reminders.enabled ? `Saved: reminders on, at ${reminders.time}.` : 'Saved: reminders off.';
}
