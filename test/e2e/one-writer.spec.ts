/**
 * Two processes on one collection: a second writer (another `cue serve`, an import) is refused with
 * the holder named, read-only commands work beside it, and the lock goes with the process that held
 * it, even when that process is killed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { StudyNext } from '../../shared/domain';
import { callHost, REPO_ROOT, runCue, startHost } from '../helpers/cue-process';

const made: string[] = [];
test.afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

test('a second cue serve is refused with the first one named; reads work beside it; a kill frees it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cue-lock-'));
  made.push(dir);
  const first = await startHost(dir);
  try {
    const next = await callHost<StudyNext>(first, 'study.next', { deckId: 1 });
    await callHost(first, 'study.answer', { deckId: 1, cardId: next.card?.id, rating: 3, durationMs: 2000 });

    const second = runCue(['serve', '--port', '0', '--data-dir', dir]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`is open in cue serve (the web host) (process ${first.process.pid}`);

    const importing = runCue([
      'import',
      join(REPO_ROOT, 'test', 'fixtures', 'csv', 'anki-notes-basic.txt'),
      '--data-dir',
      dir,
    ]);
    expect(importing.code).toBe(2);
    expect(importing.stderr).toContain('One program at a time may change a collection');

    const decks = runCue(['decks', '--json', '--data-dir', dir]);
    expect(decks.code).toBe(0);
    expect(JSON.parse(decks.stdout)[0].cards).toBe(50);
    const search = runCue(['search', 'is:learning', '--json', '--data-dir', dir]);
    expect(JSON.parse(search.stdout)).toHaveLength(1);
  } finally {
    await first.stop('SIGKILL');
  }
  // the operating system let go of the lock with the process; the next writer checks every page
  const again = await startHost(dir);
  try {
    const next = await callHost<StudyNext>(again, 'study.next', { deckId: 1 });
    expect(next.counts.learning + next.counts.new).toBeGreaterThan(0);
  } finally {
    await again.stop();
  }
});
