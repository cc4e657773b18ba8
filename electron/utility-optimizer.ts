/**
 * The desktop app's optimiser process: an Electron utility process (there `process.execPath` is Cue
 * itself, and the packaged app cannot run as Node). Written against the few calls of
 * `utilityProcess.fork` it uses, so it imports no Electron and the shell passes the real one in.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchOptimizer, OptimizerMessage } from './core/optimize/optimizer-process';

/** What Cue uses of Electron's UtilityProcess. */
export interface UtilityChild {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  once(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export type ForkUtility = (modulePath: string, args: string[], options: { serviceName: string }) => UtilityChild;

/** Launches the optimiser's source as a utility process, from a script file written into `scriptDir`. */
export function utilityOptimizer(fork: ForkUtility, scriptDir: string): LaunchOptimizer {
  return (source, input) => {
    const script = join(scriptDir, 'cue-optimizer.cjs');
    writeFileSync(script, source);
    const child = fork(script, [], { serviceName: 'Cue FSRS optimiser' });
    let ended: string | undefined;
    const listeners: ((how: string) => void)[] = [];
    child.once('exit', (code) => {
      ended = `exit code ${code}`;
      for (const listener of listeners.splice(0)) listener(ended);
    });
    child.postMessage(input);
    return {
      onMessage: (listener) => child.on('message', (message) => listener(message as OptimizerMessage)),
      onExit: (listener) => {
        if (ended !== undefined) listener(ended);
        else listeners.push(listener);
      },
      kill: () => {
        if (ended === undefined) child.kill();
      },
    };
  };
}
