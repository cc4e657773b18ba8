/** The sticky bar under the card: "Show answer" on the question side, the four ratings on the answer side. */
import type { IntervalPreview, Rating } from '../../../shared/domain';
import { RATING_NAMES } from '../../../shared/domain';
import { KeyHint } from '../../lib/key-hint';

const RATINGS: Rating[] = [1, 2, 3, 4];

interface Props {
  side: 'question' | 'answer';
  previews: IntervalPreview[];
  /** A custom session that leaves the schedule alone: the labels say where the card goes in the session. */
  practice?: boolean;
  onReveal: () => void;
  onRate: (rating: Rating) => void;
}

export function AnswerBar({ side, previews, practice = false, onReveal, onRate }: Props) {
  return (
    <footer className="answer-bar">
      {side === 'question' ? (
        <button
          type="button"
          key="reveal"
          className="button primary reveal"
          onClick={onReveal}
          aria-keyshortcuts="Space Enter"
        >
          Show answer <KeyHint>Space</KeyHint>
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
  onRate: (r: Rating) => void;
}

function RatingButton({ rating, label, practice, onRate }: RatingProps) {
  const name = RATING_NAMES[rating];
  const spoken = practice ? `${name}, ${PRACTICE_WORDS[label] ?? `back ${label}`}` : `${name}, next in ${label}`;
  return (
    <button
      type="button"
      className={`button rate rate-${rating}`}
      onClick={() => onRate(rating)}
      aria-label={label ? spoken : name}
      aria-keyshortcuts={rating === 3 ? '3 Space Enter' : String(rating)}
      data-testid={`rate-${rating}`}
    >
      <span className="rate-interval" data-testid={`interval-${rating}`}>
        {label}
      </span>
      <span className="rate-name">{name}</span>
      <KeyHint>{String(rating)}</KeyHint>
    </button>
  );
}
