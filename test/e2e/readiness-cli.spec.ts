/**
 * `cue readiness`: predicted recall on a date per section and for the deck, as the exact JSON the
 * issue gives or as a table; the deck's target date when --date is absent; bad flags say what is wrong.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { callHost, runCue, startHost } from '../helpers/cue-process';

const NOW = { CUE_NOW: '2026-03-02T10:00:00Z' };
let dataDir: string;
test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'cue-readiness-cli-'));
});
test.afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cue = (args: string[]) => runCue([...args, '--data-dir', dataDir], NOW);

test('cue readiness --json prints the date, each section and the deck with their six fields', () => {
  const { code, stdout, stderr } = cue(['readiness', '--date', '2026-03-20', '--json']);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  const result = JSON.parse(stdout) as {
    date: string;
    sections: Record<string, number | string>[];
    deck: Record<string, number | string>;
  };
  expect(Object.keys(result)).toEqual(['date', 'sections', 'deck']);
  expect(result.date).toBe('2026-03-20');
  const fields = ['id', 'name', 'cards', 'recallIfStopped', 'recallOnSchedule', 'atRisk'];
  expect(result.sections).toHaveLength(5);
  for (const group of [...result.sections, result.deck]) {
    expect(Object.keys(group)).toEqual(fields);
    // nothing studied yet: stopping now remembers nothing; keeping to the schedule learns all 50
    expect(group.recallIfStopped).toBe(0);
    expect(group.recallOnSchedule).toBeGreaterThan(0.9);
    expect(group.recallOnSchedule).toBeLessThanOrEqual(1);
  }
  expect(result.deck.cards).toBe(50);
  expect(result.sections.reduce((sum, s) => sum + Number(s.cards), 0)).toBe(50);
});

test("cue readiness uses the deck's target date, and prints a table without --json", async () => {
  const host = await startHost(dataDir, NOW);
  try {
    await callHost(host, 'readiness.setTarget', { deckId: 1, date: '2026-03-12' });
  } finally {
    await host.stop();
  }
  const json = cue(['readiness', '--json']);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout).date).toBe('2026-03-12');
  const { code, stdout } = cue(['readiness', '--deck', '1']);
  expect(code).toBe(0);
  const lines = stdout.trim().split('\n');
  expect(lines[0]).toBe(
    'Predicted recall on 2026-03-12 (10 days left, deadline mode on; at risk: below 90.0% on schedule)',
  );
  expect(lines[1]).toMatch(/^section\s+cards\s+if you stop\s+on schedule\s+at risk$/);
  expect(lines).toHaveLength(2 + 5 + 1);
  expect(lines.at(-1)).toMatch(/^Lead Machine Learning Engineer.*\s+50\s+0\.0%\s+\d+\.\d%\s+\d+$/);
});

test('cue readiness refuses bad flags with a message and a non-zero exit', () => {
  const cases: [string[], RegExp][] = [
    [['--date', '2026-02-01'], /The target date 2026-02-01 is in the past; today is 2026-03-02/],
    [['--date', '2026-02-30'], /A target date is a calendar date written YYYY-MM-DD/],
    [['--date', 'tomorrow'], /A target date is a calendar date written YYYY-MM-DD/],
    [['--deck', '42', '--date', '2026-04-01'], /There is no deck 42/],
    [['--deck', 'one'], /--deck takes a number, not "one"/],
  ];
  for (const [flags, message] of cases) {
    const { code, stdout, stderr } = cue(['readiness', ...flags]);
    expect(code, flags.join(' ')).not.toBe(0);
    expect(stderr, flags.join(' ')).toMatch(message);
    expect(stdout).toBe('');
  }
});
