/**
 * How the benchmarks measure: Cue's operation and its floor (the least work that does the same job,
 * written by hand) run interleaved in one process on the same data, so both see the same machine
 * state, and the ratio of their medians is what a change moves.
 */
import { readFileSync } from 'node:fs';
import { summarize } from './stats';

export interface Measured {
  cue: Record<string, number>;
  floor: Record<string, number>;
  /** Cue's median over the floor's. */
  ratio: number;
}

/**
 * Runs `cue` and `floor` alternately `runs` times each (after `warmup` untimed rounds) and
 * summarises both. Each is given the round's index, so a pair can work on the same item. An action
 * that returns `{ selfTimedMs }` has timed itself, leaving out set-up it had to do (a small deck
 * running out of due cards moves its clock on); whatever else it returns is ignored.
 */
export function interleaved(
  runs: number,
  cue: (round: number) => unknown,
  floor: (round: number) => unknown,
  warmup = Math.min(20, Math.ceil(runs / 10)),
): Measured {
  const cueMs: number[] = [];
  const floorMs: number[] = [];
  for (let round = -warmup; round < runs; round++) {
    // alternate which goes first, so neither always runs on the other's warm cache
    const order = round % 2 === 0 ? [cue, floor] : [floor, cue];
    for (const action of order) {
      const start = performance.now();
      const own = action(round < 0 ? runs + round : round) as { selfTimedMs?: unknown } | undefined;
      const ms = typeof own?.selfTimedMs === 'number' ? own.selfTimedMs : performance.now() - start;
      if (round >= 0) (action === cue ? cueMs : floorMs).push(ms);
    }
  }
  const c = summarize(cueMs);
  const f = summarize(floorMs);
  return { cue: c, floor: f, ratio: Math.round((c.median / Math.max(f.median, 1e-6)) * 100) / 100 };
}

/** Timings of one operation with no floor (figures the issue states as absolute targets). */
export function timed(runs: number, action: (round: number) => unknown): Record<string, number> {
  const samples: number[] = [];
  for (let round = 0; round < runs; round++) {
    const start = performance.now();
    action(round);
    samples.push(performance.now() - start);
  }
  return summarize(samples);
}

/**
 * The process's peak resident set so far, in MB (each bench runs in a process of its own). From
 * VmHWM where Linux has it: maxRSS carries a large parent's peak into a child started from it.
 */
export function peakRssMb(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Math.round(Number(hwm[1]) / 1024);
  } catch {
    // not Linux: maxRSS
  }
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** One line of the suite's table: an operation at a size, Cue against its floor where it has one. */
export interface BenchRow {
  operation: string;
  /** "100,000 cards", "20,000 notes / 200,000 reviews". */
  size: string;
  cue: Record<string, number>;
  floor?: Record<string, number>;
  ratio?: number;
  peakRssMb?: number;
  /** The target it is held to, in words ("≤ 3x floor, < 2 ms"). */
  target?: string;
}

/** What each bench module exports: `run` gives its rows; `smoke` makes every size tiny (`npm test`). */
export interface BenchOptions {
  smoke?: boolean;
  /** Only the sizes with these numbers of cards (`npm run bench -- --sizes 10000,100000`). */
  sizes?: number[];
}

/** A row from an interleaved measurement. */
export function row(operation: string, size: string, measured: Measured, target?: string): BenchRow {
  return { operation, size, ...measured, ...(target ? { target } : {}) };
}
