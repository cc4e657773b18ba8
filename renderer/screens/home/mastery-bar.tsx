/**
 * A section's mastery on the home screen: a bar as long as the share of cards mastered, and the count in
 * words ("3/10 mastered"), so neither colour nor the bar alone carries the number. It links to the
 * section's statistics.
 */
interface Props {
  mastered: number;
  cards: number;
  name: string;
  href: string;
}

export function MasteryBar({ mastered, cards, name, href }: Props) {
  const share = cards > 0 ? mastered / cards : 0;
  return (
    <a className="mastery" href={href} data-testid="mastery">
      <span className="mastery-track" aria-hidden="true">
        <span className="mastery-fill" style={{ width: `${Math.round(share * 100)}%` }} />
      </span>
      <span className="visually-hidden">Statistics for {name}: </span>
      <span className="mastery-text" data-testid="mastery-text">
        {mastered}/{cards}
        {/* the column's heading says it already: a narrow window hides the word from sight only */}
        <span className="mastery-word"> mastered</span>
      </span>
    </a>
  );
}
