/**
 * The optimiser's own process: fits FSRS-6 to the items with fsrs-rs (through
 * @open-spaced-repetition/binding) and evaluates the current and the fitted parameters on the same
 * items, reporting progress as it goes.
 *
 * A process, not a worker thread: the binding's asynchronous calls crash a process now and then when
 * they run in a worker thread (nodejs/node#58484, a segfault in a threadsafe function), and a crash
 * there would take the whole of Cue with it. In a process of its own a crash ends only the fit (the
 * job says so), and cancelling is killing it.
 *
 * It runs as source text, so the same code runs under the tests, the bundled CLI and the desktop app:
 * under Node as `node -e` with an IPC channel (`process.send`), in the desktop app as an Electron
 * utility process (`process.parentPort`), with the binding loaded from where the parent resolved it.
 *
 * Messages to the parent: {progress: [current, total]}, then {result} or {failed: message}. From the
 * parent: the input, once.
 */
import { spawn } from 'node:child_process';
import type { Evaluation } from '../../../shared/optimize';
import type { CardHistory } from './fsrs-items';

export interface OptimizerInput {
  /** The binding's entry, resolved by the parent. */
  module: string;
  cards: Pick<CardHistory, 'ratings' | 'deltas'>[];
  items: [number, number][];
  current: number[];
  numRelearningSteps: number;
  /** Milliseconds each progress report is held up (the e2e tests' hook, so the bar can be seen). */
  slowMs: number;
}

export type OptimizerMessage =
  | { progress: [number, number] }
  | { result: { params: number[]; fitted: number[]; before: Evaluation; after: Evaluation } }
  | { failed: string };

/** A running optimiser process, as the jobs see it (Node's child process or Electron's utility process). */
export interface OptimizerProcess {
  onMessage(listener: (message: OptimizerMessage) => void): void;
  /** Once, when the process has ended for any reason; `how` says how ("exit code 1", "signal SIGSEGV"). */
  onExit(listener: (how: string) => void): void;
  kill(): void;
}

/** Starts an optimiser process and hands it the input. */
export type LaunchOptimizer = (source: string, input: OptimizerInput) => OptimizerProcess;

export const OPTIMIZER_SOURCE = `
const utility = process.parentPort;
const send = (message) => (utility ? utility.postMessage(message) : process.send(message));
const pause = new Int32Array(new SharedArrayBuffer(4));
async function fit(input) {
  const binding = require(input.module);
  const perCard = input.cards.map((card) =>
    card.ratings.map((rating, i) => new binding.FSRSBindingReview(rating, card.deltas[i])),
  );
  const items = input.items.map(([card, end]) => new binding.FSRSBindingItem(perCard[card].slice(0, end + 1)));
  const fitted = await binding.computeParameters(items, {
    enableShortTerm: true,
    numRelearningSteps: input.numRelearningSteps,
    // how often fsrs-rs reports (ms); it waits for each report, so the slow hook holds the fit itself
    timeout: input.slowMs > 0 ? 5 : 20,
    progress: (current, total) => {
      if (input.slowMs > 0) Atomics.wait(pause, 0, 0, input.slowMs);
      send({ progress: [current, total] });
      return true;
    },
  });
  const evaluate = (params) => {
    const { logLoss, rmseBins } = new binding.FSRSBinding(params).evaluate(items);
    return { logLoss, rmseBins };
  };
  const before = evaluate(input.current);
  const after = evaluate(fitted);
  // as Anki: parameters that do not fit the history better than the current ones are not offered
  const better = after.logLoss < before.logLoss;
  return { params: better ? fitted : input.current, fitted, before, after: better ? after : before };
}
const run = (input) =>
  fit(input).then(
    (result) => send({ result }),
    (error) => send({ failed: String((error && error.message) || error) }),
  );
if (utility) utility.once('message', (event) => run(event.data));
else process.once('message', run);
`;

/**
 * The optimiser as a Node child process (the CLI, the web host and the tests, where `process.execPath`
 * is Node). The desktop app passes its own launcher, since there the executable is Cue itself.
 */
export const launchNodeOptimizer: LaunchOptimizer = (source, input) => {
  const child = spawn(process.execPath, ['-e', source], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  let errors = '';
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    errors = (errors + text).slice(-2000);
  });
  const exitListeners: ((how: string) => void)[] = [];
  let ended: string | undefined;
  const end = (how: string) => {
    if (ended !== undefined) return;
    const said = errors.trim().split('\n').at(-1);
    ended = said ? `${how}: ${said}` : how;
    for (const listener of exitListeners.splice(0)) listener(ended);
  };
  child.once('error', (error) => end(error.message));
  child.once('close', (code, signal) => end(signal ? `signal ${signal}` : `exit code ${code}`));
  child.send(input, () => undefined);
  // a job never keeps a command-line process alive on its own
  child.unref();
  child.channel?.unref();
  (child.stderr as { unref?: () => void } | null)?.unref?.();
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      if (ended !== undefined) listener(ended);
      else exitListeners.push(listener);
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
};
