/**
 * Where the window was: its size, position, maximised state and zoom, remembered per set of displays
 * (a laptop alone and the laptop at its desk each get their own), and the last screen (the route hash)
 * to open again. A window is never placed off-screen: bounds from a display since removed, or a
 * resolution since lowered, are moved and shrunk onto a display that is there. Kept in
 * window-state.json in the data folder. Plain Node, no Electron: main.ts passes screen.getAllDisplays().
 */
import { join } from 'node:path';
import type { FileSystem } from './core/file-system';
import { readJsonFile, writeJsonFile } from './json-file';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  /** The display less its task bar, dock and menu bar. */
  workArea: Rect;
}

export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
  /** Chromium's zoom level: 0 is 100%, each step ±0.5. */
  zoomLevel: number;
}

export interface WindowState {
  version: 1;
  /** By displaySetKey. */
  placements: Record<string, WindowPlacement>;
  /** The display set last used, for a set never seen before. */
  lastKey?: string;
  /** The screen last shown, e.g. `#/browse`. */
  route?: string;
}

export interface WindowLimits {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

export const ZOOM_LEVELS = { min: -3, max: 5, step: 0.5 } as const;
/** How much of the window's top must show on some display for it to stay where it was: enough to grab. */
const GRAB_WIDTH = 120;
const GRAB_HEIGHT = 40;

export const EMPTY_WINDOW_STATE: WindowState = { version: 1, placements: {} };

/** The set of displays as a key: each display's id and bounds, in id order. */
export function displaySetKey(displays: readonly DisplayInfo[]): string {
  return [...displays]
    .sort((a, b) => a.id - b.id)
    .map(({ id, bounds: b }) => `${id}@${b.x},${b.y},${b.width}x${b.height}`)
    .join('|');
}

function overlap(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  const width = Math.min(a.x + a.width, b.x + b.width) - x;
  const height = Math.min(a.y + a.height, b.y + b.height) - y;
  return width > 0 && height > 0 ? { x, y, width, height } : null;
}

/** The window's top strip, where its title bar is. */
function grabStrip(bounds: Rect): Rect {
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(bounds.height, GRAB_HEIGHT) };
}

function canGrab(bounds: Rect, area: Rect): boolean {
  const shown = overlap(grabStrip(bounds), area);
  return (
    shown !== null &&
    shown.width >= Math.min(GRAB_WIDTH, bounds.width) &&
    shown.height >= Math.min(GRAB_HEIGHT, bounds.height)
  );
}

function centredIn(area: Rect, width: number, height: number): Rect {
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Bounds that fit on the displays there are: no larger than the work area they end up on, and on it. A
 * window whose title bar shows on a display stays put (only shrunk to fit); one that does not is centred
 * on the display it overlaps most, else the first (primary) one.
 */
export function clampBounds(bounds: Rect, displays: readonly DisplayInfo[], limits: WindowLimits): Rect {
  const areas = displays.map((display) => display.workArea);
  if (areas.length === 0) return bounds;
  const grabbed = areas.find((area) => canGrab(bounds, area));
  const area =
    grabbed ??
    [...areas]
      .sort((a, b) => overlapArea(bounds, b) - overlapArea(bounds, a))
      .find((a) => overlapArea(bounds, a) > 0) ??
    areas[0];
  const width = Math.min(Math.max(bounds.width, limits.minWidth), area.width);
  const height = Math.min(Math.max(bounds.height, limits.minHeight), area.height);
  if (!grabbed) return centredIn(area, width, height);
  // shrunk to fit, then pulled in so no edge hangs past the work area
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

function overlapArea(bounds: Rect, area: Rect): number {
  const shown = overlap(bounds, area);
  return shown ? shown.width * shown.height : 0;
}

export function clampZoom(level: number): number {
  if (!Number.isFinite(level)) return 0;
  return Math.min(ZOOM_LEVELS.max, Math.max(ZOOM_LEVELS.min, level));
}

/** Where to open the window on these displays: as last on this set, else as last anywhere, else centred. */
export function placementFor(
  state: WindowState,
  displays: readonly DisplayInfo[],
  limits: WindowLimits,
): WindowPlacement {
  const stored =
    state.placements[displaySetKey(displays)] ?? (state.lastKey ? state.placements[state.lastKey] : undefined);
  if (!stored) {
    const area = displays[0]?.workArea ?? { x: 0, y: 0, width: limits.width, height: limits.height };
    const width = Math.min(limits.width, area.width);
    const height = Math.min(limits.height, area.height);
    return { bounds: centredIn(area, width, height), maximized: false, zoomLevel: 0 };
  }
  return {
    bounds: clampBounds(stored.bounds, displays, limits),
    maximized: stored.maximized,
    zoomLevel: clampZoom(stored.zoomLevel),
  };
}

export function withPlacement(
  state: WindowState,
  displays: readonly DisplayInfo[],
  placement: WindowPlacement,
): WindowState {
  const key = displaySetKey(displays);
  return { ...state, placements: { ...state.placements, [key]: placement }, lastKey: key };
}

/**
 * The route to open next time: a plain screen's hash. An import preview's upload does not outlive Cue,
 * so it reopens the Import screen; anything that is not a hash route is not kept.
 */
export function restorableRoute(hash: string): string | undefined {
  if (!/^#\/[\w/?=&.%-]{0,200}$/.test(hash)) return undefined;
  return hash.startsWith('#/import') ? '#/import' : hash;
}

export function withRoute(state: WindowState, hash: string): WindowState {
  const route = restorableRoute(hash);
  return route === undefined ? state : { ...state, route };
}

function isRect(value: unknown): value is Rect {
  const r = value as Rect;
  return (
    typeof r === 'object' &&
    r !== null &&
    [r.x, r.y, r.width, r.height].every(Number.isFinite) &&
    r.width > 0 &&
    r.height > 0
  );
}

function isPlacement(value: unknown): value is WindowPlacement {
  const p = value as WindowPlacement;
  return (
    typeof p === 'object' &&
    p !== null &&
    isRect(p.bounds) &&
    typeof p.maximized === 'boolean' &&
    Number.isFinite(p.zoomLevel)
  );
}

export function isWindowState(value: unknown): value is WindowState {
  const s = value as WindowState;
  return (
    typeof s === 'object' &&
    s !== null &&
    s.version === 1 &&
    typeof s.placements === 'object' &&
    s.placements !== null &&
    Object.values(s.placements).every(isPlacement) &&
    (s.lastKey === undefined || typeof s.lastKey === 'string') &&
    (s.route === undefined || restorableRoute(s.route) === s.route)
  );
}

export function windowStatePath(dataDir: string): string {
  return join(dataDir, WINDOW_STATE_FILE);
}

export function readWindowState(dataDir: string, warn?: (message: string) => void): WindowState {
  return readJsonFile(windowStatePath(dataDir), isWindowState, warn) ?? structuredClone(EMPTY_WINDOW_STATE);
}

export function writeWindowState(dataDir: string, state: WindowState, fs?: FileSystem): void {
  writeJsonFile(windowStatePath(dataDir), state, fs);
}
