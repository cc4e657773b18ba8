import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_NAME = 'Cue';

/**
 * Electron's userData folder for the app, computed without Electron so the CLI and the web host use
 * the same collection as the desktop app.
 */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_NAME);
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), APP_NAME);
}

/** `--data-dir` wins, then CUE_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return flag || env.CUE_DATA_DIR || defaultDataDir(process.platform, env);
}
