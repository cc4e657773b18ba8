/** The one entry point every transport uses: checks the method name and input, runs, maps errors. */
import { z } from 'zod';
import { type ApiOutput, api, isMethodName, type MethodName } from '../../shared/api';
import { CueError } from '../../shared/errors';
import type { Collection } from './collection';

export function dispatch(collection: Collection, name: unknown, input: unknown): unknown {
  if (!isMethodName(name)) {
    throw new CueError('unknown_method', `Cue has no method ${JSON.stringify(name)}.`, { method: name });
  }
  const parsed = api[name].input.safeParse(input ?? {});
  if (!parsed.success) {
    throw new CueError('invalid_input', `Invalid input for ${name}: ${z.prettifyError(parsed.error)}`, {
      method: name,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const handler = collection.handlers[name] as (input: unknown) => ApiOutput<MethodName>;
  try {
    return handler(parsed.data);
  } catch (error) {
    throw toCueError(collection.describeFailure(error));
  }
}

export function toCueError(error: unknown): CueError {
  if (error instanceof CueError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown })?.code;
  if (code === 'SQLITE_BUSY') {
    return new CueError('conflict', 'The collection is busy with another change; try again in a moment.', {
      sqlite: code,
    });
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return new CueError('database', `The collection could not be updated: ${message}`, { sqlite: code });
  }
  return new CueError('internal', `Unexpected error: ${message}`);
}
