/**
 * FSRS optimisation jobs: each fits a preset's parameters in a process of its own (the collection stays
 * usable meanwhile, and a crash in the native fit ends only the fit), reports progress, can be
 * cancelled, and keeps its result until the person accepts it (the parameters go into the preset and
 * apply from the next answer) or starts another.
 */
import { default_w } from 'ts-fsrs';
import { CueError } from '../../../shared/errors';
import {
  MIN_OPTIMIZE_REVIEWS,
  type OptimizeProgress,
  type OptimizeResult,
  type OptimizeStarted,
  type OptimizeState,
} from '../../../shared/optimize';
import { FSRS_PARAMETER_COUNT, type Preset, parseSteps } from '../../../shared/presets';
import type { Db } from '../database';
import type { DayBoundary } from '../days';
import { presetHistory } from './fsrs-items';
import {
  type LaunchOptimizer,
  launchNodeOptimizer,
  OPTIMIZER_SOURCE,
  type OptimizerInput,
  type OptimizerMessage,
  type OptimizerProcess,
} from './optimizer-process';

export { MIN_OPTIMIZE_REVIEWS };

/** Finished jobs whose results stay available (a person compares a few runs, no more). */
const KEPT_JOBS = 8;

interface Job {
  presetId: number;
  reviews: number;
  cards: number;
  current: number[];
  state: OptimizeState;
  progress: [number, number];
  error?: string;
  result?: OptimizeResult;
  process: OptimizerProcess;
  /** Cancel was asked for: the process is being killed, and nothing it says now becomes a result. */
  cancelRequested: boolean;
  /** Who waits for it to end. */
  exited: (() => void)[];
}

/** The parameters a preset schedules with: its own, or FSRS-6's defaults. */
export function currentParameters(preset: Preset): number[] {
  return [...(preset.options.fsrsParameters ?? default_w)].slice(0, FSRS_PARAMETER_COUNT);
}

/**
 * Where the optimiser process loads the binding from: in the packaged app, its files beside app.asar
 * (electron-builder.yml unpacks them), so loading never depends on reading inside the archive.
 */
export function unpackedModulePath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/** CUE_TEST_OPTIMIZE_SLOW_MS: the end-to-end tests hold each progress report up, so the bar is seen. */
function slowMsFromEnv(): number {
  const value = Number(process.env.CUE_TEST_OPTIMIZE_SLOW_MS ?? 0);
  return Number.isFinite(value) && value > 0 ? Math.min(value, 5000) : 0;
}

export class OptimizeJobs {
  private readonly jobs = new Map<number, Job>();
  private nextId = 1;

  constructor(private readonly launch: LaunchOptimizer = launchNodeOptimizer) {}

  /** Starts fitting `preset`, or refuses (before any work) when its decks have too little history. */
  start(db: Db, preset: Preset, boundary: DayBoundary): OptimizeStarted {
    const history = presetHistory(db, preset.id, boundary);
    if (history.reviews < MIN_OPTIMIZE_REVIEWS) {
      throw new CueError(
        'conflict',
        `Optimising needs at least ${MIN_OPTIMIZE_REVIEWS} reviews; this preset's decks have ${history.reviews}.`,
        { presetId: preset.id, minimum: MIN_OPTIMIZE_REVIEWS, reviews: history.reviews },
      );
    }
    for (const [id, job] of this.jobs) if (job.presetId === preset.id && job.state === 'running') this.cancel(id);
    const current = currentParameters(preset);
    const relearning = parseSteps(preset.options.relearningSteps);
    const input: OptimizerInput = {
      module: unpackedModulePath(require.resolve('@open-spaced-repetition/binding')),
      cards: history.cards.map(({ ratings, deltas }) => ({ ratings, deltas })),
      items: history.items,
      current,
      numRelearningSteps: 'steps' in relearning ? relearning.steps.length : 1,
      slowMs: slowMsFromEnv(),
    };
    const jobId = this.nextId++;
    const job: Job = {
      presetId: preset.id,
      reviews: history.reviews,
      cards: history.cards.length,
      current,
      state: 'running',
      progress: [0, 1],
      process: this.launch(OPTIMIZER_SOURCE, input),
      cancelRequested: false,
      exited: [],
    };
    this.jobs.set(jobId, job);
    this.forgetOldJobs();
    job.process.onMessage((message) => this.received(job, message));
    job.process.onExit((how) => {
      if (job.cancelRequested) this.finish(job, 'cancelled');
      else this.finish(job, 'failed', `the optimiser stopped (${how})`);
      for (const resolve of job.exited.splice(0)) resolve();
    });
    return { jobId, reviews: job.reviews, cards: job.cards };
  }

  /** Results are kept for the latest jobs only, so a long session does not pile them up. */
  private forgetOldJobs(): void {
    const finished = [...this.jobs].filter(([, job]) => job.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT_JOBS))) this.jobs.delete(id);
  }

  private received(job: Job, message: OptimizerMessage): void {
    if (job.state !== 'running' || job.cancelRequested) return;
    if ('progress' in message) job.progress = message.progress;
    else if ('failed' in message) this.finish(job, 'failed', message.failed);
    else {
      job.result = {
        presetId: job.presetId,
        reviews: job.reviews,
        cards: job.cards,
        params: message.result.params,
        current: job.current,
        before: message.result.before,
        after: message.result.after,
      };
      job.progress = [job.progress[1], job.progress[1]];
      this.finish(job, 'done');
    }
  }

  private finish(job: Job, state: OptimizeState, error?: string): void {
    if (job.state !== 'running') return;
    job.state = state;
    if (error !== undefined) job.error = error;
    // its work is done (or not wanted): a separate process, so killing it is always safe
    job.process.kill();
  }

  private job(jobId: number): Job {
    const job = this.jobs.get(jobId);
    if (!job) throw new CueError('not_found', `There is no optimisation ${jobId}.`, { jobId });
    return job;
  }

  progress(jobId: number): OptimizeProgress {
    const job = this.job(jobId);
    const [current, total] = job.progress;
    return { jobId, state: job.state, current, total, ...(job.error !== undefined ? { error: job.error } : {}) };
  }

  /** Stops the fit: the job is 'cancelled' once its process has ended, and never gives a result. */
  cancel(jobId: number): OptimizeProgress {
    const job = this.job(jobId);
    if (job.state === 'running' && !job.cancelRequested) {
      job.cancelRequested = true;
      job.process.kill();
    }
    return this.progress(jobId);
  }

  result(jobId: number): OptimizeResult {
    const job = this.job(jobId);
    if (job.result) return job.result;
    const why = job.state === 'running' ? 'is still running' : `was ${job.state}${job.error ? `: ${job.error}` : ''}`;
    throw new CueError('conflict', `The optimisation ${jobId} ${why}; it has no result.`, { jobId, state: job.state });
  }

  /** Waits until the job is no longer running (the CLI and the tests). */
  async settled(jobId: number): Promise<OptimizeProgress> {
    const job = this.job(jobId);
    if (job.state === 'running') await new Promise<void>((resolve) => job.exited.push(resolve));
    return this.progress(jobId);
  }

  /** Stops every running job (the collection closes). */
  close(): void {
    for (const job of this.jobs.values()) {
      if (job.state === 'running') {
        job.cancelRequested = true;
        this.finish(job, 'cancelled');
      }
    }
  }
}
