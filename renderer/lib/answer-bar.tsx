/**
 * The sticky bar under the card: "Show answer" on the question side (a mock interview's "Done"), the four
 * ratings on the answer side, the checklist's suggestion marked.
 */
import type { IntervalPreview, Rating } from '../../shared/domain';
import { RATING_NAMES } from '../../shared/domain';
import { KeyHint } from './key-hint';

const RATINGS: Rating[] = [1, 2, 3, 4];

interface Props {
  side: 'question' | 'answer';
  previews: IntervalPreview[];
  /** The rating the key-point checklist suggests: highlighted, and what Space or Enter gives. */
  suggested?: Rating | null;
  /** The typed-answer box is shown: Ctrl+Enter reveals from it. */
  typing?: boolean;
  /** The question side's button, "Show answer" unless said otherwise, and its test id. */
  revealLabel?: string;
  revealTestId?: string;
  onReveal: () => void;
  onRate: (rating: Rating) => void;
}

export function AnswerBar({
  side,
  previews,
  suggested = null,
  typing = false,
  revealLabel = 'Show answer',
  revealTestId,
  onReveal,
  onRate,
}: Props) {
  return (
    <footer className="answer-bar">
      {side === 'question' ? (
        <button
          type="button"
          key="reveal"
          className="button primary reveal"
          onClick={onReveal}
          aria-keyshortcuts={typing ? 'Control+Enter Space Enter' : 'Space Enter'}
          data-testid={revealTestId}
        >
          {revealLabel} <KeyHint>{typing ? 'Ctrl+Enter' : 'Space'}</KeyHint>
        </button>
      ) : (
        <fieldset className="ratings">
          <legend className="visually-hidden">How well did you remember?</legend>
          {RATINGS.map((rating) => (
            <RatingButton
              key={rating}
              rating={rating}
              label={labelOf(previews, rating)}
              accepts={rating === (suggested ?? 3)}
              suggested={rating === suggested}
              onRate={onRate}
            />
          ))}
        </fieldset>
      )}
    </footer>
  );
}

function labelOf(previews: IntervalPreview[], rating: Rating): string {
  return previews.find((p) => p.rating === rating)?.label ?? '';
}

interface RatingProps {
  rating: Rating;
  label: string;
  /** Space and Enter give this rating. */
  accepts: boolean;
  /** The checklist suggests it. */
  suggested: boolean;
  onRate: (r: Rating) => void;
}

/**
 * The name is the visible words in their order ("Good, 10m", "Good, in 3 cards", ", suggested"), so a
 * person who says what they see names the button (WCAG 2.5.3); the interval shows above the rating by CSS.
 * The key hints are drawn from attributes, never text.
 */
function RatingButton({ rating, label, accepts, suggested, onRate }: RatingProps) {
  const name = RATING_NAMES[rating];
  return (
    <button
      type="button"
      className={`button rate rate-${rating}${suggested ? ' suggested' : ''}`}
      onClick={() => onRate(rating)}
      aria-label={`${label ? `${name}, ${label}` : name}${suggested ? ', suggested' : ''}`}
      aria-keyshortcuts={accepts ? `${rating} Space Enter` : String(rating)}
      data-testid={`rate-${rating}`}
      data-suggested={suggested || undefined}
    >
      <span className="rate-name">{name}</span>{' '}
      <span className="rate-interval" data-testid={`interval-${rating}`}>
        {label}
      </span>
      <KeyHint>{String(rating)}</KeyHint>{' '}
      {suggested && (
        <span className="suggested-hint" aria-hidden="true" data-key="Space">
          suggested
        </span>
      )}
    </button>
  );
}
