/** `cue simulate`: one row per desired retention, as JSON or a table; bad flags say what is wrong. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { runCue } from '../helpers/cue-process';

let dataDir: string;
test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cue-simulate-cli-'));
});
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

test('cue simulate --json prints one row per retention asked for', () => {
  const { code, stdout, stderr } = runCue([
    'simulate',
    '--json',
    '--days',
    '90',
    '--retention',
    '0.8,0.9,0.95',
    '--data-dir',
    dataDir,
  ]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const rows = JSON.parse(stdout) as Record<string, number>[];
  expect(rows.map((row) => row.retention)).toEqual([0.8, 0.9, 0.95]);
  for (const row of rows) {
    expect(Object.keys(row)).toEqual(['retention', 'reviewsPerDay', 'minutesPerDay', 'remembered']);
    // the bundled deck's 50 new cards are learnt in the first days
    expect(row.remembered).toBeGreaterThan(30);
    expect(row.remembered).toBeLessThanOrEqual(50);
  }
  expect(rows[2].reviewsPerDay).toBeGreaterThan(rows[0].reviewsPerDay);
});

test('cue simulate prints every retention from 0.70 to 0.99 as a table, the current one marked', () => {
  const { code, stdout } = runCue(['simulate', '--data-dir', dataDir]);
  expect(code).toBe(0);
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toBe('Preset "Default", the next 365 days');
  expect(lines[1]).toMatch(/^retention\s+reviews\/day\s+minutes\/day\s+remembered$/);
  expect(lines.slice(2)).toHaveLength(30);
  expect(lines[2]).toMatch(/^\s+0\.70\s/);
  expect(lines.at(-1)).toMatch(/^\s+0\.99\s/);
  expect(lines.find((line) => line.includes('current'))).toMatch(/^\s+0\.90\s/);
  expect(lines.filter((line) => line.includes('most remembered per minute'))).toHaveLength(1);
});

test('cue simulate refuses bad flags with a message and a non-zero exit', () => {
  const cases: [string[], RegExp][] = [
    [['--retention', '0.5'], /A retention must be at least 0.70/],
    [['--retention', '0.9,,0.8'], /--retention takes retentions from 0.70 to 0.99 separated by commas/],
    [['--retention', 'high'], /not "high"/],
    [['--days', '0'], /Days must be at least 1/],
    [['--days', '5000'], /Days must be at most 1825/],
    [['--days', 'ten'], /--days takes a number, not "ten"/],
    [['--deck', '42'], /There is no deck 42/],
  ];
  for (const [flags, message] of cases) {
    const { code, stdout, stderr } = runCue(['simulate', ...flags, '--data-dir', dataDir]);
    expect(code, flags.join(' ')).not.toBe(0);
    expect(stderr, flags.join(' ')).toMatch(message);
    expect(stdout).toBe('');
  }
});
