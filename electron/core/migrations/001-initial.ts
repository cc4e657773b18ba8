/** Schema 1: decks, sections, cards with their current scheduling state, and the append-only review log. */
export const initialSchema = `
CREATE TABLE decks (
  id             INTEGER PRIMARY KEY,
  key            TEXT    NOT NULL UNIQUE,
  name           TEXT    NOT NULL,
  description    TEXT    NOT NULL DEFAULT '',
  -- where the deck came from ('bundled:<file>' for decks shipped with Cue) and the version loaded
  source         TEXT,
  source_version INTEGER NOT NULL DEFAULT 0,
  new_per_day    INTEGER NOT NULL DEFAULT 20 CHECK (new_per_day >= 0),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);

CREATE TABLE sections (
  id          INTEGER PRIMARY KEY,
  deck_id     INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  key         TEXT    NOT NULL,
  name        TEXT    NOT NULL,
  description TEXT    NOT NULL DEFAULT '',
  position    INTEGER NOT NULL,
  UNIQUE (deck_id, key)
);

CREATE TABLE cards (
  id              INTEGER PRIMARY KEY,
  deck_id         INTEGER NOT NULL REFERENCES decks(id) ON DELETE CASCADE,
  section_id      INTEGER NOT NULL REFERENCES sections(id),
  key             TEXT    NOT NULL,
  position        INTEGER NOT NULL,
  question        TEXT    NOT NULL,
  answer          TEXT    NOT NULL,
  tags            TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  -- set when a person edits the card; a bundled update then leaves its content alone
  user_edited_at  INTEGER,
  -- scheduling state: a cache of replaying the card's reviews through FSRS
  state           INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
  due             INTEGER NOT NULL,
  stability       REAL    NOT NULL DEFAULT 0,
  difficulty      REAL    NOT NULL DEFAULT 0,
  elapsed_days    INTEGER NOT NULL DEFAULT 0,
  scheduled_days  INTEGER NOT NULL DEFAULT 0,
  learning_steps  INTEGER NOT NULL DEFAULT 0,
  reps            INTEGER NOT NULL DEFAULT 0,
  lapses          INTEGER NOT NULL DEFAULT 0,
  last_review     INTEGER,
  suspended       INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
  buried_until    INTEGER,
  UNIQUE (deck_id, key)
);
CREATE INDEX cards_queue ON cards (deck_id, state, due);
CREATE INDEX cards_section ON cards (section_id, state, due);
CREATE INDEX cards_new_order ON cards (deck_id, position) WHERE state = 0;
CREATE INDEX cards_buried ON cards (buried_until) WHERE buried_until IS NOT NULL;

-- One row per answer. Rows are never updated; undo deletes the newest row of a card.
CREATE TABLE reviews (
  id                    INTEGER PRIMARY KEY,
  card_id               INTEGER NOT NULL REFERENCES cards(id) ON DELETE CASCADE,
  reviewed_at           INTEGER NOT NULL,
  rating                INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
  duration_ms           INTEGER NOT NULL CHECK (duration_ms >= 0),
  -- predicted recall probability at the moment of the answer (null for new cards)
  retrievability        REAL,
  -- when it happened in the learner's terms, fixed at answer time: the study day (days since
  -- 1970-01-01, each starting at the rollover hour), the local hour, and whether it was the card's
  -- first answer that day (true retention counts only those)
  study_day             INTEGER NOT NULL,
  hour                  INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
  first_of_day          INTEGER NOT NULL CHECK (first_of_day IN (0, 1)),
  -- 0 learning, 1 young review, 2 mature review (interval >= 21 days), 3 relearning
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
  learning_steps_after  INTEGER NOT NULL
);
CREATE INDEX reviews_card ON reviews (card_id, reviewed_at);
CREATE INDEX reviews_time ON reviews (reviewed_at);
CREATE INDEX reviews_day ON reviews (study_day);

CREATE TRIGGER reviews_append_only BEFORE UPDATE ON reviews
BEGIN
  SELECT RAISE(ABORT, 'the review log is append-only');
END;

-- Reviews counted per section, study day, kind and rating: a cache of the review log, kept in the same
-- transaction as each answer and undo, so statistics over months and years are small queries.
CREATE TABLE review_days (
  section_id   INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  study_day    INTEGER NOT NULL,
  kind         INTEGER NOT NULL,
  rating       INTEGER NOT NULL,
  first_of_day INTEGER NOT NULL,
  reviews      INTEGER NOT NULL,
  duration_ms  INTEGER NOT NULL,
  PRIMARY KEY (section_id, study_day, kind, rating, first_of_day)
) WITHOUT ROWID;

-- The same by local hour, for the hourly breakdown; counted/passed as in true retention.
CREATE TABLE review_hours (
  section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  study_day  INTEGER NOT NULL,
  hour       INTEGER NOT NULL,
  reviews    INTEGER NOT NULL,
  counted    INTEGER NOT NULL,
  passed     INTEGER NOT NULL,
  PRIMARY KEY (section_id, study_day, hour)
) WITHOUT ROWID;

-- Each section's memory at past moments (ends of study days), computed once for the statistics'
-- history. A moment's figures depend only on the log up to it, so the triggers below drop exactly
-- the snapshots that a change to the past would alter.
CREATE TABLE memory_snapshots (
  section_id   INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
  at           INTEGER NOT NULL,
  cards        INTEGER NOT NULL,
  mastered     INTEGER NOT NULL,
  recall_sum   REAL    NOT NULL,
  recall_count INTEGER NOT NULL,
  PRIMARY KEY (section_id, at)
) WITHOUT ROWID;
CREATE INDEX memory_snapshots_at ON memory_snapshots (at);

CREATE TRIGGER snapshots_review_added AFTER INSERT ON reviews
BEGIN
  DELETE FROM memory_snapshots WHERE at >= NEW.reviewed_at;
END;
CREATE TRIGGER snapshots_review_removed AFTER DELETE ON reviews
BEGIN
  DELETE FROM memory_snapshots WHERE at >= OLD.reviewed_at;
END;
CREATE TRIGGER snapshots_card_added AFTER INSERT ON cards
BEGIN
  DELETE FROM memory_snapshots WHERE at >= NEW.created_at;
END;
CREATE TRIGGER snapshots_card_removed AFTER DELETE ON cards
BEGIN
  DELETE FROM memory_snapshots WHERE at >= OLD.created_at;
END;
CREATE TRIGGER snapshots_card_moved AFTER UPDATE OF section_id, deck_id ON cards
BEGIN
  DELETE FROM memory_snapshots WHERE section_id IN (OLD.section_id, NEW.section_id);
END;
`;
