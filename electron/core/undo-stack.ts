/** The answers undo can take back within one run of Cue, by review id, newest last. */
import type { AnswerEffects } from './answer-effects';

export interface UndoEntry {
  reviewId: number;
  /** What the answer changed beside the card's schedule (siblings buried, a leech marked). */
  effects?: AnswerEffects;
}

export class UndoStack {
  private readonly entries: UndoEntry[] = [];

  /** `depth`: how many answers undo can walk back; older ones drop off. */
  constructor(private readonly depth: number) {}

  push(reviewId: number, effects?: AnswerEffects): void {
    this.entries.push({ reviewId, ...(effects ? { effects } : {}) });
    if (this.entries.length > this.depth) this.entries.shift();
  }

  /** The newest answer still to be undone, if any. */
  newest(): number | undefined {
    return this.entries.at(-1)?.reviewId;
  }

  /** The newest entry, with its effects. */
  newestEntry(): UndoEntry | undefined {
    return this.entries.at(-1);
  }

  /** Forgets the newest answer, once it has been undone. */
  drop(): void {
    this.entries.pop();
  }

  /** After a restore or a recovery the answers it holds are no longer in the collection. */
  clear(): void {
    this.entries.length = 0;
  }

  get isEmpty(): boolean {
    return this.entries.length === 0;
  }
}
