/**
 * Why a change to the collection (an import, a restore) failed, and whether the collection is as it
 * was: the core's transactions leave it unchanged, unless Cue never answered.
 */
import type { ReactNode } from 'react';
import { useFocusOnMount } from './dialog-hooks';
import { describeError } from './errors';

interface Props {
  headline: string;
  error: unknown;
  unchanged: boolean;
  /** "import", "restore": what may or may not have run when Cue gave no answer. */
  action: string;
  testId: string;
  /** The way on: buttons. */
  children: ReactNode;
}

export function WriteFailure({ headline, error, unchanged, action, testId, children }: Props) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const { message, hint, code } = describeError(error);
  return (
    <div className="error-panel import-error" role="alert" data-testid={testId}>
      <h2 ref={heading} tabIndex={-1}>
        {headline}
      </h2>
      <p className="error-message" data-testid={`${testId}-message`}>
        {message}
      </p>
      {hint && <p>{hint}</p>}
      <p className="import-unchanged">
        <strong>
          {unchanged
            ? 'Your collection was not changed.'
            : `Cue did not answer, so it is not known whether the ${action} ran; check your decks.`}
        </strong>
      </p>
      {code && <p className="error-code">Error code: {code}</p>}
      <div className="button-row">{children}</div>
    </div>
  );
}
