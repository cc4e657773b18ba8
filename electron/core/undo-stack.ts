/** The answers undo can take back within one run of Cue, by review id, newest last. */
export class UndoStack {
  private readonly reviews: number[] = [];

  /** `depth`: how many answers undo can walk back; older ones drop off. */
  constructor(private readonly depth: number) {}

  push(reviewId: number): void {
    this.reviews.push(reviewId);
    if (this.reviews.length > this.depth) this.reviews.shift();
  }

  /** The newest answer still to be undone, if any. */
  newest(): number | undefined {
    return this.reviews.at(-1);
  }

  /** Forgets the newest answer, once it has been undone. */
  drop(): void {
    this.reviews.pop();
  }

  /** After a restore or a recovery the answers it holds are no longer in the collection. */
  clear(): void {
    this.reviews.length = 0;
  }

  get isEmpty(): boolean {
    return this.reviews.length === 0;
  }
}
