/**
 * Schema 8: the review log becomes truly append-only. Its rows move to `review_log`, whose ids are
 * never reused (AUTOINCREMENT), and an undo no longer deletes a row: it marks it undone, with when.
 * `reviews` becomes the view of the answers that stand, so every reader keeps asking what it asked.
 * The only change a row may ever see is that one mark, once; a row leaves the log only with its
 * card, when the person deletes the card (which keeps it whole, for undo).
 *
 * card_events gains the memory state an import brings (Anki's FSRS stability and difficulty), so a
 * card whose schedule came from elsewhere still equals a replay of its log. Its ids are never reused
 * either.
 */
const REVIEW_COLUMNS = `card_id, reviewed_at, rating, duration_ms, retrievability, study_day, hour, first_of_day, kind,
  state_before, due_before, stability_before, difficulty_before, elapsed_days_before, scheduled_days_before,
  learning_steps_before, reps_before, lapses_before, last_review_before,
  state_after, due_after, stability_after, difficulty_after, elapsed_days_after, scheduled_days_after,
  learning_steps_after, desired_retention`;

export const appendOnlyLog = `
CREATE TABLE review_log (
  id                    INTEGER PRIMARY KEY AUTOINCREMENT,
  card_id               INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  reviewed_at           INTEGER NOT NULL,
  rating                INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  duration_ms           INTEGER NOT NULL CHECK (duration_ms >= 0),
  retrievability        REAL,
  study_day             INTEGER NOT NULL,
  hour                  INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  first_of_day          INTEGER NOT NULL CHECK (first_of_day IN (0, 1)),
  kind                  INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),
  state_before          INTEGER NOT NULL,
  due_before            INTEGER NOT NULL,
  stability_before      REAL    NOT NULL,
  difficulty_before     REAL    NOT NULL,
  elapsed_days_before   INTEGER NOT NULL,
  scheduled_days_before INTEGER NOT NULL,
  learning_steps_before INTEGER NOT NULL,
  reps_before           INTEGER NOT NULL,
  lapses_before         INTEGER NOT NULL,
  last_review_before    INTEGER,
  state_after           INTEGER NOT NULL,
  due_after             INTEGER NOT NULL,
  stability_after       REAL    NOT NULL,
  difficulty_after      REAL    NOT NULL,
  elapsed_days_after    INTEGER NOT NULL,
  scheduled_days_after  INTEGER NOT NULL,
  learning_steps_after  INTEGER NOT NULL,
  desired_retention     REAL,
  -- when the answer was undone; NULL while it stands
  undone_at             INTEGER
);
INSERT INTO review_log (id, ${REVIEW_COLUMNS}) SELECT id, ${REVIEW_COLUMNS} FROM reviews ORDER BY id;
DROP TABLE reviews;

CREATE VIEW reviews AS SELECT id, ${REVIEW_COLUMNS} FROM review_log WHERE undone_at IS NULL;

-- the same lookups as before, over the answers that stand
CREATE INDEX review_log_card ON review_log (card_id, reviewed_at) WHERE undone_at IS NULL;
CREATE INDEX review_log_time ON review_log (reviewed_at) WHERE undone_at IS NULL;
CREATE INDEX review_log_day ON review_log (study_day) WHERE undone_at IS NULL;

CREATE TRIGGER review_log_append_only BEFORE UPDATE OF ${REVIEW_COLUMNS.replace(/\s+/g, ' ')}, id ON review_log
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only');
END;
CREATE TRIGGER review_log_undone_once BEFORE UPDATE OF undone_at ON review_log
WHEN OLD.undone_at IS NOT NULL OR NEW.undone_at IS NULL
BEGIN
  SELECT RAISE(ABORT, 'an answer is undone once, and stays undone');
END;

-- rows leave the log only with their card, when the person deletes it (and then whole, into deleted_cards)
CREATE TRIGGER review_log_kept BEFORE DELETE ON review_log
WHEN EXISTS (SELECT 1 FROM cards WHERE id = OLD.card_id)
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only: answers leave it only with their deleted card');
END;

CREATE TRIGGER snapshots_review_added AFTER INSERT ON review_log
BEGIN
  DELETE FROM memory_snapshots WHERE at >= NEW.reviewed_at;
END;
CREATE TRIGGER snapshots_review_undone AFTER UPDATE OF undone_at ON review_log
BEGIN
  DELETE FROM memory_snapshots WHERE at >= OLD.reviewed_at;
END;
CREATE TRIGGER snapshots_review_removed AFTER DELETE ON review_log
BEGIN
  DELETE FROM memory_snapshots WHERE at >= OLD.reviewed_at;
END;

CREATE TABLE card_events_log (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  card_id    INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  at         INTEGER NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('reset', 'set_due', 'memory')),
  -- the new due moment, for set_due
  due        INTEGER,
  -- the memory state an import brought, for memory
  stability  REAL,
  difficulty REAL,
  CHECK (kind <> 'set_due' OR due IS NOT NULL),
  CHECK (kind <> 'memory' OR (stability IS NOT NULL AND difficulty IS NOT NULL))
);
INSERT INTO card_events_log (id, card_id, at, kind, due) SELECT id, card_id, at, kind, due FROM card_events ORDER BY id;
DROP TABLE card_events;
ALTER TABLE card_events_log RENAME TO card_events;
CREATE INDEX card_events_card ON card_events (card_id, at);
CREATE TRIGGER card_events_append_only BEFORE UPDATE ON card_events
BEGIN
  SELECT RAISE(ABORT, 'card events are append-only');
END;
CREATE TRIGGER card_events_kept BEFORE DELETE ON card_events
WHEN EXISTS (SELECT 1 FROM cards WHERE id = OLD.card_id)
BEGIN
  SELECT RAISE(ABORT, 'card events are append-only: they leave the log only with their deleted card');
END;
`;
