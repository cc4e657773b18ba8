/**
 * FSRS optimisation as a person meets it: `cue optimize` on a history of about 12,000 reviews
 * imported as an Anki package (drawn from known FSRS-6 parameters), and the optimisation screen,
 * its progress bar, and accepting the result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as plain } from '@playwright/test';
import { runCue } from '../helpers/cue-process';
import { syntheticPackage } from '../helpers/fsrs-history';

const made: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'cue-optimize-'));
  made.push(dir);
  return dir;
};
plain.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A collection holding the synthetic history (in the Default preset, with the bundled deck). */
function collectionWithHistory(options: Parameters<typeof syntheticPackage>[0] = {}): string {
  const dir = freshDir();
  const file = join(dir, 'synthetic.apkg');
  writeFileSync(file, syntheticPackage(options).apkg);
  const imported = runCue(['import', file, '--data-dir', join(dir, 'data')]);
  expect(imported.code, imported.stderr).toBe(0);
  return join(dir, 'data');
}

interface OptimizeOutput {
  reviews: number;
  cards: number;
  params: number[];
  before: { logLoss: number; rmseBins: number };
  after: { logLoss: number; rmseBins: number };
  applied: boolean;
}

plain('cue optimize --json fits 12,000 reviews, better after than before, and --apply keeps the parameters', () => {
  const dataDir = collectionWithHistory();
  const run = runCue(['optimize', '--json', '--data-dir', dataDir]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const result = JSON.parse(run.stdout) as OptimizeOutput;
  expect(Object.keys(result)).toEqual(['reviews', 'cards', 'params', 'before', 'after', 'applied']);
  expect(result.reviews).toBeGreaterThan(11_000);
  expect(result.cards).toBe(1080);
  expect(result.params).toHaveLength(21);
  expect(result.after.logLoss).toBeLessThan(result.before.logLoss);
  expect(result.after.rmseBins).toBeLessThan(result.before.rmseBins);
  expect(result.applied).toBe(false);

  const applied = JSON.parse(runCue(['optimize', '--apply', '--json', '--data-dir', dataDir]).stdout) as OptimizeOutput;
  expect(applied.applied).toBe(true);
  // fitted again from the same history: the same parameters, now the preset's, so nothing better is found
  const again = JSON.parse(runCue(['optimize', '--json', '--data-dir', dataDir]).stdout) as OptimizeOutput;
  expect(again.before.logLoss).toBeCloseTo(applied.after.logLoss, 6);
  expect(again.params).toEqual(applied.params);
});

plain('cue optimize refuses too little history with both counts and exits non-zero', () => {
  const dataDir = collectionWithHistory({ cards: 20 });
  const run = runCue(['optimize', '--data-dir', dataDir]);
  expect(run.code).not.toBe(0);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^cue: Optimising needs at least 400 reviews; this preset's decks have \d+\.\n$/);
  const human = runCue(['optimize', '--deck', '999', '--data-dir', dataDir]);
  expect(human.code).not.toBe(0);
  expect(human.stderr).toContain('There is no deck 999.');
});
