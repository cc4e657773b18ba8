/**
 * This computer's preferences for Cue, as opposed to the collection's settings (shared/domain.ts): how
 * Cue looks and when it reminds. They are kept beside the collection, not in it, so a backup restored
 * or a collection synced to another computer never changes how this one looks or when it rings.
 */
import { z } from 'zod';

export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

/** A local time of day, 24-hour `HH:MM`. */
export const timeOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A reminder time is HH:MM on a 24-hour clock, e.g. 08:30');

export const reminderPreferences = z.strictObject({
  /** Off until the person turns them on. */
  enabled: z.boolean(),
  /** When to notify, local time, if cards are due then. */
  time: timeOfDay,
  /** Keep a tray (menu-bar) icon so reminders arrive with the window closed. */
  keepInTray: z.boolean(),
  /** Start Cue (in the tray) when the person logs in. */
  openAtLogin: z.boolean(),
});
export type ReminderPreferences = z.infer<typeof reminderPreferences>;

export const devicePreferences = z.strictObject({
  theme: z.enum(THEME_CHOICES),
  reminders: reminderPreferences,
});
export type DevicePreferences = z.infer<typeof devicePreferences>;

/** What `preferences.set` takes: any of the preferences, reminders field by field. */
export const devicePreferencesChange = z.strictObject({
  theme: z.enum(THEME_CHOICES).optional(),
  reminders: reminderPreferences.partial().optional(),
});
export type DevicePreferencesChange = z.infer<typeof devicePreferencesChange>;

export const DEFAULT_PREFERENCES: DevicePreferences = {
  theme: 'system',
  reminders: { enabled: false, time: '09:00', keepInTray: true, openAtLogin: false },
};
