/** Turns whatever a failed `call` threw into words for the person studying. */
import { CueError, type CueErrorCode } from '../../shared/errors';

export interface ErrorText {
  title: string;
  message: string;
  /** What the person can do about it, when there is something. */
  hint?: string;
  code?: CueErrorCode;
}

const TITLES: Record<CueErrorCode, string> = {
  invalid_input: 'Cue rejected a request',
  unknown_method: 'This version of Cue does not know that action',
  not_found: 'Not found',
  nothing_to_undo: 'Nothing to undo',
  conflict: 'That change could not be made',
  database: 'Problem with the collection database',
  storage: 'Cue cannot write to the disk',
  unauthorized: 'This page is not allowed to talk to Cue',
  internal: 'Something went wrong',
};

const HINTS: Partial<Record<CueErrorCode, string>> = {
  database: 'Your answers so far are kept. Check that the disk is not full, then try again.',
  storage: 'Nothing was lost: the collection is as it was before this change.',
};

export function describeError(error: unknown): ErrorText {
  if (error instanceof CueError) {
    return {
      title: TITLES[error.code] ?? TITLES.internal,
      message: error.message,
      hint: HINTS[error.code],
      code: error.code,
    };
  }
  // fetch() rejects with a TypeError when the loopback host is gone.
  if (error instanceof TypeError && /fetch|network|load failed/i.test(error.message)) {
    return {
      title: 'Cue is not reachable',
      message: 'The Cue process may have stopped.',
      hint: 'Start it again, then reload this page.',
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: TITLES.internal, message };
}

export function errorCode(error: unknown): CueErrorCode | undefined {
  return error instanceof CueError ? error.code : undefined;
}
