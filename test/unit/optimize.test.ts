/**
 * FSRS optimisation on a history drawn from known FSRS-6 parameters, imported as an Anki package:
 * the fit runs in a process of its own (a crash there fails only the fit), recovers the learner well enough that it predicts cards it never saw
 * better than FSRS's defaults, refuses too little history with both counts, can be cancelled, and
 * goes into the preset only when accepted.
 */

import { fork as nodeFork, type Serializable } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FSRSBinding, FSRSBindingItem, FSRSBindingReview } from '@open-spaced-repetition/binding';
import { default_w } from 'ts-fsrs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Collection } from '../../electron/core/collection';
import { type PresetHistory, presetHistory } from '../../electron/core/optimize/fsrs-items';
import { OptimizeJobs, unpackedModulePath } from '../../electron/core/optimize/optimize-jobs';
import { type LaunchOptimizer, launchNodeOptimizer } from '../../electron/core/optimize/optimizer-process';
import { getPreset } from '../../electron/core/presets';
import { type ForkUtility, utilityOptimizer } from '../../electron/utility-optimizer';
import { CueError } from '../../shared/errors';
import { openTestCollection, TestClock } from '../helpers/collections';
import { KNOWN_PARAMETERS, syntheticPackage } from '../helpers/fsrs-history';

const NOW = Date.UTC(2026, 0, 10, 12, 0);

/** The history's items as the binding takes them. */
function bindingItems(history: PresetHistory): FSRSBindingItem[] {
  const reviews = history.cards.map((card) =>
    card.ratings.map((rating, i) => new FSRSBindingReview(rating, card.deltas[i])),
  );
  return history.items.map(([card, end]) => new FSRSBindingItem(reviews[card].slice(0, end + 1)));
}

function logLoss(params: readonly number[], items: FSRSBindingItem[]): number {
  return new FSRSBinding([...params]).evaluate(items).logLoss;
}

/** A collection with the synthetic history: every 5th card in "Held back", the rest in "Synthetic" under its own preset. */
function syntheticCollection(packageBytes: Uint8Array) {
  const clock = new TestClock(NOW);
  const collection = openTestCollection(clock);
  collection.importFile('synthetic.apkg', packageBytes, { dryRun: false });
  const decks = collection.handlers['decks.list']({});
  const training = decks.find((deck) => deck.name === 'Synthetic');
  const heldBack = decks.find((deck) => deck.name === 'Held back');
  if (!training || !heldBack) throw new Error('the synthetic decks were not imported');
  const trainingPreset = collection.handlers['presets.create']({ name: 'Training' });
  const heldBackPreset = collection.handlers['presets.create']({ name: 'Held back' });
  collection.handlers['presets.assign']({ deckId: training.id, presetId: trainingPreset.id });
  collection.handlers['presets.assign']({ deckId: heldBack.id, presetId: heldBackPreset.id });
  return { collection, trainingPreset, heldBackPreset };
}

async function settled(collection: Collection, jobId: number) {
  // the job ends in the worker; the handlers are what the UI polls
  for (;;) {
    const progress = collection.handlers['optimize.progress']({ jobId });
    if (progress.state !== 'running') return progress;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('FSRS optimisation', () => {
  let apkg: Uint8Array;
  let generated: number;
  beforeAll(() => {
    const built = syntheticPackage({ heldBackEvery: 5 });
    apkg = built.apkg;
    generated = built.reviews;
  });

  it('fits parameters that predict held-back cards better than the defaults', async () => {
    expect(generated).toBeGreaterThan(11_000);
    const { collection, trainingPreset, heldBackPreset } = syntheticCollection(apkg);
    const started = collection.handlers['optimize.start']({ presetId: trainingPreset.id });
    expect(started.reviews).toBeGreaterThan(8000);
    expect((await settled(collection, started.jobId)).state).toBe('done');
    const result = collection.handlers['optimize.result']({ jobId: started.jobId });
    expect(result.params).toHaveLength(21);
    expect(result.current).toEqual(default_w);
    expect(result.after.logLoss).toBeLessThan(result.before.logLoss);
    expect(result.after.rmseBins).toBeLessThan(result.before.rmseBins);

    const heldBack = bindingItems(presetHistory(collection.db, heldBackPreset.id, collection.boundary));
    expect(heldBack.length).toBeGreaterThan(1000);
    const fitted = logLoss(result.params, heldBack);
    expect(fitted).toBeLessThan(logLoss(default_w, heldBack));
    // and it comes close to what the true parameters achieve on those cards
    expect(fitted - logLoss(KNOWN_PARAMETERS, heldBack)).toBeLessThan(0.01);
  });

  it('refuses a preset with too little history, giving both counts, before fitting', () => {
    const { collection, heldBackPreset } = syntheticCollection(syntheticPackage({ cards: 60, heldBackEvery: 5 }).apkg);
    const { reviews } = presetHistory(collection.db, heldBackPreset.id, collection.boundary);
    expect(reviews).toBeGreaterThan(0);
    expect(reviews).toBeLessThan(400);
    let refusal: unknown;
    try {
      collection.handlers['optimize.start']({ presetId: heldBackPreset.id });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(CueError);
    expect((refusal as CueError).message).toBe(
      `Optimising needs at least 400 reviews; this preset's decks have ${reviews}.`,
    );
    expect(() => collection.handlers['optimize.start']({ presetId: 999 })).toThrow(/no preset 999/);
  });

  it('stops when cancelled, leaving no result and the preset as it was', async () => {
    const { collection, trainingPreset } = syntheticCollection(apkg);
    const { jobId } = collection.handlers['optimize.start']({ presetId: trainingPreset.id });
    expect(collection.handlers['optimize.cancel']({ jobId }).state).toBe('running');
    const progress = await settled(collection, jobId);
    expect(progress.state).toBe('cancelled');
    expect(() => collection.handlers['optimize.result']({ jobId })).toThrow(/was cancelled; it has no result/);
    expect(() => collection.handlers['optimize.accept']({ jobId })).toThrow(/no result/);
    expect(getPreset(collection.db, trainingPreset.id).options.fsrsParameters).toBeNull();
  });

  it('writes the parameters into the preset only when accepted; answers use them from then on', async () => {
    const { collection, trainingPreset } = syntheticCollection(apkg);
    const { jobId } = collection.handlers['optimize.start']({ presetId: trainingPreset.id });
    expect(() => collection.handlers['optimize.result']({ jobId })).toThrow(/still running/);
    await settled(collection, jobId);
    const { params } = collection.handlers['optimize.result']({ jobId });
    expect(collection.handlers['presets.get']({ presetId: trainingPreset.id }).options.fsrsParameters).toBeNull();
    const accepted = collection.handlers['optimize.accept']({ jobId });
    expect(accepted.options.fsrsParameters).toEqual(params);
    expect(collection.handlers['presets.get']({ presetId: trainingPreset.id }).options.fsrsParameters).toEqual(params);
    // the next answer in the preset's deck is scheduled with (and records) the new parameters
    const [cardId] = collection.db
      .prepare('SELECT id FROM cards WHERE deck_id = ? LIMIT 1')
      .pluck()
      .all(accepted.deckIds[0]) as number[];
    collection.handlers['study.answer']({ deckId: accepted.deckIds[0], cardId, rating: 3, durationMs: 2000 });
    const weights = collection.db
      .prepare(
        'SELECT s.config FROM review_log r JOIN schedule_configs s ON s.id = r.config_id ORDER BY r.id DESC LIMIT 1',
      )
      .pluck()
      .get() as string;
    expect(JSON.parse(weights).weights).toEqual(params);
  });

  it('survives an optimiser that crashes: the job fails, saying how, and the collection carries on', async () => {
    // the native fit runs in a process of its own, so a segfault there ends only the fit
    const crashing: LaunchOptimizer = (_source, input) =>
      launchNodeOptimizer("process.kill(process.pid, 'SIGSEGV')", input);
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock, { launchOptimizer: crashing });
    collection.importFile('synthetic.apkg', apkg, { dryRun: false });
    const presetId = collection.handlers['presets.list']({})[0].id;
    const { jobId } = collection.handlers['optimize.start']({ presetId });
    const progress = await settled(collection, jobId);
    expect(progress).toMatchObject({ state: 'failed', error: 'the optimiser stopped (signal SIGSEGV)' });
    expect(() => collection.handlers['optimize.result']({ jobId })).toThrow(/was failed: the optimiser stopped/);
    expect(collection.handlers['presets.get']({ presetId }).options.fsrsParameters).toBeNull();
    expect(collection.handlers['decks.list']({}).length).toBeGreaterThan(0);
  });

  it('ends a running fit when the collection closes', async () => {
    let exited: Promise<string> | undefined;
    const endless: LaunchOptimizer = (_source, input) => {
      const child = launchNodeOptimizer('setInterval(() => {}, 1000)', input);
      exited = new Promise((resolve) => child.onExit(resolve));
      return child;
    };
    const clock = new TestClock(NOW);
    const collection = openTestCollection(clock, { launchOptimizer: endless });
    collection.importFile('synthetic.apkg', apkg, { dryRun: false });
    const presetId = collection.handlers['presets.list']({})[0].id;
    const { jobId } = collection.handlers['optimize.start']({ presetId });
    expect(collection.handlers['optimize.progress']({ jobId }).state).toBe('running');
    collection.close();
    expect(await exited).toBe('signal SIGKILL');
  });

  it('reports progress and errors for unknown jobs', () => {
    const jobs = new OptimizeJobs();
    expect(() => jobs.progress(42)).toThrow(/no optimisation 42/);
  });
});

describe('the desktop app’s optimiser process', () => {
  it('runs the fit from a script file through utilityProcess.fork, and kills it when cancelled', async () => {
    // a stand-in for Electron's utilityProcess.fork with the calls Cue uses, on a Node child process
    const forked: string[] = [];
    const fork: ForkUtility = (modulePath) => {
      forked.push(modulePath);
      const child = nodeFork(modulePath, [], { serialization: 'advanced', stdio: 'ignore' });
      return {
        postMessage: (message) => child.send(message as Serializable),
        on: (_event, listener) => child.on('message', listener),
        once: (_event, listener) => child.once('exit', (code) => listener(code ?? -1)),
        kill: () => child.kill(),
      };
    };
    const scriptDir = mkdtempSync(join(tmpdir(), 'cue-optimizer-'));
    const collection = openTestCollection(new TestClock(NOW), { launchOptimizer: utilityOptimizer(fork, scriptDir) });
    collection.importFile('synthetic.apkg', syntheticPackage({ cards: 300, heldBackEvery: 5 }).apkg, { dryRun: false });
    const presetId = collection.handlers['presets.list']({})[0].id;
    const done = collection.handlers['optimize.start']({ presetId });
    expect((await settled(collection, done.jobId)).state).toBe('done');
    expect(collection.handlers['optimize.result']({ jobId: done.jobId }).params).toHaveLength(21);
    expect(forked).toEqual([join(scriptDir, 'cue-optimizer.cjs')]);
    const cancelled = collection.handlers['optimize.start']({ presetId });
    collection.handlers['optimize.cancel']({ jobId: cancelled.jobId });
    expect((await settled(collection, cancelled.jobId)).state).toBe('cancelled');
    rmSync(scriptDir, { recursive: true, force: true });
  });
});

describe('the binding in the packaged app', () => {
  it('is loaded by the worker from beside app.asar, where electron-builder unpacks it', () => {
    expect(
      unpackedModulePath('/opt/Cue/resources/app.asar/node_modules/@open-spaced-repetition/binding/dist/index.cjs'),
    ).toBe('/opt/Cue/resources/app.asar.unpacked/node_modules/@open-spaced-repetition/binding/dist/index.cjs');
    expect(unpackedModulePath('C:\\Cue\\resources\\app.asar\\node_modules\\x.cjs')).toBe(
      'C:\\Cue\\resources\\app.asar.unpacked\\node_modules\\x.cjs',
    );
    const here = '/work/cue/node_modules/@open-spaced-repetition/binding/dist/index.cjs';
    expect(unpackedModulePath(here)).toBe(here);
  });
});
