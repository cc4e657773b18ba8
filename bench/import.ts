/**
 * Benchmark: importing an Anki package of 20,000 notes with 200,000 reviews into a fresh collection,
 * through the real reader and apply step, as `cue import` does. The package is written by Cue's own
 * .apkg writer (schema 11, with history).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import { writeAnkiPackage } from '../electron/core/io/anki/write-package';
import type { ExportCard, ExportDeck, ExportReview } from '../electron/core/io/export-data';
import { seededRandom } from './simulate-history';

const NOTES = 20_000;
const REVIEWS_PER_NOTE = 10;
const DAY = 86_400_000;

function benchDeck(now: number): ExportDeck {
  const random = seededRandom(11);
  const sections = Array.from({ length: 5 }, (_, s) => ({
    key: `part-${s + 1}`,
    name: `Part ${s + 1}`,
    description: '',
    cards: [] as ExportCard[],
  }));
  for (let i = 0; i < NOTES; i++) {
    let at = now - 400 * DAY + Math.floor(random() * 30 * DAY);
    let interval = 1;
    const reviews: ExportReview[] = [];
    for (let r = 0; r < REVIEWS_PER_NOTE; r++) {
      const rating = (random() < 0.1 ? 1 : 3) as ExportReview['rating'];
      interval = rating === 1 ? 1 : Math.ceil(interval * 1.5);
      reviews.push({
        id: i * REVIEWS_PER_NOTE + r,
        at,
        rating,
        durationMs: 4000 + Math.floor(random() * 8000),
        stateBefore: r === 0 ? 0 : 2,
        scheduledDaysAfter: interval,
        dueAfter: at + interval * DAY,
        stabilityAfter: interval,
        difficultyAfter: 5,
      });
      at += interval * DAY + Math.floor(random() * 3_600_000);
    }
    sections[i % 5].cards.push({
      id: i + 1,
      key: `note-${i}`,
      question: `What is item <b>${i}</b>?`,
      answer: `It is <i>${i}</i>.`,
      format: 'html',
      tags: ['bench'],
      suspended: false,
      state: 2,
      due: at,
      stability: interval,
      difficulty: 5,
      scheduledDays: interval,
      reps: REVIEWS_PER_NOTE,
      lapses: 0,
      lastReview: reviews[reviews.length - 1].at,
      createdAt: now - 400 * DAY + i,
      updatedAt: now - 400 * DAY + i,
      reviews,
    });
  }
  return { key: 'bench', name: 'Bench import', description: '', version: 1, sections, media: new Map() };
}

export function run(): Record<string, unknown> {
  const now = Date.UTC(2026, 10, 2, 9, 0);
  const apkg = writeAnkiPackage(benchDeck(now), { withHistory: true, now });
  const dir = mkdtempSync(join(tmpdir(), 'cue-bench-import-'));
  try {
    const collection = new Collection({ dataDir: dir, clock: () => now, timeZone: 'UTC' });
    const start = performance.now();
    const summary = collection.importFile('bench.apkg', apkg, { dryRun: false });
    const importMs = Math.round(performance.now() - start);
    collection.close();
    return {
      package: { notes: NOTES, reviews: NOTES * REVIEWS_PER_NOTE, bytes: apkg.length },
      imported: { cards: summary.cards, reviews: summary.reviews },
      'import ms (read package + one transaction)': importMs,
      'heap used MB': Math.round(process.memoryUsage().heapUsed / 1e6),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
