/**
 * The order a mock interview asks its questions in. Both orders start from a seeded shuffle, so a
 * session is the same for the same seed and cards:
 * - random: that shuffle;
 * - weakest: never-studied cards first (in the shuffle's order, so a fresh deck still mixes its sections),
 *   then studied cards by FSRS retrievability now, lowest first, then by most lapses, then the shuffle.
 */
import type { MockOrder } from '../../../shared/mock';

export interface Candidate {
  id: number;
  /** Answered at least once (reps > 0). */
  studied: boolean;
  /** Predicted recall now, 0..1; null for a card never studied. */
  retrievability: number | null;
  lapses: number;
}

/** mulberry32: a small, fast PRNG, enough for a shuffle that must repeat for a seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher-Yates with the seeded PRNG; the input is left as it was. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

function weaker(a: Candidate, b: Candidate): number {
  if (a.studied !== b.studied) return a.studied ? 1 : -1;
  if (!a.studied) return 0;
  return (a.retrievability ?? 0) - (b.retrievability ?? 0) || b.lapses - a.lapses;
}

/** The ids of the first `count` candidates in the session's order. */
export function drawOrder(candidates: readonly Candidate[], order: MockOrder, seed: number, count: number): number[] {
  const mixed = shuffled(candidates, seed);
  // Array.prototype.sort is stable: ties keep the shuffle's order
  const ordered = order === 'random' ? mixed : mixed.sort(weaker);
  return ordered.slice(0, count).map((c) => c.id);
}
