/** The study header: the way back, where the session is, how much is left, and the actions on the card. */
import type { StudyNext } from '../../../shared/domain';
import { total } from '../../lib/format';
import { KeyHint } from '../../lib/key-hint';
import { QueueCounts, queueOf } from '../../lib/queue-counts';
import { ScreenHeader } from '../../lib/screen-header';
import type { CustomStudy } from '../../lib/study-scope';
import type { StudySession } from './study-session';

interface HeaderProps {
  session: StudySession;
  title: string;
  custom?: CustomStudy;
  onHome: () => void;
  onEdit?: () => void;
  /** The typed-answer box is on for this session, and the switch for it. */
  typing?: boolean;
  onToggleTyping?: () => void;
  /** The card has sounds: plays the side's again (r). */
  onReplay?: () => void;
}

export function StudyHeader({ session, title, custom, onHome, onEdit, typing, onToggleTyping, onReplay }: HeaderProps) {
  const { next } = session;
  const card = next?.card ?? null;
  return (
    <ScreenHeader className="study-header" backLabel="Decks" onBack={onHome} backClassName="button ghost">
      <h1 className="study-title" title={title}>
        {title}
        {custom && <CustomBadge custom={custom} />}
      </h1>
      {next && <SessionProgress next={next} done={session.done} current={card ? queueOf(card.state) : undefined} />}
      <div className="study-tools">
        {onToggleTyping && (
          <button
            type="button"
            className="button ghost small toggle"
            onClick={onToggleTyping}
            aria-pressed={typing}
            title="A box under the question to type your answer in before the reveal (this session)"
            data-testid="toggle-typing"
          >
            Type answers
          </button>
        )}
        {onReplay && (
          <button
            type="button"
            className="button ghost small"
            onClick={onReplay}
            aria-keyshortcuts="r"
            data-testid="replay-audio"
          >
            Replay audio <KeyHint>r</KeyHint>
          </button>
        )}
        <button
          type="button"
          className="button ghost small"
          onClick={session.undo}
          disabled={!next?.canUndo}
          aria-keyshortcuts="u"
        >
          Undo <KeyHint>u</KeyHint>
        </button>
        <button
          type="button"
          className="button ghost small"
          onClick={session.bury}
          disabled={!card}
          aria-keyshortcuts="-"
        >
          Bury <KeyHint>-</KeyHint>
        </button>
        <button
          type="button"
          className="button ghost small"
          onClick={session.suspend}
          disabled={!card}
          aria-keyshortcuts="@"
        >
          Suspend <KeyHint>@</KeyHint>
        </button>
        <button
          type="button"
          className="button ghost small"
          onClick={session.deleteCard}
          disabled={!card}
          aria-keyshortcuts="Control+Delete"
          data-testid="study-delete"
        >
          Delete <KeyHint>Ctrl+Del</KeyHint>
        </button>
        {onEdit && (
          <button type="button" className="button ghost small" onClick={onEdit} disabled={!card} aria-keyshortcuts="e">
            Edit <KeyHint>e</KeyHint>
          </button>
        )}
      </div>
    </ScreenHeader>
  );
}

function SessionProgress({
  next,
  done,
  current,
}: {
  next: StudyNext;
  done: number;
  current?: ReturnType<typeof queueOf>;
}) {
  return (
    <div className="session-progress">
      <span className="progress" data-testid="progress" aria-live="polite" aria-atomic="true">
        done {done} · left {total(next.counts)}
      </span>
      <QueueCounts counts={next.counts} current={current} testIdPrefix="left" />
    </div>
  );
}

/** Says the session is a custom one, and whether answering changes the schedule; the hover says what it studies. */
function CustomBadge({ custom }: { custom: CustomStudy }) {
  const effect = custom.reschedules
    ? 'answers reschedule the cards'
    : 'practice only: the schedule and the review log stay as they are';
  return (
    <span className="custom-badge" data-testid="custom-badge" title={`${custom.label}; ${effect}.`}>
      Custom · {custom.reschedules ? 'reschedules' : 'no rescheduling'}
    </span>
  );
}
