/**
 * The rating the key-point checklist suggests from the share of points recalled, with the preset's
 * thresholds. Never Easy: that says more than a checklist can know, so only the person says it (4).
 */
import type { Rating } from './domain';

export interface PointThresholds {
  /** Share recalled (0..1) at which Good is suggested. */
  goodShare: number;
  /** Share recalled at which Hard is suggested; below it, Again. */
  hardShare: number;
}

/** Null when there is nothing to go by (no points). */
export function suggestRating(recalled: number, total: number, thresholds: PointThresholds): Rating | null {
  if (total <= 0) return null;
  const share = Math.min(recalled, total) / total;
  if (share >= thresholds.goodShare) return 3;
  if (share >= thresholds.hardShare) return 2;
  return 1;
}
