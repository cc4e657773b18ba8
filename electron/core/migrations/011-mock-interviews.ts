/**
 * Schema 11: mock interviews. A session is its questions in the order they are asked, each with the
 * time limit it was asked under, when it was shown, the time the person took (from the question shown to
 * "done", or the limit when time ran out) and, once graded, the review it made and what that answer did
 * beside scheduling (for undo, even after a restart). The review log is untouched: the answer time lives
 * here because review_log.duration_ms is capped at 60 s, as Anki caps it.
 *
 * No foreign keys to cards, sections or decks: a delete moves those rows aside and its undo brings them
 * back under the same ids, so a session's history must outlive the delete rather than cascade away.
 */
export const mockInterviews = `
CREATE TABLE mock_sessions (
  id          INTEGER PRIMARY KEY,
  deck_id     INTEGER NOT NULL,
  -- 'weakest' or 'random', and the seed a random order (and weakest's ties) came from
  draw_order  TEXT    NOT NULL CHECK (draw_order IN ('weakest', 'random')),
  seed        INTEGER NOT NULL,
  -- the sections chosen, as a JSON array of ids
  section_ids TEXT    NOT NULL CHECK (json_valid(section_ids)),
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER
);
CREATE INDEX mock_sessions_running ON mock_sessions (deck_id) WHERE ended_at IS NULL;

CREATE TABLE mock_questions (
  session_id    INTEGER NOT NULL REFERENCES mock_sessions(id) ON DELETE CASCADE,
  -- 1, 2, 3 … in the order asked
  position      INTEGER NOT NULL CHECK (position >= 1),
  card_id       INTEGER NOT NULL,
  -- the card's section when drawn: answer times are counted by it
  section_id    INTEGER NOT NULL,
  limit_ms      INTEGER NOT NULL CHECK (limit_ms > 0),
  shown_at      INTEGER,
  answered_at   INTEGER,
  time_taken_ms INTEGER CHECK (time_taken_ms >= 0),
  timed_out     INTEGER CHECK (timed_out IN (0, 1)),
  review_id     INTEGER,
  rating        INTEGER CHECK (rating BETWEEN 1 AND 4),
  -- what the grade did beside scheduling (siblings buried, a leech marked), as JSON, for undo
  effects       TEXT CHECK (effects IS NULL OR json_valid(effects)),
  graded_at     INTEGER,
  PRIMARY KEY (session_id, position)
) WITHOUT ROWID;
CREATE INDEX mock_questions_answered ON mock_questions (section_id, answered_at) WHERE answered_at IS NOT NULL;

-- A section's own time limit over its default (see electron/core/mock-interview/mock-limits.ts).
CREATE TABLE mock_section_limits (
  section_id INTEGER PRIMARY KEY,
  limit_ms   INTEGER NOT NULL CHECK (limit_ms > 0)
);
`;
