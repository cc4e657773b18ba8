/**
 * Crash safety, for real: a child process studies a collection on disk as fast as it can and is
 * killed with SIGKILL at random moments. After each kill the collection opens as after any crash, and
 * every answer and undo the child had reported (reported only once its call returned) is there, no
 * half-written answer is (the per-day counts match the log), the file is sound, and every card's
 * state equals a replay of its log. CUE_LONG=1 kills it 60 times instead of 5.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { scheduleOf } from '../../electron/core/card-rows';
import { findDamage } from '../../electron/core/database-health';
import { findCard, replayCard } from '../../electron/core/review-log';
import { BUNDLED_DECK_DIR, openTestCollection, REPO_ROOT, TestClock, tempDir } from '../helpers/collections';

const LONG = process.env.CUE_LONG === '1';
const KILLS = LONG ? 60 : 5;
const SEED = Number(process.env.CUE_SEED ?? 20261201);
const CHILD = join(REPO_ROOT, '.cache', 'test', 'crash-child.cjs');

beforeAll(async () => {
  await build({
    entryPoints: [join(REPO_ROOT, 'test', 'helpers', 'crash-child.ts')],
    outfile: CHILD,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    footer: { js: 'module.exports.main(process.argv.slice(2));' },
    logLevel: 'warning',
  });
});

/** A deterministic stream of numbers in [0, 1) from a seed. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

interface Acknowledged {
  answers: Map<number, number>;
  undone: Set<number>;
}

/** Runs the child until it has acknowledged `after` more lines, then kills it mid-stride. */
function studyUntilKilled(dataDir: string, seed: number, after: number, seen: Acknowledged): Promise<number> {
  const child = spawn(
    process.execPath,
    [CHILD, '--data-dir', dataDir, '--seed', String(seed), '--decks', BUNDLED_DECK_DIR],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let lines = 0;
  let buffered = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const complete = buffered.split('\n');
      buffered = complete.pop() ?? '';
      for (const line of complete) {
        const [kind, id, card] = line.split(' ');
        if (kind === 'A') seen.answers.set(Number(id), Number(card));
        if (kind === 'U') seen.undone.add(Number(id));
        lines++;
      }
      if (lines >= after && child.exitCode === null && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(lines);
      else reject(new Error(`the child stopped by itself (${code}):\n${errors}`));
    });
  });
}

describe('killed at random moments while answering and undoing', () => {
  it(`loses nothing acknowledged, over ${KILLS} kills (seed ${SEED})`, {
    timeout: LONG ? 600_000 : 60_000,
  }, async () => {
    const dataDir = tempDir();
    const random = seeded(SEED);
    const seen: Acknowledged = { answers: new Map(), undone: new Set() };
    let acknowledged = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      acknowledged += await studyUntilKilled(dataDir, SEED + kill, 1 + Math.floor(random() * 300), seen);
      // the next start, as after any crash: the lock is free, and every page is read before use
      const collection = openTestCollection(new TestClock(Date.UTC(2026, 0, 1)), {
        dataDir,
        bundledDeckDir: null,
        // as the child schedules: fuzz on
        scheduler: { fuzz: true },
      });
      expect(collection.recoveries, `after kill ${kill + 1}`).toEqual([]);
      expect(findDamage(collection.db, true)).toBeNull();
      const rows = new Map(
        (
          collection.db.prepare('SELECT id, card_id, undone_at FROM review_log').all() as {
            id: number;
            card_id: number;
            undone_at: number | null;
          }[]
        ).map((row) => [row.id, row]),
      );
      for (const [reviewId, cardId] of seen.answers) {
        const row = rows.get(reviewId);
        expect(row?.card_id, `answer ${reviewId} after kill ${kill + 1}`).toBe(cardId);
        if (seen.undone.has(reviewId)) expect(row?.undone_at, `undo of ${reviewId}`).not.toBeNull();
      }
      const live = collection.db.prepare('SELECT count(*) FROM reviews').pluck().get();
      expect(collection.db.prepare('SELECT total(reviews) FROM review_days').pluck().get()).toBe(live);
      for (const id of collection.db.prepare('SELECT id FROM cards').pluck().all() as number[]) {
        expect(replayCard(collection.db, collection.scheduler, id), `card ${id}`).toEqual(
          scheduleOf(findCard(collection.db, id)),
        );
      }
      collection.close();
    }
    console.log(
      `crash test: ${KILLS} kills, ${acknowledged} acknowledged lines (${seen.answers.size} answers, ${seen.undone.size} undos), 0 lost (seed ${SEED})`,
    );
    expect(seen.answers.size).toBeGreaterThan(KILLS);
  });
});
