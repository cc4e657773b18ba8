/**
 * The handler table with every change a person makes recorded as one step of the history: each
 * method undoableMethods names runs inside recordStep, labelled from its input and what it did.
 */
import type { MethodName } from '../../../shared/api';
import type { Db } from '../database';
import type { Handlers } from '../handlers/context';
import { recordStep } from './history';
import { undoableMethods } from './undoable-methods';

export function recordedHandlers(handlers: Handlers, core: { readonly db: Db; now(): number }): Handlers {
  const recorded = { ...handlers } as Record<MethodName, (input: unknown) => unknown>;
  for (const [name, label] of Object.entries(undoableMethods) as [
    MethodName,
    (i: unknown, o: unknown) => string | null,
  ][]) {
    const handler = handlers[name] as (input: unknown) => unknown;
    recorded[name] = (input) =>
      recordStep(
        core.db,
        core.now(),
        (output) => label(input, output),
        () => handler(input),
      );
  }
  return recorded as Handlers;
}
