/**
 * Before the reveal: how many of the card's key points were missed last time, and which by position
 * (1st, 3rd). Their labels would give the answer away, so they show only on the checklist.
 */
import type { StudyCard } from '../../../shared/domain';

const ORDINALS = ['1st', '2nd', '3rd'];
const ordinal = (n: number) => ORDINALS[n - 1] ?? `${n}th`;

function listed(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export function MissedHint({ card }: { card: StudyCard }) {
  const positions = card.keyPoints.flatMap((point, index) =>
    card.missedLastTime.includes(point.id) ? [index + 1] : [],
  );
  if (positions.length === 0) return null;
  return (
    <p className="missed-hint" data-testid="missed-hint">
      <strong>Missed last time:</strong> {positions.length} of {card.keyPoints.length} key points (the{' '}
      {listed(positions.map(ordinal))}); they are marked after the reveal.
    </p>
  );
}
