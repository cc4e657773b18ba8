/**
 * Where the bundled entry points (dist/electron/*.cjs) find the rest of the app. Used by the
 * Electron main process and the CLI; both are bundled into dist/electron.
 */
import { join } from 'node:path';

export const appRoot = join(__dirname, '..', '..');
export const bundledDeckDir = join(appRoot, 'deck');
export const rendererDir = join(appRoot, 'dist', 'renderer');

/**
 * The clock the app runs on. CUE_NOW (an ISO date or ms since epoch) starts the clock at that moment
 * and lets it run from there: for demos, screenshots and end-to-end tests of other days.
 */
export function clockFromEnv(env: NodeJS.ProcessEnv = process.env): () => number {
  const start = env.CUE_NOW;
  if (!start) return Date.now;
  const at = /^\d+$/.test(start) ? Number(start) : Date.parse(start);
  if (!Number.isFinite(at)) throw new Error(`CUE_NOW must be a date or ms since epoch, not "${start}"`);
  const offset = at - Date.now();
  return () => Date.now() + offset;
}
