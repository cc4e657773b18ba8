/**
 * Daily study reminders, as decisions on an injected clock and time zone: when the next one is, whether
 * to notify now, and the badge. Off until the person turns them on; at most one a day, only when cards
 * are due; a time missed while the computer slept (or before Cue started) is made up once, on waking,
 * never repeatedly. The day a reminder was settled is kept on disk, so a restart does not ring again.
 * main.ts wires the outcome to Electron's Notification, badge and timers; nothing here imports Electron.
 */
import { join } from 'node:path';
import type { ReminderPreferences } from '../shared/preferences';
import { fromStudyTime, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, wallClockAsUtc } from './core/days';
import type { FileSystem } from './core/file-system';
import { readJsonFile, writeJsonFile } from './json-file';

/** The day the last reminder was settled, in the data folder. */
export const REMINDER_STATE_FILE = 'reminder-state.json';

/** The longest Cue waits between two checks: timers stretch across sleep, and the badge should not go stale. */
export const MAX_CHECK_WAIT_MS = MS_PER_HOUR;

/** The local calendar day of `now`, counted from 1970-01-01. */
export function localDay(now: number, timeZone: string): number {
  return Math.floor(wallClockAsUtc(now, timeZone) / MS_PER_DAY);
}

/**
 * The moment the reminder time falls on a local day. A time the clocks skip (02:30 when they go
 * forward) is the moment they jump; a time that happens twice (when they go back) is the first.
 */
export function reminderMoment(day: number, time: string, timeZone: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return fromStudyTime(day * MS_PER_DAY + hours * MS_PER_HOUR + minutes * MS_PER_MINUTE, {
    timeZone,
    rolloverHour: 0,
  });
}

export interface ReminderInput {
  reminders: ReminderPreferences;
  now: number;
  timeZone: string;
  /** The last local day a reminder was settled (rung, or found nothing due); null for never. */
  settledDay: number | null;
}

/** Whether today's reminder is owed now: on, its time passed, and not yet settled today. */
export function reminderOwed({ reminders, now, timeZone, settledDay }: ReminderInput): boolean {
  if (!reminders.enabled) return false;
  const today = localDay(now, timeZone);
  return settledDay !== today && now >= reminderMoment(today, reminders.time, timeZone);
}

/** When the next reminder falls (now, if one is owed); null while reminders are off. */
export function nextReminder(input: ReminderInput): number | null {
  const { reminders, now, timeZone } = input;
  if (!reminders.enabled) return null;
  if (reminderOwed(input)) return now;
  const today = localDay(now, timeZone);
  const todays = reminderMoment(today, reminders.time, timeZone);
  return now < todays ? todays : reminderMoment(today + 1, reminders.time, timeZone);
}

/** How long to wait before checking again. */
export function checkDelay(input: ReminderInput): number {
  const next = nextReminder(input);
  if (next === null) return MAX_CHECK_WAIT_MS;
  return Math.max(0, Math.min(next - input.now, MAX_CHECK_WAIT_MS));
}

/** The dock or taskbar badge: the cards due, while reminders are on; nothing otherwise. */
export function badgeCount(reminders: ReminderPreferences, due: number): number {
  return reminders.enabled ? Math.max(0, due) : 0;
}

/** The notification's words. */
export function reminderText(due: number): { title: string; body: string } {
  return {
    title: due === 1 ? '1 card to study' : `${due} cards to study`,
    body: 'Your cards are due in Cue. Click to start studying.',
  };
}

export interface ReminderDeps {
  now: () => number;
  timeZone: string;
  reminders: () => ReminderPreferences;
  /** Cards due now (learning, reviews and new ones within today's limits). */
  dueCount: () => number;
  notify: (due: number) => void;
  setBadge: (count: number) => void;
  /** The settled day, kept across restarts. */
  readSettled: () => number | null;
  writeSettled: (day: number) => void;
  /** Calls `run` after `ms`; returns a function that cancels it. */
  setTimer: (run: () => void, ms: number) => () => void;
}

/**
 * The running reminders: `check` on start, on waking, on a change of preferences and on its own timer.
 * Each check refreshes the badge, rings if a reminder is owed and cards are due, and sets the next timer.
 */
export class ReminderClock {
  private cancel: (() => void) | null = null;

  constructor(private readonly deps: ReminderDeps) {}

  check(): void {
    const { deps } = this;
    const reminders = deps.reminders();
    const input = () => ({ reminders, now: deps.now(), timeZone: deps.timeZone, settledDay: deps.readSettled() });
    const due = reminders.enabled ? deps.dueCount() : 0;
    deps.setBadge(badgeCount(reminders, due));
    if (reminderOwed(input())) {
      // settled first: a notification that throws must not ring again on the next check
      deps.writeSettled(localDay(deps.now(), deps.timeZone));
      if (due > 0) deps.notify(due);
    }
    this.schedule(checkDelay(input()));
  }

  /**
   * Reminders just turned on, or their time moved: a time already past today is not rung at once (the
   * person is here, choosing it); the first reminder is the next one.
   */
  preferencesChanged(before: ReminderPreferences): void {
    const { deps } = this;
    const after = deps.reminders();
    const turnedOn = after.enabled && (!before.enabled || before.time !== after.time);
    const now = deps.now();
    if (turnedOn && now >= reminderMoment(localDay(now, deps.timeZone), after.time, deps.timeZone)) {
      deps.writeSettled(localDay(now, deps.timeZone));
    }
    this.check();
  }

  stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private schedule(ms: number): void {
    this.stop();
    this.cancel = this.deps.setTimer(() => this.check(), ms);
  }
}

interface ReminderStateFile {
  settledDay: number;
}

function isReminderState(value: unknown): value is ReminderStateFile {
  return Number.isSafeInteger((value as ReminderStateFile | null)?.settledDay);
}

export function readSettledDay(dataDir: string, warn?: (message: string) => void): number | null {
  return readJsonFile(join(dataDir, REMINDER_STATE_FILE), isReminderState, warn)?.settledDay ?? null;
}

export function writeSettledDay(dataDir: string, day: number, fs?: FileSystem): void {
  writeJsonFile(join(dataDir, REMINDER_STATE_FILE), { settledDay: day } satisfies ReminderStateFile, fs);
}
