/**
 * Generates a large collection for benchmarks: one deck, 5 sections, 100,000 cards and 2,000,000
 * reviews over 3 years (or any size), written straight into a real collection file (the schema Cue
 * opens), with a plausible history per card: growing intervals, about one lapse in ten, mostly Good;
 * one card in ten still new, and learning cards only where the last answer was in the last day (as in
 * a collection studied every day, where a lapse is relearned the same day).
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { openCollectionDatabase } from '../electron/core/database';
import { MS_PER_DAY, MS_PER_HOUR } from '../electron/core/days';
import { rebuildReviewDays } from '../electron/core/review-log';
import { seededRandom } from './simulate-history';

export interface GeneratedCollection {
  path: string;
  /** The moment the history ends: open the collection with this clock. */
  now: number;
  cards: number;
}

const SECTIONS = 5;
const YEARS = 3;
/** One card in this many has never been studied. */
const NEW_EVERY = 10;
/** Part of the cache key: a change to what is generated makes new files. */
const GENERATOR_VERSION = 4;

/**
 * A generated collection of `cards` cards with about `reviewsPerCard` reviews each, cached between
 * runs in the temporary folder under a name made of the generator's parameters. Pass `copy` for a
 * private copy to write to (the cached file itself must stay as generated).
 */
export function benchCollection(cards: number, reviewsPerCard: number, copy?: string): GeneratedCollection {
  const dataDir = join(tmpdir(), 'cue-bench', `v${GENERATOR_VERSION}-${cards}-cards-${reviewsPerCard}-reviews`);
  const generated = generateCollection(join(dataDir, 'collection.sqlite'), cards, reviewsPerCard);
  if (copy === undefined) return generated;
  mkdirSync(copy, { recursive: true });
  copyFileSync(generated.path, join(copy, 'collection.sqlite'));
  return { ...generated, path: join(copy, 'collection.sqlite') };
}

/** Writes (or reuses) the collection at `path`; times are UTC with the day starting at 4 am. */
export function generateCollection(path: string, cards = 100_000, reviewsPerCard = 20): GeneratedCollection {
  const now = Date.UTC(2026, 10, 2, 9, 0);
  if (existsSync(path)) return { path, now, cards };
  mkdirSync(dirname(path), { recursive: true });
  const building = `${path}.building`;
  rmSync(building, { force: true });
  const db = openCollectionDatabase(building);
  db.pragma('synchronous = OFF');
  const random = seededRandom(2026);
  const start = now - YEARS * 365 * MS_PER_DAY;
  db.transaction(() => {
    // each card row is written after its reviews, once its final state is known
    db.pragma('defer_foreign_keys = ON');
    db.prepare(
      "INSERT INTO decks (id, key, name, source_version, created_at, updated_at) VALUES (1, 'bench', 'Benchmark deck', 1, ?, ?)",
    ).run(start, start);
    const section = db.prepare('INSERT INTO sections (id, deck_id, key, name, position) VALUES (?, 1, ?, ?, ?)');
    for (let s = 1; s <= SECTIONS; s++) section.run(s, `s${s}`, `Section ${s}`, s);
    const card = db.prepare(
      `INSERT INTO cards (id, deck_id, section_id, key, position, question, answer, created_at, updated_at,
         state, due, stability, difficulty, scheduled_days, reps, lapses, last_review)
       VALUES (?, 1, ?, ?, ?, ?, 'An answer with $x^2$ and some code.', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const review = db.prepare(
      `INSERT INTO review_log (card_id, reviewed_at, rating, duration_ms, retrievability, study_day, hour, first_of_day,
         kind, state_before, due_before, stability_before, difficulty_before, elapsed_days_before,
         scheduled_days_before, learning_steps_before, reps_before, lapses_before, last_review_before,
         state_after, due_after, stability_after, difficulty_after, elapsed_days_after, scheduled_days_after,
         learning_steps_after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, 0)`,
    );
    // answers are logged in the order they happen, as in a collection used every day
    const rows: unknown[][] = [];
    for (let id = 1; id <= cards; id++) {
      if (id % NEW_EVERY === 0) {
        card.run(
          id,
          1 + (id % SECTIONS),
          `c${id}`,
          id,
          `Question ${id}: what is $O(n)$?`,
          start,
          start,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          null,
        );
        continue;
      }
      const history = cardHistory(random, start, now, reviewsPerCard);
      let before = {
        state: 0,
        due: history[0].at,
        stability: 0,
        difficulty: 0,
        interval: 0,
        last: null as number | null,
      };
      history.forEach((h, i) => {
        const day = Math.floor((h.at - 4 * MS_PER_HOUR) / MS_PER_DAY);
        const firstOfDay = before.last === null || Math.floor((before.last - 4 * MS_PER_HOUR) / MS_PER_DAY) < day;
        const kind = before.state === 3 ? 3 : before.state !== 2 ? 0 : before.interval >= 21 ? 2 : 1;
        rows.push([
          id,
          h.at,
          h.rating,
          h.durationMs,
          before.state === 0 ? null : 0.9,
          day,
          new Date(h.at).getUTCHours(),
          firstOfDay ? 1 : 0,
          kind,
          before.state,
          before.due,
          before.stability,
          before.difficulty,
          before.interval,
          before.interval,
          0,
          i,
          h.lapses - (h.rating === 1 && before.state === 2 ? 1 : 0),
          before.last,
          h.state,
          h.due,
          h.stability,
          h.difficulty,
          h.interval,
        ]);
        before = {
          state: h.state,
          due: h.due,
          stability: h.stability,
          difficulty: h.difficulty,
          interval: h.interval,
          last: h.at,
        };
      });
      const last = history[history.length - 1];
      card.run(
        id,
        1 + (id % SECTIONS),
        `c${id}`,
        id,
        `Question ${id}: what is $O(n)$?`,
        start,
        start,
        last.state,
        last.due,
        last.stability,
        last.difficulty,
        last.interval,
        history.length,
        last.lapses,
        last.at,
      );
    }
    rows.sort((a, b) => (a[1] as number) - (b[1] as number));
    for (const row of rows) review.run(...row);
    rebuildReviewDays(db);
  })();
  db.close();
  renameSync(building, path);
  rmSync(`${building}-wal`, { force: true });
  rmSync(`${building}-shm`, { force: true });
  return { path, now, cards };
}

interface Step {
  at: number;
  rating: 1 | 2 | 3 | 4;
  durationMs: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  interval: number;
  lapses: number;
}

/**
 * One card's answers. Cards are first seen uniformly over the three years and get answers in
 * proportion to how long they have been studied (20 on average), at gaps that grow about 1.15 times
 * per answer, so reviews spread about evenly over time as in a collection used every day.
 */
function cardHistory(random: () => number, start: number, now: number, average: number): Step[] {
  const first = start + random() * (now - start - MS_PER_DAY);
  const count = Math.max(1, Math.round((2 * average * (now - first)) / (now - start)));
  // `count` gaps: the last one runs past `now`, which falls at a random point inside it, so the
  // cards' latest reviews (and their due dates) spread out as in a real collection
  const gaps = Array.from({ length: count }, (_, i) => 1.15 ** i * (0.7 + 0.6 * random()));
  const elapsed = gaps.slice(0, -1).reduce((a, b) => a + b, 0) + random() * gaps[count - 1];
  const scale = (now - first) / Math.max(elapsed, 1e-9);
  const steps: Step[] = [];
  let at = first;
  let stability = 0.5;
  let lapses = 0;
  for (let i = 0; i < count; i++) {
    const lapse = i > 1 && random() < 0.1;
    const rating = (lapse ? 1 : random() < 0.1 ? 2 : random() < 0.9 ? 3 : 4) as Step['rating'];
    if (lapse) lapses++;
    const nextAt = at + gaps[i] * scale;
    stability = lapse ? Math.max(0.5, stability * 0.3) : Math.max(stability, (nextAt - at) / MS_PER_DAY);
    const interval = i === 0 || lapse ? 0 : Math.max(1, Math.round(stability));
    const state = i === 0 || lapse ? (lapse ? 3 : 1) : 2;
    const due = Math.round(interval === 0 ? at + 10 * 60_000 : at + interval * MS_PER_DAY);
    const when = Math.round(at);
    steps.push({
      at: when,
      rating,
      durationMs: 3000 + Math.floor(random() * 20000),
      state,
      due,
      stability,
      difficulty: 5,
      interval,
      lapses,
    });
    at = Math.max(nextAt, when + 60_000);
  }
  // a card left in (re)learning more than a day ago would have been relearned: its last answer graduates it
  const last = steps[steps.length - 1];
  if (last.state !== 2 && now - last.at > MS_PER_DAY) {
    const interval = Math.max(1, Math.round(last.stability));
    if (last.rating === 1) last.lapses--;
    Object.assign(last, { rating: 3, state: 2, interval, due: last.at + interval * MS_PER_DAY });
  }
  return steps;
}
