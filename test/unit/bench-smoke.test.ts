/**
 * The benchmark suite (`npm run bench`) with every size tiny: it measures nothing here, but each
 * benchmark must still run to the end and report, for every row, Cue's timings and (where it has a
 * floor) the floor's and their ratio, so the suite cannot rot between the runs that measure.
 */
import { describe, expect, it } from 'vitest';
import type { BenchRow } from '../../bench/measure';

const BENCHES: Record<string, () => Promise<{ run(options: { smoke: boolean }): { rows: BenchRow[] } }>> = {
  'core-answer': () => import('../../bench/core-answer'),
  statistics: () => import('../../bench/statistics'),
  browse: () => import('../../bench/browse'),
  delete: () => import('../../bench/delete'),
  import: () => import('../../bench/import'),
  sync: () => import('../../bench/sync'),
};

describe('the benchmark suite, smoke-sized', () => {
  for (const [name, load] of Object.entries(BENCHES)) {
    it(`${name} runs and reports every row`, { timeout: 60_000 }, async () => {
      const { rows } = (await load()).run({ smoke: true });
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row.operation, name).toMatch(/\w/);
        expect(row.size, row.operation).toMatch(/\d/);
        // timings (n, median, p95…) or, for a memory row, its figures: every one a number
        const figures = Object.values(row.cue);
        expect(figures.length, row.operation).toBeGreaterThan(0);
        expect(
          figures.every((figure) => Number.isFinite(figure)),
          row.operation,
        ).toBe(true);
        if (row.floor) {
          expect(Number.isFinite(row.floor.median), row.operation).toBe(true);
          expect(row.ratio, row.operation).toBeGreaterThan(0);
        }
      }
    });
  }
});
