/** One writer per collection: the second is refused with the holder named; readers work beside it. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOLDER_FILE } from '../../electron/core/collection-lock';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock, tempDir } from '../helpers/collections';
import { thrown } from '../helpers/thrown';

const NOW = Date.UTC(2026, 10, 20, 9, 0);

const refusal = (action: () => unknown) => thrown(CueError, action);

describe('the collection lock', () => {
  it('refuses a second writer, naming the first, and lets readers in beside it', () => {
    const dataDir = tempDir();
    const clock = new TestClock(NOW);
    const writer = openTestCollection(clock, { dataDir, holder: 'cue serve' });
    const error = refusal(() => openTestCollection(clock, { dataDir, holder: 'the Cue desktop app' }));
    expect(error.code).toBe('conflict');
    expect(error.message).toContain(`The collection in ${dataDir} is open in cue serve (process ${process.pid}`);
    expect(error.message).toContain('Read-only commands');
    expect(error.details).toMatchObject({ holder: { name: 'cue serve', pid: process.pid } });

    writer.handlers['study.answer']({ deckId: 1, cardId: 1, rating: 3, durationMs: 1000 });
    const reader = openTestCollection(clock, { dataDir, readOnly: true });
    expect(reader.handlers['decks.list']({})[0].reviewedToday).toBe(1);
    expect(() => reader.handlers['study.answer']({ deckId: 1, cardId: 2, rating: 3, durationMs: 1000 })).toThrow(
      /readonly/i,
    );
  });

  it('is free again once the writer closes, and a clean close leaves no holder file', () => {
    const dataDir = tempDir();
    const clock = new TestClock(NOW);
    const first = openTestCollection(clock, { dataDir });
    expect(existsSync(join(dataDir, HOLDER_FILE))).toBe(true);
    first.close();
    expect(existsSync(join(dataDir, HOLDER_FILE))).toBe(false);
    const second = openTestCollection(clock, { dataDir });
    expect(second.handlers['decks.list']({})).toHaveLength(1);
  });
});
