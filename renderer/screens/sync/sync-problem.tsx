/** A failed sync call, said where it happened: what Cue could not do, and the API's own words for why. */
import { describeError } from '../../lib/errors';

export function SyncProblem({ headline, error, testId }: { headline: string; error: unknown; testId: string }) {
  const { message, hint, code } = describeError(error);
  return (
    <div className="import-problem" role="alert" data-testid={testId}>
      <strong>{headline}</strong>
      {`\n${message}`}
      {hint && `\n${hint}`}
      {code && code !== 'invalid_input' && `\nError code: ${code}`}
    </div>
  );
}
