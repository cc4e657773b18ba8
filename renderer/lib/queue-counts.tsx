/** Anki's three coloured numbers (blue new, red learning, green review), always with their words. */
import type { CardState, QueueCounts as Counts } from '../../shared/domain';

type Queue = keyof Counts;

const QUEUES: { queue: Queue; label: string }[] = [
  { queue: 'new', label: 'new' },
  { queue: 'learning', label: 'learning' },
  { queue: 'review', label: 'review' },
];

/** Which count the card on screen belongs to, so it can be underlined as Anki does. */
export function queueOf(state: CardState): Queue {
  return state === 'relearning' ? 'learning' : state;
}

interface Props {
  counts: Counts;
  current?: Queue;
  testIdPrefix?: string;
}

export function QueueCounts({ counts, current, testIdPrefix }: Props) {
  return (
    <span className="queue-counts">
      {QUEUES.map(({ queue, label }) => (
        <span
          key={queue}
          className={`count count-${queue}${counts[queue] === 0 ? ' is-zero' : ''}${current === queue ? ' is-current' : ''}`}
          data-testid={testIdPrefix ? `${testIdPrefix}-${queue}` : undefined}
        >
          <span className="count-number">{counts[queue]}</span> {label}
        </span>
      ))}
    </span>
  );
}
