/**
 * The window's place (electron/window-state.ts): remembered per set of displays, never opened off-screen
 * when a display has gone or shrunk, zoom kept in bounds, the last screen restored (an import preview's
 * upload not), and the file in the data folder written whole, a damaged one ignored with a warning.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  clampBounds,
  type DisplayInfo,
  displaySetKey,
  placementFor,
  readWindowState,
  restorableRoute,
  type WindowState,
  windowStatePath,
  withPlacement,
  withRoute,
  writeWindowState,
} from '../../electron/window-state';
import { tempDir } from '../helpers/collections';
import { FaultyFileSystem } from '../helpers/faulty-file-system';

const LIMITS = { width: 1200, height: 820, minWidth: 1024, minHeight: 700 };
const display = (id: number, x: number, y: number, width: number, height: number, menu = 0): DisplayInfo => ({
  id,
  bounds: { x, y, width, height },
  workArea: { x, y: y + menu, width, height: height - menu },
});
const LAPTOP = display(1, 0, 0, 1440, 900, 25);
const MONITOR = display(2, 1440, 0, 2560, 1440);
const EMPTY: WindowState = { version: 1, placements: {} };

describe('per set of displays', () => {
  it('a first start centres the default size on the primary display', () => {
    expect(placementFor(EMPTY, [LAPTOP], LIMITS)).toEqual({
      bounds: { x: 120, y: 53, width: 1200, height: 820 },
      maximized: false,
      zoomLevel: 0,
    });
  });

  it('the laptop alone and the laptop with its monitor each keep their own place', () => {
    const onMonitor = { bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: true, zoomLevel: 1 };
    const onLaptop = { bounds: { x: 10, y: 40, width: 1300, height: 800 }, maximized: false, zoomLevel: -0.5 };
    let state = withPlacement(EMPTY, [LAPTOP, MONITOR], onMonitor);
    state = withPlacement(state, [LAPTOP], onLaptop);
    expect(placementFor(state, [MONITOR, LAPTOP], LIMITS)).toEqual(onMonitor);
    expect(placementFor(state, [LAPTOP], LIMITS)).toEqual(onLaptop);
    expect(Object.keys(state.placements)).toHaveLength(2);
  });

  it('the key is the displays and their bounds, whatever order the system lists them in', () => {
    expect(displaySetKey([MONITOR, LAPTOP])).toBe(displaySetKey([LAPTOP, MONITOR]));
    expect(displaySetKey([LAPTOP])).not.toBe(displaySetKey([{ ...LAPTOP, bounds: { ...LAPTOP.bounds, width: 1280 } }]));
  });

  it('a set never seen before starts from the last place used, moved onto the screen', () => {
    const onMonitor = { bounds: { x: 1600, y: 100, width: 1800, height: 1200 }, maximized: false, zoomLevel: 1 };
    const state = withPlacement(EMPTY, [LAPTOP, MONITOR], onMonitor);
    const projector = display(7, 0, 0, 1920, 1080);
    const placed = placementFor(state, [projector], LIMITS);
    expect(placed.zoomLevel).toBe(1);
    expect(placed.bounds).toEqual({ x: 120, y: 0, width: 1800, height: 1080 });
  });
});

describe('never off-screen', () => {
  it('a window left on a monitor since unplugged opens centred on the laptop, shrunk to fit', () => {
    const onMonitor = { bounds: { x: 2000, y: 200, width: 1800, height: 1200 }, maximized: false, zoomLevel: 0 };
    const state: WindowState = { version: 1, placements: { [displaySetKey([LAPTOP])]: onMonitor } };
    const { bounds } = placementFor(state, [LAPTOP], LIMITS);
    expect(bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('a window whose title bar still shows stays where it is, pulled in so no edge hangs off', () => {
    expect(clampBounds({ x: 400, y: 300, width: 1200, height: 820 }, [LAPTOP], LIMITS)).toEqual({
      x: 240,
      y: 80,
      width: 1200,
      height: 820,
    });
  });

  it('a window above the top (its title bar hidden under the menu bar) is brought down', () => {
    const placed = clampBounds({ x: 100, y: -500, width: 1100, height: 760 }, [LAPTOP], LIMITS);
    expect(placed.y).toBeGreaterThanOrEqual(25);
    expect(placed.y + placed.height).toBeLessThanOrEqual(900);
  });

  it('a window across two displays stays on the one showing its title bar', () => {
    const across = { x: 1300, y: 100, width: 1200, height: 800 };
    expect(clampBounds(across, [LAPTOP, MONITOR], LIMITS)).toEqual({ x: 240, y: 100, width: 1200, height: 800 });
    expect(clampBounds({ ...across, x: 1380 }, [LAPTOP, MONITOR], LIMITS)).toEqual({ ...across, x: 1440 });
  });

  it('sizes are never below the minimum nor above the work area; zoom stays in its range', () => {
    expect(clampBounds({ x: 0, y: 25, width: 300, height: 200 }, [LAPTOP], LIMITS)).toMatchObject({
      width: 1024,
      height: 700,
    });
    const state = withPlacement(EMPTY, [LAPTOP], {
      bounds: { x: 0, y: 25, width: 1200, height: 800 },
      maximized: false,
      zoomLevel: 40,
    });
    expect(placementFor(state, [LAPTOP], LIMITS).zoomLevel).toBe(5);
  });
});

describe('the last screen', () => {
  it('is kept as a hash route; an import preview reopens the Import screen, its upload gone', () => {
    expect(withRoute(EMPTY, '#/browse').route).toBe('#/browse');
    expect(withRoute(EMPTY, '#/stats/1/3?at=2026-05-01').route).toBe('#/stats/1/3?at=2026-05-01');
    expect(restorableRoute('#/import?upload=abc123')).toBe('#/import');
    expect(withRoute({ ...EMPTY, route: '#/browse' }, 'javascript:alert(1)').route).toBe('#/browse');
    expect(restorableRoute('#/x"><script>')).toBeUndefined();
  });
});

describe('the file in the data folder', () => {
  it('is written whole and read back; none of its temporary file is left', () => {
    const dir = tempDir();
    const state = withRoute(
      withPlacement(EMPTY, [LAPTOP], {
        bounds: { x: 5, y: 30, width: 1100, height: 760 },
        maximized: true,
        zoomLevel: 0.5,
      }),
      '#/browse',
    );
    writeWindowState(dir, state);
    expect(readWindowState(dir)).toEqual(state);
    expect(readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('a failed write leaves the previous file as it was', () => {
    const dir = tempDir();
    writeWindowState(dir, withRoute(EMPTY, '#/browse'));
    const before = readFileSync(windowStatePath(dir), 'utf8');
    const fs = new FaultyFileSystem().failWrites('ENOSPC');
    expect(() => writeWindowState(dir, withRoute(EMPTY, '#/import'), fs)).toThrow();
    expect(readFileSync(windowStatePath(dir), 'utf8')).toBe(before);
  });

  it('a damaged or foreign file is ignored with a warning that names it, and the window opens as new', () => {
    const dir = tempDir();
    const warnings: string[] = [];
    expect(readWindowState(dir, (m) => warnings.push(m))).toEqual(EMPTY);
    expect(warnings).toEqual([]); // no file: nothing to warn about
    writeFileSync(windowStatePath(dir), '{"version":1,"placements":{"1@0,0,1x1":{"bounds":');
    expect(readWindowState(dir, (m) => warnings.push(m))).toEqual(EMPTY);
    writeFileSync(windowStatePath(dir), JSON.stringify({ version: 1, placements: { k: { bounds: 'left' } } }));
    expect(readWindowState(dir, (m) => warnings.push(m))).toEqual(EMPTY);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/^Ignoring .*window-state\.json: it could not be read/);
    expect(warnings[1]).toMatch(/does not hold what Cue expects/);
    expect(existsSync(windowStatePath(dir))).toBe(true); // left for the next write to replace
  });
});
