/**
 * Whether the dark theme is showing: the theme choice resolved (theme-choice.ts, the root's `data-theme`),
 * so this changes with the choice and, under System, with the OS, and what depends on it renders again.
 */
import { useSyncExternalStore } from 'react';
import { currentTheme, subscribeTheme } from './theme-choice';

export function useDarkTheme(): boolean {
  return useSyncExternalStore(subscribeTheme, () => currentTheme() === 'dark');
}
