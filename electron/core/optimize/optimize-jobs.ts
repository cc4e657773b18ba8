/**
 * FSRS optimisation jobs: each fits a preset's parameters in a worker thread (the collection stays
 * usable meanwhile), reports progress, can be cancelled, and keeps its result until the person
 * accepts it (the parameters go into the preset and apply from the next answer) or starts another.
 */
import { Worker } from 'node:worker_threads';
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
import { WORKER_SOURCE, type WorkerInput, type WorkerMessage } from './optimize-worker';

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
  worker: Worker;
  /** Shared with the worker: 1 asks it to stop. */
  control: Int32Array;
  /** Cancel was asked for: whatever the worker answers next ends the job as cancelled. */
  cancelRequested: boolean;
}

/** The parameters a preset schedules with: its own, or FSRS-6's defaults. */
export function currentParameters(preset: Preset): number[] {
  return [...(preset.options.fsrsParameters ?? default_w)].slice(0, FSRS_PARAMETER_COUNT);
}

/**
 * Where a worker thread loads the binding from: in the packaged app, its files beside app.asar
 * (electron-builder.yml unpacks them), so loading never depends on a worker reading inside the archive.
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
    const input: WorkerInput = {
      module: unpackedModulePath(require.resolve('@open-spaced-repetition/binding')),
      cards: history.cards.map(({ ratings, deltas }) => ({ ratings, deltas })),
      items: history.items,
      current,
      numRelearningSteps: 'steps' in relearning ? relearning.steps.length : 1,
      slowMs: slowMsFromEnv(),
      control: new SharedArrayBuffer(4),
    };
    const jobId = this.nextId++;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: input });
    // a job never keeps a command-line process alive on its own
    worker.unref();
    const job: Job = {
      presetId: preset.id,
      reviews: history.reviews,
      cards: history.cards.length,
      current,
      state: 'running',
      progress: [0, 1],
      worker,
      control: new Int32Array(input.control),
      cancelRequested: false,
    };
    this.jobs.set(jobId, job);
    this.forgetOldJobs();
    worker.on('message', (message: WorkerMessage) => this.received(job, message));
    worker.on('error', (error) => this.finish(job, 'failed', error.message));
    worker.on('exit', (code) => {
      if (job.state === 'running') this.finish(job, 'failed', `the optimiser stopped (exit ${code})`);
    });
    return { jobId, reviews: job.reviews, cards: job.cards };
  }

  /** Results are kept for the latest jobs only, so a long session does not pile them up. */
  private forgetOldJobs(): void {
    const finished = [...this.jobs].filter(([, job]) => job.state !== 'running');
    for (const [id] of finished.slice(0, Math.max(0, finished.length - KEPT_JOBS))) this.jobs.delete(id);
  }

  private received(job: Job, message: WorkerMessage): void {
    if (job.state !== 'running') return;
    if ('progress' in message) job.progress = message.progress;
    else if ('cancelled' in message || job.cancelRequested) this.finish(job, 'cancelled');
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
    void job.worker.terminate();
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

  /**
   * Asks the worker to stop; the job is 'cancelled' once it has (at its next progress report). A fit
   * that ends before it gets there is dropped all the same: a cancel never turns into a result. The
   * worker is not terminated mid-fit, which could bring the whole process down with the native code.
   */
  cancel(jobId: number): OptimizeProgress {
    const job = this.job(jobId);
    if (job.state === 'running' && !job.cancelRequested) {
      job.cancelRequested = true;
      Atomics.store(job.control, 0, 1);
      Atomics.notify(job.control, 0);
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
    if (job.state === 'running') {
      await new Promise<void>((resolve) => job.worker.once('exit', () => resolve()));
    }
    return this.progress(jobId);
  }

  /** Stops every running job (the collection closes). */
  close(): void {
    for (const job of this.jobs.values()) {
      if (job.state === 'running') {
        job.state = 'cancelled';
        Atomics.store(job.control, 0, 1);
        Atomics.notify(job.control, 0);
        void job.worker.terminate();
      }
    }
  }
}
