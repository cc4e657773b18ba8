/**
 * The optimiser's worker thread: fits FSRS-6 to the items with fsrs-rs (through
 * @open-spaced-repetition/binding) and evaluates the current and the fitted parameters on the same
 * items, reporting progress as it goes. It runs as source text (as the background check does), so
 * the same code runs under the tests, the bundled CLI and the desktop app, with the binding loaded
 * from where the main thread resolved it.
 *
 * Messages to the main thread: {progress: [current, total]}, then one of {result}, {cancelled: true},
 * {failed: message}. From the main thread: a cancel, through shared memory (see `control`), taken at
 * the next progress report (fsrs-rs stops when the progress callback returns false).
 */
import type { Evaluation } from '../../../shared/optimize';
import type { CardHistory } from './fsrs-items';

export interface WorkerInput {
  /** The binding's entry, resolved by the main thread. */
  module: string;
  cards: Pick<CardHistory, 'ratings' | 'deltas'>[];
  items: [number, number][];
  current: number[];
  numRelearningSteps: number;
  /** Milliseconds each progress report is held up (the e2e tests' hook, so the bar can be seen). */
  slowMs: number;
  /**
   * One Int32 the main thread sets to 1 to cancel. Shared memory, not a message: the worker reads it in
   * the progress callback itself, which may run report after report without the event loop in between.
   */
  control: SharedArrayBuffer;
}

export type WorkerMessage =
  | { progress: [number, number] }
  | { result: { params: number[]; fitted: number[]; before: Evaluation; after: Evaluation } }
  | { cancelled: true }
  | { failed: string };

export const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const input = workerData;
const control = new Int32Array(input.control);
const isCancelled = () => Atomics.load(control, 0) !== 0;
(async () => {
  const binding = require(input.module);
  const perCard = input.cards.map((card) =>
    card.ratings.map((rating, i) => new binding.FSRSBindingReview(rating, card.deltas[i])),
  );
  const items = input.items.map(([card, end]) => new binding.FSRSBindingItem(perCard[card].slice(0, end + 1)));
  const onProgress = (current, total) => {
    // the test hook's hold ends at once when the main thread cancels (it notifies)
    if (input.slowMs > 0) Atomics.wait(control, 0, 0, input.slowMs);
    parentPort.postMessage({ progress: [current, total] });
    return !isCancelled();
  };
  let fitted;
  try {
    fitted = await binding.computeParameters(items, {
      enableShortTerm: true,
      numRelearningSteps: input.numRelearningSteps,
      // how often fsrs-rs reports (ms); it waits for each report, so the slow hook holds the fit itself
      timeout: input.slowMs > 0 ? 5 : 20,
      progress: onProgress,
    });
  } catch (error) {
    if (isCancelled()) return parentPort.postMessage({ cancelled: true });
    throw error;
  }
  if (isCancelled()) return parentPort.postMessage({ cancelled: true });
  const evaluate = (params) => {
    const { logLoss, rmseBins } = new binding.FSRSBinding(params).evaluate(items);
    return { logLoss, rmseBins };
  };
  const before = evaluate(input.current);
  const after = evaluate(fitted);
  // as Anki: parameters that do not fit the history better than the current ones are not offered
  const better = after.logLoss < before.logLoss;
  parentPort.postMessage({
    result: { params: better ? fitted : input.current, fitted, before, after: better ? after : before },
  });
})().catch((error) => parentPort.postMessage({ failed: String((error && error.message) || error) }));
`;
