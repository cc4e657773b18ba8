/** The Sync screen's words: moments relative to now, a kept conflict's field and value, and what each action did. */
import { describe, expect, it } from 'vitest';
import { conflictField, fullValue, REASON_LABELS, shortValue } from '../../renderer/lib/conflict-words';
import { mergeOutcome, snapshotOutcome } from '../../renderer/screens/sync/sync-session';
import { devicesInOrder, fileCount, lastChangeWords, relativeTime } from '../../renderer/screens/sync/sync-words';
import type { SyncDevice, SyncStatus } from '../../shared/sync';

const NOW = Date.UTC(2026, 5, 2, 10, 0, 0);
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('a moment, relative to now', () => {
  it('says seconds ago as just now, then minutes, hours, yesterday and days', () => {
    expect(relativeTime(NOW, NOW)).toBe('just now');
    expect(relativeTime(NOW - 44 * SECOND, NOW)).toBe('just now');
    expect(relativeTime(NOW - 45 * SECOND, NOW)).toBe('1 minute ago');
    expect(relativeTime(NOW - 2 * MINUTE, NOW)).toBe('2 minutes ago');
    expect(relativeTime(NOW - 59 * MINUTE, NOW)).toBe('59 minutes ago');
    expect(relativeTime(NOW - HOUR, NOW)).toBe('1 hour ago');
    expect(relativeTime(NOW - 5 * HOUR, NOW)).toBe('5 hours ago');
    expect(relativeTime(NOW - DAY, NOW)).toBe('yesterday');
    expect(relativeTime(NOW - 3 * DAY, NOW)).toBe('3 days ago');
  });

  it('gives a moment four weeks back or more as its day, not as a count of days', () => {
    const text = relativeTime(NOW - 40 * DAY, NOW);
    expect(text).not.toMatch(/ago/);
    expect(text).toMatch(/2026/);
  });

  it('takes another clock a little ahead as now, and one far ahead as its exact time, never "in 3 hours"', () => {
    expect(relativeTime(NOW + 30 * SECOND, NOW)).toBe('just now');
    const ahead = relativeTime(NOW + 3 * HOUR, NOW);
    expect(ahead).not.toMatch(/ago|^in /);
    expect(ahead).toMatch(/2026/);
  });
});

describe('a kept conflict', () => {
  it('names what was edited and its field', () => {
    expect(conflictField({ entity: 'note', field: 'front' })).toBe('Note · front');
    expect(conflictField({ entity: 'note_type', field: 'css_text' })).toBe('Note type · css text');
    // an entity this build does not know is named as the folder gives it
    expect(conflictField({ entity: 'widget', field: 'size' })).toBe('widget · size');
    expect(REASON_LABELS['later-edit']).toMatch(/later edit/);
    expect(REASON_LABELS.deleted).toMatch(/Deleted/);
  });

  it('shows a losing value on one line, cut at a word with an ellipsis', () => {
    expect(shortValue('What is\n  overfitting?')).toBe('What is overfitting?');
    expect(shortValue(42)).toBe('42');
    expect(shortValue(null)).toBe('null');
    expect(shortValue({ due: 3 })).toBe('{"due":3}');
    expect(shortValue('')).toBe('(empty)');
    const long = 'word '.repeat(40);
    const cut = shortValue(long, 30);
    expect(cut.length).toBeLessThanOrEqual(30);
    expect(cut.endsWith('word…')).toBe(true);
    // one long run without spaces is cut where it must be
    expect(shortValue('x'.repeat(100), 20)).toBe(`${'x'.repeat(19)}…`);
  });

  it("reads a note's fields as their texts", () => {
    expect(shortValue(['What is a hash map?', 'A table of buckets.'])).toBe(
      'What is a hash map? · A table of buckets.',
    );
  });

  it("gives a losing value in full: each of a note's fields apart, tags on one line, text as typed", () => {
    const fields = JSON.stringify(['What is a hash map?', 'A table\nof buckets.']);
    expect(fullValue({ field: 'fields', value: fields })).toEqual(['What is a hash map?', 'A table\nof buckets.']);
    expect(fullValue({ field: 'tags', value: ['ml', 'basics'] })).toEqual(['ml, basics']);
    expect(fullValue({ field: 'answer', value: 'Line one\n\n  line two' })).toEqual(['Line one\n\n  line two']);
    expect(fullValue({ field: 'flag', value: 2 })).toEqual(['2']);
  });

  it('counts files', () => {
    expect(fileCount(1)).toBe('1 file');
    expect(fileCount(3)).toBe('3 files');
  });
});

describe('the devices table', () => {
  const device = (over: Partial<SyncDevice>): SyncDevice => ({
    device: 'aaaa1111',
    name: 'Laptop',
    self: false,
    segments: 2,
    lastChange: null,
    ...over,
  });

  it('puts this computer first, then the others by name, not by id', () => {
    const order = devicesInOrder([
      device({ device: 'aaaa', name: 'Office desktop' }),
      device({ device: 'bbbb', name: 'vm', self: true }),
      device({ device: 'cccc', name: 'Laptop' }),
    ]);
    expect(order.map((d) => d.device)).toEqual(['bbbb', 'cccc', 'aaaa']);
  });

  it('says a device with files not merged yet is not read yet, not that it has no changes', () => {
    expect(lastChangeWords(device({}))).toBe('Not read yet');
    expect(lastChangeWords(device({ segments: 0 }))).toBe('None yet');
    expect(lastChangeWords(device({ self: true, segments: 0 }))).toBe('None yet');
    expect(lastChangeWords(device({ lastChange: NOW }))).toBeNull();
  });
});

const status = (over: Partial<SyncStatus>): SyncStatus => ({
  folder: '/sync/Cue',
  device: 'abcd1234',
  devices: [],
  lastMerge: NOW,
  eventsMerged: 0,
  pending: 0,
  unreadable: [],
  conflicts: 0,
  problem: null,
  ...over,
});

describe('what an action did', () => {
  it('Merge now: the changes merged since before it, and what still waits', () => {
    expect(mergeOutcome(status({ eventsMerged: 10 }), status({ eventsMerged: 13 }))).toBe(
      "Merged 3 changes from other devices; this computer's changes are written to the folder, nothing waits.",
    );
    expect(mergeOutcome(status({}), status({ pending: 2 }))).toBe(
      "Nothing new from other devices; this computer's changes are written to the folder, 2 changes still wait.",
    );
    // no status before (the screen had not loaded it): nothing is claimed as merged
    expect(mergeOutcome(undefined, status({ eventsMerged: 99 }))).toMatch(/^Nothing new/);
  });

  it('Merge now that met a problem says the problem, not success', () => {
    const text = mergeOutcome(status({}), status({ problem: 'The sync folder /x is not there.' }));
    expect(text).toBe('The merge did not finish: The sync folder /x is not there.');
  });

  it('a snapshot: its file, size and records', () => {
    expect(snapshotOutcome({ file: 'devices/abcd1234/snapshots/000000003.cuesnap', events: 1, bytes: 512 })).toBe(
      'Wrote a snapshot of the collection: devices/abcd1234/snapshots/000000003.cuesnap (512 bytes, 1 record).',
    );
  });
});
