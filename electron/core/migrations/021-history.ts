/**
 * Schema 21: the collection's undo history. Every change a person makes is one step in
 * `history_steps`, append-only like the review log: an undo or a redo is a step of its own naming the
 * step it takes back or makes again, never a change to an older row. Each row carries the two stacks
 * as they stand after it (ids of the steps that can be undone and redone, newest last, at most 100),
 * so the state is one look at the newest row whatever the history's length.
 *
 * A schedule change that is not an answer (a reset, a due date) can be undone too: card_events gains
 * `undone_at`, set once, as review_log's, and replay skips an event that carries it.
 */
export const history = `
CREATE TABLE history_steps (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         INTEGER NOT NULL,
  action     TEXT    NOT NULL CHECK (action IN ('do', 'undo', 'redo', 'drop')),
  -- the step an undo or a redo acts on (or that a later change made impossible, dropped from its stack)
  target     INTEGER REFERENCES history_steps(id),
  label      TEXT    NOT NULL,
  -- what undo and redo need: the rows changed (before and after), the log entries added, the batch
  payload    TEXT    NOT NULL,
  undo_stack TEXT    NOT NULL,
  redo_stack TEXT    NOT NULL,
  CHECK ((action = 'do') = (target IS NULL))
);

CREATE TRIGGER history_steps_append_only BEFORE UPDATE ON history_steps
BEGIN
  SELECT RAISE(ABORT, 'the history is append-only');
END;
CREATE TRIGGER history_steps_kept BEFORE DELETE ON history_steps
BEGIN
  SELECT RAISE(ABORT, 'the history is append-only');
END;

ALTER TABLE card_events ADD COLUMN undone_at INTEGER;
DROP TRIGGER card_events_append_only;
CREATE TRIGGER card_events_append_only
BEFORE UPDATE OF id, card_id, at, kind, due, stability, difficulty, state, scheduled_days, learning_steps,
  reps, lapses, last_review ON card_events
BEGIN
  SELECT RAISE(ABORT, 'card events are append-only');
END;
CREATE TRIGGER card_events_undone_once BEFORE UPDATE OF undone_at ON card_events
WHEN OLD.undone_at IS NOT NULL OR NEW.undone_at IS NULL
BEGIN
  SELECT RAISE(ABORT, 'a schedule change is undone once, and stays undone');
END;
`;
