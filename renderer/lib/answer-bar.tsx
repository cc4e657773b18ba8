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
  /** A custom session that leaves the schedule alone: the labels say where the card goes in the session. */
  practice?: boolean;
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
  practice = false,
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
              practice={practice}
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

/** How a practice label reads aloud ("in 3 cards" reads as "back in 3 cards"). */
const PRACTICE_WORDS: Record<string, string> = { done: 'done for this session', next: 'shown again next' };

interface RatingProps {
  rating: Rating;
  label: string;
  practice: boolean;
  /** Space and Enter give this rating. */
  accepts: boolean;
  /** The checklist suggests it. */
  suggested: boolean;
  onRate: (r: Rating) => void;
}

function RatingButton({ rating, label, practice, accepts, suggested, onRate }: RatingProps) {
  const name = RATING_NAMES[rating];
  const spoken = practice ? `${name}, ${PRACTICE_WORDS[label] ?? `back ${label}`}` : `${name}, next in ${label}`;
  return (
    <button
      type="button"
      className={`button rate rate-${rating}${suggested ? ' suggested' : ''}`}
      onClick={() => onRate(rating)}
      aria-label={`${label ? spoken : name}${suggested ? ', suggested' : ''}`}
      aria-keyshortcuts={accepts ? `${rating} Space Enter` : String(rating)}
      data-testid={`rate-${rating}`}
      data-suggested={suggested || undefined}
    >
      <span className="rate-interval" data-testid={`interval-${rating}`}>
        {label}
      </span>
      <span className="rate-name">{name}</span>
      <KeyHint>{String(rating)}</KeyHint>
      {suggested && (
        <span className="suggested-hint" aria-hidden="true">
          suggested · Space
        </span>
      )}
    </button>
  );
}
