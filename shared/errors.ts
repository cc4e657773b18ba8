/** Error kinds that cross the process boundary. The UI decides how to show each. */
export type CueErrorCode =
  | 'invalid_input'
  | 'unknown_method'
  | 'not_found'
  | 'nothing_to_undo'
  | 'conflict'
  | 'database'
  /** The disk refused a write: it is full, read-only or failing. Nothing was changed. */
  | 'storage'
  | 'unauthorized'
  | 'internal';

export interface CueErrorData {
  code: CueErrorCode;
  message: string;
  /** Where the problem is: a field path, a file and line, a card id. */
  details?: unknown;
}

export class CueError extends Error {
  readonly code: CueErrorCode;
  readonly details?: unknown;

  constructor(code: CueErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'CueError';
    this.code = code;
    this.details = details;
  }

  toJSON(): CueErrorData {
    return { code: this.code, message: this.message, details: this.details };
  }

  static from(data: CueErrorData): CueError {
    return new CueError(data.code, data.message, data.details);
  }
}

export function isCueErrorData(value: unknown): value is CueErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CueErrorData).code === 'string' &&
    typeof (value as CueErrorData).message === 'string'
  );
}
