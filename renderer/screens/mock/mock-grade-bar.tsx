/**
 * The bar under the question: Done while answering; on the reveal the four grades, with when the card
 * would come back, as study's answer bar shows them (same classes, same keys).
 */
import { type IntervalPreview, RATING_NAMES, type Rating } from '../../../shared/domain';
import { KeyHint } from '../../lib/key-hint';

const RATINGS: Rating[] = [1, 2, 3, 4];

interface Props {
  phase: 'asking' | 'answered';
  previews: IntervalPreview[];
  onDone: () => void;
  onGrade: (rating: Rating) => void;
}

export function MockGradeBar({ phase, previews, onDone, onGrade }: Props) {
  return (
    <footer className="answer-bar">
      {phase === 'asking' ? (
        <button
          type="button"
          className="button primary reveal"
          onClick={onDone}
          aria-keyshortcuts="Space Enter"
          data-testid="mock-done"
        >
          Done <KeyHint>Space</KeyHint>
        </button>
      ) : (
        <fieldset className="ratings">
          <legend className="visually-hidden">How well did you answer?</legend>
          {RATINGS.map((rating) => {
            const label = previews.find((p) => p.rating === rating)?.label ?? '';
            const name = RATING_NAMES[rating];
            return (
              <button
                key={rating}
                type="button"
                className={`button rate rate-${rating}`}
                onClick={() => onGrade(rating)}
                aria-label={label ? `${name}, next in ${label}` : name}
                aria-keyshortcuts={rating === 3 ? '3 Space Enter' : String(rating)}
                data-testid={`rate-${rating}`}
              >
                <span className="rate-interval">{label}</span>
                <span className="rate-name">{name}</span>
                <KeyHint>{String(rating)}</KeyHint>
              </button>
            );
          })}
        </fieldset>
      )}
    </footer>
  );
}
