/**
 * The Anki package the import bench reads: `notes` notes of one card each, with `reviewsPerNote` reviews
 * each over about a year, in five subdecks, written by Cue's own .apkg writer (schema 11, with history).
 */
import { writeAnkiPackage } from '../electron/core/io/anki/write-package';
import type { ExportCard, ExportDeck, ExportReview } from '../electron/core/io/export-data';
import { seededRandom } from './simulate-history';

const DAY = 86_400_000;

/** The moment the bench imports at. */
export const BENCH_NOW = Date.UTC(2026, 10, 2, 9, 0);

function benchCard(i: number, reviewsPerNote: number, random: () => number, now: number): ExportCard {
  let at = now - 400 * DAY + Math.floor(random() * 30 * DAY);
  let interval = 1;
  const reviews: ExportReview[] = [];
  for (let r = 0; r < reviewsPerNote; r++) {
    const rating = (random() < 0.1 ? 1 : 3) as ExportReview['rating'];
    interval = rating === 1 ? 1 : Math.ceil(interval * 1.5);
    reviews.push({
      id: i * reviewsPerNote + r,
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
  return {
    id: i + 1,
    key: `note-${i}`,
    question: `What is item <b>${i}</b>?`,
    answer: `It is <i>${i}</i>.`,
    format: 'html',
    tags: ['bench'],
    flag: 0,
    suspended: false,
    state: 2,
    due: at,
    stability: interval,
    difficulty: 5,
    scheduledDays: interval,
    reps: reviewsPerNote,
    lapses: 0,
    lastReview: reviews[reviews.length - 1].at,
    createdAt: now - 400 * DAY + i,
    updatedAt: now - 400 * DAY + i,
    reviews,
  };
}

export function benchDeck(notes: number, reviewsPerNote: number, now = BENCH_NOW): ExportDeck {
  const random = seededRandom(11);
  const sections = Array.from({ length: 5 }, (_, s) => ({
    key: `part-${s + 1}`,
    name: `Part ${s + 1}`,
    description: '',
    cards: [] as ExportCard[],
  }));
  for (let i = 0; i < notes; i++) sections[i % 5].cards.push(benchCard(i, reviewsPerNote, random, now));
  return { key: 'bench', name: 'Bench import', description: '', version: 1, sections, media: new Map() };
}

export function benchPackage(notes: number, reviewsPerNote: number): Uint8Array {
  return writeAnkiPackage(benchDeck(notes, reviewsPerNote), { withHistory: true, now: BENCH_NOW });
}
