/** The one entry point every transport uses: checks the method name and input, runs, maps errors. */
import { z } from 'zod';
import { type ApiOutput, api, isMethodName, type MethodName } from '../../shared/api';
import { CueError } from '../../shared/errors';
import type { Collection } from './collection';

export function dispatch(collection: Collection, name: unknown, input: unknown): unknown {
  if (!isMethodName(name)) {
    throw new CueError('unknown_method', `Cue has no method ${JSON.stringify(name)}.`, { method: name });
  }
  const parsed = checkInput(name, api[name].input, input ?? {});
  const handler = collection.handlers[name] as (input: unknown) => ApiOutput<MethodName>;
  const fail = (error: unknown): never => {
    throw toCueError(collection.describeFailure(error));
  };
  try {
    const result = handler(parsed);
    // a change is written to the sync folder shortly after (a no-op where sync is not running)
    if (!name.startsWith('sync.')) collection.sync.changed();
    // the few methods that work in the background answer with a promise; their failures read the same
    return result instanceof Promise ? result.catch(fail) : result;
  } catch (error) {
    return fail(error);
  }
}

/**
 * Validates input for `method` against `schema` (the table's, or part of it, for a transport that
 * carries some fields another way), with the invalid_input every transport gives.
 */
export function checkInput<S extends z.ZodType>(method: MethodName, schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    throw new CueError('invalid_input', `Invalid input for ${method}: ${z.prettifyError(parsed.error)}`, {
      method,
      issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  return parsed.data;
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
