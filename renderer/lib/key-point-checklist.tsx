/**
 * The checklist under a revealed answer (kept in view at the bottom while the answer scrolls): one chip per key point, its letter (a s d f g h j k l) beside
 * it, ticked by that letter or a click; marks for the points missed last time and those the typed
 * answer covers; and the rating the ticks suggest, which Space or Enter takes.
 */
import type { MouseEvent } from 'react';
import { RATING_NAMES, type Rating, type StudyCard } from '../../shared/domain';
import type { KeyPoint } from '../../shared/key-points';
import type { PointMatch } from '../../shared/typed-answer-match';
import type { Ticks } from './checklist';
import { POINT_KEYS } from './checklist';
import { KeyHint } from './key-hint';

interface Props {
  card: StudyCard;
  ticks: Ticks;
  matches: PointMatch[] | null;
  suggested: Rating | null;
  onToggle: (pointId: string) => void;
}

export function KeyPointChecklist({ card, ticks, matches, suggested, onToggle }: Props) {
  const recalled = ticks === null ? 0 : card.keyPoints.filter((point) => ticks.has(point.id)).length;
  return (
    <section className="key-points" aria-label="Key points" data-testid="key-points">
      <header className="key-points-head">
        <h2 className="key-points-title">Key points</h2>
        <span className="key-points-summary" aria-live="polite" data-testid="key-points-summary">
          {ticks === null
            ? 'Tick the ones you recalled'
            : `${recalled} of ${card.keyPoints.length} recalled${suggested ? ` · suggests ${RATING_NAMES[suggested]}` : ''}`}
        </span>
      </header>
      <ul className="key-point-list">
        {card.keyPoints.map((point, index) => (
          <PointRow
            key={point.id}
            point={point}
            letter={POINT_KEYS[index]}
            ticked={ticks?.has(point.id) ?? false}
            missed={card.missedLastTime.includes(point.id)}
            match={matches?.find((match) => match.id === point.id)}
            onToggle={onToggle}
          />
        ))}
      </ul>
    </section>
  );
}

interface RowProps {
  point: KeyPoint;
  /** Points past the ninth have no letter; they are ticked by a click. */
  letter: string | undefined;
  ticked: boolean;
  missed: boolean;
  match: PointMatch | undefined;
  onToggle: (pointId: string) => void;
}

/** A click must not leave the focus on the row: Space would then tick it again instead of rating. */
const keepFocus = (event: MouseEvent) => event.preventDefault();

function PointRow({ point, letter, ticked, missed, match, onToggle }: RowProps) {
  return (
    <li>
      <button
        type="button"
        aria-pressed={ticked}
        className={`key-point${ticked ? ' ticked' : ''}${missed ? ' missed-last' : ''}`}
        onMouseDown={keepFocus}
        onClick={() => onToggle(point.id)}
        aria-keyshortcuts={letter}
        // the answer above says it all; the row names the point, and the rest is a hover away
        title={point.text || undefined}
        data-testid={`point-${point.id}`}
      >
        <span className="key-point-box" aria-hidden="true">
          {ticked ? '✓' : ''}
        </span>
        {letter ? <KeyHint>{letter}</KeyHint> : <span className="key-hint-space" aria-hidden="true" />}
        <span className="key-point-label">{point.label}</span>
        <PointMarks missed={missed} match={match} />
      </button>
    </li>
  );
}

function PointMarks({ missed, match }: { missed: boolean; match: PointMatch | undefined }) {
  return (
    <span className="key-point-marks">
      {missed && (
        <span className="point-mark missed-mark" data-testid="missed-last-time">
          missed last time
        </span>
      )}
      {match?.covered && (
        <span
          className="point-mark covered-mark"
          data-testid="covered"
          title={`Your answer has: ${match.matchedTerms.join(', ')}`}
        >
          in your answer
        </span>
      )}
    </span>
  );
}
