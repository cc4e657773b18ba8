/**
 * Benchmark: the core's answer call on a real collection file (WAL, synchronous=FULL), as the study
 * screen uses it: study.next once, then study.answer, which records the answer and returns the next
 * card. 1,000 answers over a 1,200-card deck, without and with a target date (deadline mode).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Collection } from '../electron/core/collection';
import type { Rating } from '../shared/domain';
import { summarize } from './stats';

const ANSWERS = 1000;

function syntheticDeck(cards: number): string {
  const lines = ['---', 'cue-deck: 1', 'id: bench', 'name: Bench', 'version: 1', '---', ''];
  for (let s = 0; s < 5; s++) {
    lines.push(`# Section ${s} {#s${s}}`, '');
    for (let c = 0; c < cards / 5; c++) {
      lines.push(
        `## Question ${s}-${c}: what is $O(n \\log n)$? {#c${s}-${c}}`,
        '',
        'An answer.',
        '',
        '```python',
        'def f(x):',
        '    return x',
        '```',
        '',
      );
    }
  }
  return lines.join('\n');
}

/** A small deterministic generator, so every run answers the same way. */
function ratings(seed: number): () => Rating {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const r = state % 10;
    return (r === 0 ? 1 : r === 1 ? 2 : r === 9 ? 4 : 3) as Rating;
  };
}

/**
 * The answer path on a fresh collection; with `targetDate`, the deck has an interview date two weeks
 * ahead with deadline mode on, so each answer and each card shown also plans for the date.
 */
function answerPath(targetDate: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'cue-bench-'));
  const deckDir = join(dir, 'decks');
  try {
    mkdirSync(deckDir);
    writeFileSync(join(deckDir, 'bench.md'), syntheticDeck(1200));
    let now = Date.UTC(2026, 0, 5, 9, 0);
    const collection = new Collection({ dataDir: dir, clock: () => now, timeZone: 'UTC', bundledDeckDir: deckDir });
    // a person with high limits: the bench measures the answer path, not where a limit stops it
    collection.db.prepare('UPDATE decks SET new_limit = 9999, review_limit = 99999').run();
    if (targetDate) collection.handlers['readiness.setTarget']({ deckId: 1, date: '2026-01-19', deadlineMode: true });
    const nextRating = ratings(42);
    const answerMs: number[] = [];
    const first = performance.now();
    let { card } = collection.handlers['study.next']({ deckId: 1 });
    const nextMs = performance.now() - first;
    for (let i = 0; i < ANSWERS; i++) {
      if (!card) throw new Error('ran out of cards');
      const t = performance.now();
      const answered = collection.handlers['study.answer']({
        deckId: 1,
        cardId: card.id,
        rating: nextRating(),
        durationMs: 8000,
      });
      answerMs.push(performance.now() - t);
      card = answered.next.card;
      now += 15_000;
    }
    collection.close();
    return { answerMs, nextMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function run(): Record<string, unknown> {
  const plain = answerPath(false);
  const withDate = answerPath(true);
  return {
    answers: ANSWERS,
    'study.answer ms (with the next card)': summarize(plain.answerMs),
    'first study.next ms': plain.nextMs,
    'study.answer ms, with a target date in deadline mode': summarize(withDate.answerMs),
    'first study.next ms, with a target date': withDate.nextMs,
  };
}
