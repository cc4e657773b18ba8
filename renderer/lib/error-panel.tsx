/** A failed call shown as a message with a way forward, instead of a blank screen. */
import { describeError } from './errors';

interface Props {
  error: unknown;
  onRetry?: () => void;
  onHome?: () => void;
}

export function ErrorPanel({ error, onRetry, onHome }: Props) {
  const { title, message, hint, code } = describeError(error);
  return (
    <div className="error-panel" role="alert" data-testid="error">
      <h2>{title}</h2>
      <p>{message}</p>
      {hint && <p>{hint}</p>}
      {code && <p className="error-code">Error code: {code}</p>}
      <div className="button-row">
        {onRetry && (
          <button type="button" className="button primary" onClick={onRetry}>
            Try again
          </button>
        )}
        {onHome && (
          <button type="button" className="button" onClick={onHome}>
            Back to decks
          </button>
        )}
      </div>
    </div>
  );
}
