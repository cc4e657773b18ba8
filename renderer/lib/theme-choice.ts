/**
 * The theme Cue shows: this computer's preference (System, Light or Dark, `preferences.get`), resolved to
 * light or dark and set on the root element as `data-theme`, which styles.css follows. System follows the
 * OS's colour scheme as it changes. The preference is read at start and again whenever the window hears
 * `cue:preferences-changed` (fired by whatever changed it: the settings dialog, the desktop menu).
 *
 * The last resolved choice is also kept in localStorage, so the next start shows the right theme before the
 * preference has been read (no flash of the wrong one); the preference file stays the one that counts.
 */
import type { ThemeChoice } from '../../shared/preferences';
import { THEME_CHOICES } from '../../shared/preferences';
import { call } from './api-client';

export type Theme = 'light' | 'dark';

export const PREFERENCES_CHANGED = 'cue:preferences-changed';
const DARK_QUERY = '(prefers-color-scheme: dark)';
const CACHE_KEY = 'cue-theme-choice';

/** The theme a choice shows, given whether the OS is dark now. */
export function resolveTheme(choice: ThemeChoice, systemDark: boolean): Theme {
  if (choice === 'system') return systemDark ? 'dark' : 'light';
  return choice;
}

/** A stored or received value as a choice; anything else is System, the default. */
export function asThemeChoice(value: unknown): ThemeChoice {
  return THEME_CHOICES.find((choice) => choice === value) ?? 'system';
}

let choice: ThemeChoice = 'system';
const listeners = new Set<() => void>();

function systemDark(): boolean {
  return window.matchMedia(DARK_QUERY).matches;
}

function apply(): void {
  const root = document.documentElement;
  const theme = resolveTheme(choice, systemDark());
  if (root.dataset.theme === theme && root.dataset.themeChoice === choice) return;
  root.dataset.theme = theme;
  root.dataset.themeChoice = choice;
  for (const listener of listeners) listener();
}

/** Shows `next` now, and remembers it for the next start. */
export function showThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    localStorage.setItem(CACHE_KEY, next);
  } catch {
    // storage refused (a private window): the preference is still read at each start
  }
  apply();
}

function cachedChoice(): ThemeChoice {
  try {
    return asThemeChoice(localStorage.getItem(CACHE_KEY));
  } catch {
    return 'system';
  }
}

/** Reads the preference and shows it; when it cannot be read, the theme stays as it is. */
export async function readThemePreference(): Promise<void> {
  try {
    showThemeChoice((await call('preferences.get', {})).theme);
  } catch {
    // a host without preferences (or one that failed): the cached or system theme stays
  }
}

/** Sets the attribute before the first render, then follows the OS and the preference. Call once at start. */
export function startThemeChoice(): void {
  choice = cachedChoice();
  apply();
  window.matchMedia(DARK_QUERY).addEventListener('change', apply);
  window.addEventListener(PREFERENCES_CHANGED, () => void readThemePreference());
  void readThemePreference();
}

/**
 * Shows a new choice at once and saves it as this computer's preference, then tells every part of the
 * window that it changed. When the save fails the previous choice comes back, and the error is thrown.
 */
export async function saveThemeChoice(next: ThemeChoice): Promise<void> {
  const previous = choice;
  showThemeChoice(next);
  try {
    await call('preferences.set', { theme: next });
  } catch (error) {
    showThemeChoice(previous);
    throw error;
  }
  window.dispatchEvent(new Event(PREFERENCES_CHANGED));
}

export function currentThemeChoice(): ThemeChoice {
  return choice;
}

/** The theme on the root element now. */
export function currentTheme(): Theme {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';
}

/** Calls `onChange` whenever the theme shown or the choice changes; returns the unsubscribe. */
export function subscribeTheme(onChange: () => void): () => void {
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}
