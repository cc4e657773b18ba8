/** A CueError the web host answers with a status of its own (408, 413, 415…) rather than its code's. */
import { CueError, type CueErrorCode } from '../../shared/errors';

export class HttpError extends CueError {
  readonly status: number;

  constructor(status: number, code: CueErrorCode, message: string, details?: unknown) {
    super(code, message, details);
    this.status = status;
  }
}
