/**
 * The typed answer: a box under the question (Ctrl+Enter reveals; Enter is a new line), and after the
 * reveal what was typed, beside the model answer, with the key points it covers and the words that
 * matched, so the person sees why a point was ticked. A card whose template asks for the answer to be
 * typed (Anki's `{{type:Field}}`) gets Anki's one-line box instead: Enter reveals, and the answer side
 * compares what was typed with what was expected.
 */
import type { StudyCard } from '../../shared/domain';
import type { PointMatch } from '../../shared/typed-answer-match';

interface BoxProps {
  value: string;
  onChange: (text: string) => void;
}

export function TypedAnswerBox({ value, onChange }: BoxProps) {
  return (
    <label className="typed-answer-box">
      <span className="typed-answer-title">
        Your answer <span className="muted">· Ctrl+Enter shows the model answer (Enter is a new line)</span>
      </span>
      <textarea
        value={value}
        onChange={(event) => onChange(event.target.value)}
        // Escape leaves the box, so a second Escape (a study key again) goes back to the decks
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
        rows={5}
        maxLength={20_000}
        // biome-ignore lint/a11y/noAutofocus: the box is what a typed-answer card is for; keys reveal from it
        autoFocus
        aria-keyshortcuts="Control+Enter"
        data-testid="typed-answer"
      />
    </label>
  );
}

interface TypeInProps extends BoxProps {
  /** Enter: show the answer, as Anki does. */
  onSubmit: () => void;
}

export function TypeInBox({ value, onChange, onSubmit }: TypeInProps) {
  return (
    <label className="typed-answer-box">
      <span className="typed-answer-title">
        Type the answer <span className="muted">· Enter shows it, compared</span>
      </span>
      <input
        type="text"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // an input method still composing owns its Enter
          if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
            event.preventDefault();
            onSubmit();
          } else if (event.key === 'Escape') event.currentTarget.blur();
        }}
        maxLength={20_000}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        // biome-ignore lint/a11y/noAutofocus: typing the answer is what the card asks for; Enter reveals from here
        autoFocus
        aria-keyshortcuts="Enter"
        data-testid="type-answer"
      />
    </label>
  );
}

interface PanelProps {
  card: StudyCard;
  typed: string;
  matches: PointMatch[] | null;
}

export function TypedAnswerPanel({ card, typed, matches }: PanelProps) {
  const covered = card.keyPoints.filter((point) => matches?.find((match) => match.id === point.id)?.covered);
  return (
    <section className="typed-answer-panel" aria-label="Your answer" data-testid="typed-answer-panel">
      <h2 className="typed-answer-title">Your answer</h2>
      <p className="typed-answer-text" data-testid="typed-answer-text">
        {typed}
      </p>
      {matches && (
        <p className="typed-answer-covers" data-testid="typed-answer-covers">
          {covered.length === 0
            ? 'Covers none of the key points by their words.'
            : `Covers ${covered.length} of ${card.keyPoints.length} key points: ${covered.map((p) => p.label).join('; ')}.`}
        </p>
      )}
    </section>
  );
}
