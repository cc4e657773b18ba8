/** The optimisation screen's pure parts: the share done, whether a result offers a change, the refusal's words. */
import { describe, expect, it } from 'vitest';
import { offersChange, percentDone, tooLittleHistory } from '../../renderer/screens/optimize/optimize-session';
import type { OptimizeResult } from '../../shared/optimize';

const result = (params: number[], current: number[]): OptimizeResult => ({
  presetId: 1,
  reviews: 500,
  cards: 40,
  params,
  current,
  before: { logLoss: 0.4, rmseBins: 0.05 },
  after: { logLoss: 0.39, rmseBins: 0.04 },
});

describe('the optimisation screen', () => {
  it('shows the share of the fit done, from 0 to 100', () => {
    expect(percentDone(null)).toBe(0);
    expect(percentDone({ jobId: 1, state: 'running', current: 0, total: 0 })).toBe(0);
    expect(percentDone({ jobId: 1, state: 'running', current: 3392, total: 40000 })).toBe(8);
    expect(percentDone({ jobId: 1, state: 'running', current: 50, total: 40 })).toBe(100);
  });

  it('offers a change only when the fitted parameters differ from the current ones', () => {
    expect(offersChange(result([1, 2, 3], [1, 2, 3]))).toBe(false);
    expect(offersChange(result([1, 2.5, 3], [1, 2, 3]))).toBe(true);
  });

  it('refuses under the minimum with both counts, as the core does', () => {
    expect(tooLittleHistory({ presetId: 1, reviews: 399, cards: 30, minimum: 400 })).toBe(
      "Optimising needs at least 400 reviews; this preset's decks have 399.",
    );
    expect(tooLittleHistory({ presetId: 1, reviews: 400, cards: 30, minimum: 400 })).toBeNull();
  });
});
