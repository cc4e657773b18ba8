/** This computer's preferences: kept beside the collection, validated, written whole, and never lost. */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { PREFERENCES_FILE } from '../../electron/core/device-preferences';
import { dispatch } from '../../electron/core/dispatch';
import { CueError } from '../../shared/errors';
import { DEFAULT_PREFERENCES } from '../../shared/preferences';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { FaultyFileSystem } from '../helpers/faulty-file-system';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 11, 2, 8, 0);

describe('device preferences', () => {
  it('start at the defaults: the system theme, reminders off', () => {
    const collection = openTestCollection(new TestClock(NOW), { dataDir: tempDir() });
    expect(dispatch(collection, 'preferences.get', {})).toEqual(DEFAULT_PREFERENCES);
    expect(existsSync(join(collection.dataDir, PREFERENCES_FILE))).toBe(false);
  });

  it('keep a change, field by field, across a restart, outside the collection file', () => {
    const dataDir = tempDir();
    const first = openTestCollection(new TestClock(NOW), { dataDir });
    dispatch(first, 'preferences.set', { theme: 'dark' });
    const after = dispatch(first, 'preferences.set', { reminders: { enabled: true, time: '07:45' } });
    expect(after).toEqual({
      theme: 'dark',
      reminders: { enabled: true, time: '07:45', keepInTray: true, openAtLogin: false },
    });
    first.close();
    const second = openTestCollection(new TestClock(NOW), { dataDir });
    expect(dispatch(second, 'preferences.get', {})).toEqual(after);
    const settings = second.db.prepare("SELECT count(*) FROM settings WHERE key LIKE '%theme%'").pluck().get();
    expect(settings).toBe(0);
  });

  it('tell their listeners of each change made, from any transport, and of no refused one', () => {
    const collection = openTestCollection(new TestClock(NOW), { dataDir: tempDir() });
    const heard: [string, boolean, boolean][] = [];
    const stop = collection.onPreferencesChanged((next, before) =>
      heard.push([next.theme, before.reminders.enabled, next.reminders.enabled]),
    );
    dispatch(collection, 'preferences.set', { reminders: { enabled: true } });
    expect(() => dispatch(collection, 'preferences.set', { theme: 'sepia' })).toThrow();
    dispatch(collection, 'preferences.set', { theme: 'dark' });
    stop();
    dispatch(collection, 'preferences.set', { theme: 'light' });
    expect(heard).toEqual([
      ['system', false, true],
      ['dark', true, true],
    ]);
  });

  it('a listener that fails does not fail the change, which is kept', () => {
    const collection = openTestCollection(new TestClock(NOW), { dataDir: tempDir() });
    collection.onPreferencesChanged(() => {
      throw new Error('no tray on this desktop');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(dispatch(collection, 'preferences.set', { theme: 'dark' })).toMatchObject({ theme: 'dark' });
      expect(logged).toHaveBeenCalledWith('After a change of preferences: no tray on this desktop');
    } finally {
      logged.mockRestore();
    }
    expect(JSON.parse(readFileSync(join(collection.dataDir, PREFERENCES_FILE), 'utf8')).theme).toBe('dark');
  });

  it('refuse a bad value with what and where, and keep what was stored', () => {
    const collection = openTestCollection(new TestClock(NOW), { dataDir: tempDir() });
    dispatch(collection, 'preferences.set', { theme: 'light' });
    const stored = readFileSync(join(collection.dataDir, PREFERENCES_FILE), 'utf8');
    const badTime = thrown(CueError, () => dispatch(collection, 'preferences.set', { reminders: { time: '25:00' } }));
    expect(badTime.code).toBe('invalid_input');
    expect(badTime.message).toContain('reminders.time');
    expect(badTime.message).toContain('HH:MM');
    const badTheme = thrown(CueError, () => dispatch(collection, 'preferences.set', { theme: 'sepia' }));
    expect(badTheme.message).toContain('theme');
    expect(readFileSync(join(collection.dataDir, PREFERENCES_FILE), 'utf8')).toBe(stored);
    expect(dispatch(collection, 'preferences.get', {})).toMatchObject({ theme: 'light' });
  });

  it('set a damaged file aside, say where, and start from the defaults', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, PREFERENCES_FILE), '{"theme": "dark", "reminders": ');
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    expect(dispatch(collection, 'preferences.get', {})).toEqual(DEFAULT_PREFERENCES);
    const aside = readdirSync(dataDir).filter((name) => name.startsWith(`${PREFERENCES_FILE}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dataDir, aside[0] ?? ''), 'utf8')).toBe('{"theme": "dark", "reminders": ');
    expect(collection.warnings.join('\n')).toContain(`moved to ${join(dataDir, aside[0] ?? '')}`);
    expect(collection.warnings.join('\n')).toContain('is not JSON');
  });

  it('read a file with a value this version does not know as damaged, naming the field', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, PREFERENCES_FILE), JSON.stringify({ theme: 'solarized' }));
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    expect(collection.preferences.theme).toBe('system');
    expect(collection.warnings.join('\n')).toContain('theme:');
  });

  it('fill a reminder field the file lacks from the defaults; a file that is not an object is set aside', () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, PREFERENCES_FILE), JSON.stringify({ theme: 'dark', reminders: { enabled: true } }));
    const collection = openTestCollection(new TestClock(NOW), { dataDir });
    expect(collection.preferences).toEqual({
      theme: 'dark',
      reminders: { ...DEFAULT_PREFERENCES.reminders, enabled: true },
    });
    expect(collection.warnings).toEqual([]);
    const other = tempDir();
    writeFileSync(join(other, PREFERENCES_FILE), 'null');
    const second = openTestCollection(new TestClock(NOW), { dataDir: other });
    expect(dispatch(second, 'preferences.get', {})).toEqual(DEFAULT_PREFERENCES);
    expect(second.warnings.join('\n')).toContain('it is not a JSON object');
  });

  it('on a full disk: refused in Cue’s words, the stored preferences as they were', () => {
    const dataDir = tempDir();
    const fs = new FaultyFileSystem();
    const collection = openTestCollection(new TestClock(NOW), { dataDir, fileSystem: fs });
    dispatch(collection, 'preferences.set', { theme: 'dark' });
    fs.failWrites('ENOSPC', /preferences/);
    const error = thrown(CueError, () => dispatch(collection, 'preferences.set', { theme: 'light' }));
    expect(error.code).toBe('storage');
    expect(error.message).toContain('the disk is full');
    expect(error.message).toContain(PREFERENCES_FILE);
    expect(collection.preferences.theme).toBe('dark');
    expect(JSON.parse(readFileSync(join(dataDir, PREFERENCES_FILE), 'utf8')).theme).toBe('dark');
  });

  it('cannot be changed through a read-only opening', () => {
    const dataDir = tempDir();
    openTestCollection(new TestClock(NOW), { dataDir }).close();
    const reader = openTestCollection(new TestClock(NOW), { dataDir, readOnly: true });
    expect(thrown(CueError, () => dispatch(reader, 'preferences.set', { theme: 'dark' })).message).toContain(
      'read-only',
    );
  });
});
